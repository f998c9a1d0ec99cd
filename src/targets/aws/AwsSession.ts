import { setTimeout as delay } from 'node:timers/promises';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { HarnessError } from '../../errors/HarnessError.ts';
import { latestRevisionId, operationFacts } from '../../lambda/catalogue.ts';
import type { EventName } from '../../lambda/catalogue.ts';
import type { Observation } from '../../lambda/Observation.ts';
import { formatOperation } from '../../lambda/Operation.ts';
import type { Operation } from '../../lambda/Operation.ts';
import { observeResponse } from '../observeResponse.ts';
import { SessionBook } from '../SessionBook.ts';
import type { ApplyOptions, InjectOutcome, SessionContext, TargetSession } from '../Target.ts';
import type { ResolvedAwsTargetOptions } from './AwsTargetOptions.ts';
import { checkAnswer } from './checkAnswer.ts';
import { cleanupCommand } from './cleanupCommand.ts';
import {
  boundedBy,
  deleteOwnedFunctions,
  describeNotDeleted,
  type CleanupBounds,
} from './deleteOwnedFunctions.ts';
import type { FunctionArns } from './FunctionArns.ts';
import { unqualifiedArn } from './FunctionArns.ts';
import type { LambdaCaller } from './LambdaCaller.ts';
import { Ownership } from './Ownership.ts';
import { retryUntil } from './retryUntil.ts';
import { isTaggedBy, realFunctionName } from './runLabels.ts';
import { sendOperation } from './sendOperation.ts';
import type { OperationContext } from './sendOperation.ts';
import { sendEventRequest } from './sendEventRequest.ts';

/** How long after the deletes a create cut off in flight is looked for again (ms). */
const LATE_LOOK_MS = 1000;

/**
 * Once the run is stopped (Ctrl-C, SIGTERM, its target gone), cleanup is bounded tighter: each
 * request at most this long (ms), and no new round of retries {@link INTERRUPTED_CLEANUP_MS} after
 * the stop. A person waits for it; what an unresponsive endpoint keeps is named with the command
 * that removes it.
 */
const INTERRUPTED_REQUEST_MS = 3000;
const INTERRUPTED_CLEANUP_MS = 5000;
/** The least a cleanup request is given once the stopped run's deadline is near or past (ms). */
const LAST_REQUEST_MS = 250;

/** What a session shares with its target. */
export interface AwsSessionDeps {
  readonly client: LambdaClient;
  readonly caller: LambdaCaller;
  readonly options: ResolvedAwsTargetOptions;
  readonly role: string;
  /** Function ARNs for tagging calls, learned by every session of the target. */
  readonly arns: FunctionArns;
  /** Called once the session's cleanup has finished, whatever it left. */
  readonly onClosed?: (session: AwsSession) => void;
  /** Tries whether the endpoint went away after `detail`, the trouble seen (see `GoneWatch`). */
  readonly isGone?: (detail: string) => Promise<boolean>;
}

/**
 * One run against a Lambda endpoint (real AWS or an emulator) on wall-clock time. It creates only
 * functions named `<prefix>-<runId>-<fn>` and tagged with the run, never changes a function it did
 * not create, and deletes everything it created on `close`, even after an abort.
 */
export class AwsSession implements TargetSession {
  readonly #deps: AwsSessionDeps;
  readonly #ctx: SessionContext;
  readonly #book: SessionBook;
  readonly #ownership = new Ownership();
  readonly #openedAt = performance.now();
  #closing: Promise<void> | undefined;
  /** What the finished cleanup could not delete; undefined until it has finished. */
  #leftAfterCleanup: readonly string[] | undefined;

  constructor(deps: AwsSessionDeps, ctx: SessionContext) {
    this.#deps = deps;
    this.#ctx = ctx;
    // Only the revision, package-type and tag bookkeeping is used; names are this target's own.
    this.#book = new SessionBook({ runId: ctx.runId, region: '', accountId: '' });
  }

  async apply(op: Operation, options: ApplyOptions = {}): Promise<Observation> {
    this.#assertOpen();
    const name = realFunctionName(this.#deps.options.namePrefix, this.#ctx.runId, op.fn);
    const signal = options.signal ?? this.#ctx.signal;
    if (operationFacts(op.name)?.access === 'write') {
      const refusal = await this.#refusalToChange(name, signal);
      if (refusal !== undefined) {
        return { kind: 'inconclusive', reason: `${formatOperation(op)}: ${refusal}` };
      }
    }
    const context = this.#operationContext(signal);
    const outcome = await sendOperation(
      options.waitMs === undefined ? context : { ...context, waitMs: options.waitMs },
      op,
      name,
    );
    if (op.name === 'CreateFunction') await this.#recordCreate(name, outcome);
    switch (outcome.kind) {
      case 'ok': {
        const revisionId = latestRevisionId(op.name, outcome.value, op.args);
        if (revisionId !== undefined) this.#book.observeRevision(op.fn, revisionId);
        this.#book.observeVersion(op, outcome.value);
        return { kind: 'ok', fields: observeResponse(op.name, outcome.value, name, op.args) };
      }
      case 'error':
        return outcome;
      case 'inconclusive':
        return { kind: 'inconclusive', reason: `${formatOperation(op)}: ${outcome.reason}` };
    }
  }

  /** Really waits `ms`; stops waiting early (without error) when the run is aborted. */
  async advance(ms: number): Promise<void> {
    this.#assertOpen();
    if (!Number.isFinite(ms) || ms < 0) {
      throw new HarnessError(
        'INVALID_ADVANCE',
        `advance(${String(ms)}): give a finite number of milliseconds ≥ 0`,
      );
    }
    const signal = this.#ctx.signal;
    await delay(ms, undefined, signal === undefined ? {} : { signal }).catch(() => undefined);
  }

  async inject(event: EventName, fn: string): Promise<InjectOutcome> {
    this.#assertOpen();
    const request = this.#deps.options.events.get(event);
    if (request === undefined) {
      throw new HarnessError(
        'EVENT_NOT_SUPPORTED',
        `the aws target cannot inject '${event}': add it to the scenario's target.events`,
      );
    }
    const functionName = realFunctionName(this.#deps.options.namePrefix, this.#ctx.runId, fn);
    const region = await this.#deps.client.config.region();
    const functionArn = await this.#functionArn(functionName);
    const endpoint = this.#deps.options.endpoint ?? '';
    const outcome = await sendEventRequest(
      request,
      { functionName, functionArn, region, event, endpoint },
      this.#deps.options.callTimeoutMs,
      this.#ctx.signal,
    );
    if (outcome.kind !== 'inconclusive') return outcome;
    // No answer at all: when the endpoint itself is gone too, the run stops (inconclusive) on the
    // target's `gone` signal; otherwise the step is inconclusive and ends its sequence.
    if (outcome.unanswered === true) await this.#deps.isGone?.(outcome.reason);
    return { kind: 'inconclusive', reason: outcome.reason };
  }

  /** The run id in this session's function names and tags. */
  get runId(): string {
    return this.#ctx.runId;
  }

  /**
   * The functions this session may leave behind if the process stopped now: every name it created
   * or may have created, until its cleanup has finished; then only what that could not delete.
   */
  mayLeaveBehind(): string[] {
    if (this.#leftAfterCleanup !== undefined) return [...this.#leftAfterCleanup];
    return [...this.#ownership.ownedNames(), ...this.#ownership.uncertainNames()];
  }

  now(): number {
    return performance.now() - this.#openedAt;
  }

  close(): Promise<void> {
    this.#closing ??= this.#cleanUp().finally(() => this.#deps.onClosed?.(this));
    return this.#closing;
  }

  /**
   * Settles every name that may exist (a CreateFunction whose answer was lost) by reading its tags,
   * then deletes every function this session owns, each retried until the cleanup deadline. What
   * is still there is named, with the command that removes it, in a HarnessError `CLEANUP_FAILED`.
   */
  async #cleanUp(): Promise<void> {
    const { options } = this.#deps;
    const bounds = this.#cleanupBounds();
    const unsure = await this.#settleUncertain(this.#ownership.uncertainNames(), bounds);
    // A create cut off in flight may still be applied: look again a little later.
    const late = this.#ownership
      .uncertainNames()
      .filter((n) => this.#ownership.mayAppearLate(n) && !unsure.includes(n));
    const owned = this.#ownership.ownedNames();
    const failures = await deleteOwnedFunctions(this.#deps, owned, bounds);
    const lookedAt = new Set(owned);
    if (late.length > 0) {
      await options.sleep(Math.max(0, Math.min(LATE_LOOK_MS, bounds.deadline() - Date.now())));
      unsure.push(...(await this.#settleUncertain(late, bounds, true)));
      const appeared = this.#ownership.ownedNames().filter((n) => !lookedAt.has(n));
      failures.push(...(await deleteOwnedFunctions(this.#deps, appeared, bounds)));
    }
    this.#leftAfterCleanup = [...failures.map((f) => f.name), ...unsure];
    const left = [
      ...failures.map(describeNotDeleted),
      ...unsure.map(
        (name) => `${name}: may exist (its CreateFunction answer was lost) and could not be read`,
      ),
    ];
    if (left.length > 0) {
      throw new HarnessError(
        'CLEANUP_FAILED',
        `could not delete ${left.join('; ')}; remove what is left with: ${cleanupCommand(options, [this.#ctx.runId])}`,
      );
    }
  }

  /**
   * How long cleanup goes on. Patience runs from when the endpoint fell silent (one that is gone
   * gets one round) for `cleanupTimeoutMs`. Once the run is stopped (Ctrl-C, the target gone), also
   * while cleanup runs, it is bounded tighter: {@link INTERRUPTED_CLEANUP_MS} from the stop, each
   * request at most {@link INTERRUPTED_REQUEST_MS} and no longer than what is left of that (but
   * {@link LAST_REQUEST_MS}).
   */
  #cleanupBounds(): CleanupBounds {
    const { caller, options } = this.#deps;
    const patience = (caller.silentSince ?? Date.now()) + options.cleanupTimeoutMs;
    const started = Date.now();
    let stoppedAt: number | undefined;
    const stopped = (): number | undefined => {
      if (stoppedAt === undefined && this.#ctx.signal?.aborted === true) stoppedAt = Date.now();
      return stoppedAt === undefined ? undefined : Math.max(started, stoppedAt);
    };
    const deadline = (): number => {
      const at = stopped();
      return at === undefined ? patience : Math.min(patience, at + INTERRUPTED_CLEANUP_MS);
    };
    return {
      deadline,
      // No request outlasts the deadline by more than a moment: a round begun just before it
      // (each name its request) once held a stopped run ~8 s past its bound.
      requestTimeoutMs: () =>
        stopped() === undefined
          ? undefined
          : Math.min(INTERRUPTED_REQUEST_MS, Math.max(LAST_REQUEST_MS, deadline() - Date.now())),
    };
  }

  /**
   * Reads the tags of each name that may exist until its probe is conclusive or the deadline
   * passes; a function found tagged with this run becomes owned. `again`: a second look at names a
   * first look found absent, which drops those still absent. Returns the names still unknown.
   */
  async #settleUncertain(
    names: readonly string[],
    bounds: CleanupBounds,
    again = false,
  ): Promise<string[]> {
    const { options } = this.#deps;
    const deadline = (): number => bounds.deadline();
    const pacing = { deadline, retry: options.retry, sleep: options.sleep };
    const unknown: string[] = [];
    for (const name of names) {
      const probe = await retryUntil(
        () => this.#probe(name, { cleanup: true, bounds }, again),
        (p) => p !== 'unknown',
        pacing,
      );
      if (probe === 'unknown') unknown.push(name);
    }
    return unknown;
  }

  #operationContext(signal: AbortSignal | undefined): OperationContext {
    const { client, caller, options, role } = this.#deps;
    return {
      client,
      caller,
      book: this.#book,
      runId: this.#ctx.runId,
      role,
      runtime: options.runtime,
      imageUris: options.imageUris,
      signal,
      observesCode: options.observesCode,
      functionArn: (name) => this.#functionArn(name),
    };
  }

  /**
   * The unqualified ARN of `name`: the one its CreateFunction answered, else one built from the
   * client's region and the account learned so far (see {@link FunctionArns}).
   */
  async #functionArn(name: string): Promise<string> {
    const owned = this.#ownership.arnOf(name);
    if (owned !== undefined) return owned;
    return this.#deps.arns.arnOf(await this.#deps.client.config.region(), name);
  }

  async #recordCreate(
    name: string,
    outcome: Awaited<ReturnType<typeof sendOperation>>,
  ): Promise<void> {
    if (outcome.kind === 'ok') {
      const answered = (outcome.value as { FunctionArn?: unknown }).FunctionArn;
      const arn = typeof answered === 'string' ? unqualifiedArn(answered) : answered;
      this.#deps.arns.learn(arn);
      if (typeof arn === 'string') this.#ownership.created(name, arn);
      else this.#ownership.created(name, await this.#functionArn(name));
    } else if (outcome.kind === 'inconclusive') {
      this.#ownership.maybeCreated(name, outcome.inFlight === true);
    }
  }

  /**
   * Why a mutating call on `name` must not be sent, or `undefined` when it may be: the session
   * created the function, or a probe shows no function of that name exists (the call can then only
   * be refused with a 404, which the spec expects to observe; the name embeds this run's id, so no
   * one else creates it in between). A function that exists but is not tagged with this run is
   * foreign and never touched.
   */
  async #refusalToChange(
    name: string,
    signal: AbortSignal | undefined,
  ): Promise<string | undefined> {
    if (this.#ownership.isOwned(name)) return undefined;
    const probe = await this.#probe(name, { cleanup: false }, false, signal);
    switch (probe) {
      case 'ours':
      case 'absent':
        return undefined;
      case 'foreign':
        return `${name} was not created by this run; the aws target never changes a function it did not create`;
      case 'unknown':
        return `could not tell whether ${name} was created by this run (${this.#probeTrouble ?? 'its GetFunction failed'}), so it was left alone`;
    }
  }

  /**
   * Reads `name`'s tags: `ours` (tagged with this run; adopted as owned, e.g. after an
   * inconclusive create), `absent` (404), `foreign`, or `unknown` (the read itself failed).
   */
  async #probe(
    name: string,
    how: { readonly cleanup: boolean; readonly bounds?: CleanupBounds },
    lastLook = false,
    signal: AbortSignal | undefined = this.#ctx.signal,
  ): Promise<'ours' | 'absent' | 'foreign' | 'unknown'> {
    const { cleanup, bounds } = how;
    const outcome = await this.#deps.caller.call(
      'GetFunction',
      async (abortSignal) =>
        checkAnswer(
          'GetFunction',
          await this.#deps.client.send(new GetFunctionCommand({ FunctionName: name }), {
            abortSignal,
          }),
        ),
      {
        idempotent: true,
        cleanup,
        signal: cleanup ? undefined : signal,
        ...(bounds === undefined ? {} : boundedBy(bounds)),
      },
    );
    if (outcome.kind === 'inconclusive') {
      this.#probeTrouble = outcome.reason;
      return 'unknown';
    }
    if (outcome.kind === 'error') {
      if (outcome.status !== 404) {
        this.#probeTrouble = `GetFunction: ${outcome.type} (${String(outcome.status)}): ${outcome.message}`;
        return 'unknown';
      }
      // A create cut off in flight may still land: only the last look drops the name.
      if (lastLook || !this.#ownership.mayAppearLate(name)) this.#ownership.notCreated(name);
      return 'absent';
    }
    if (!isTaggedBy(outcome.value.Tags, this.#ctx.runId)) {
      this.#ownership.notCreated(name);
      return 'foreign';
    }
    const arn = outcome.value.Configuration?.FunctionArn;
    this.#deps.arns.learn(arn);
    this.#ownership.created(name, arn ?? (await this.#functionArn(name)));
    return 'ours';
  }

  /** Why the latest probe that came back `unknown` did, for the message that names it. */
  #probeTrouble: string | undefined;

  #assertOpen(): void {
    if (this.#closing !== undefined) {
      throw new HarnessError('SESSION_CLOSED', 'this aws session is closed; open a new one');
    }
  }
}
