import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandExecutor } from '../commands/buildCommands.ts';
import { formatCommand, type HarnessCommand } from '../commands/HarnessCommand.ts';
import type { FunctionMonitor } from '../monitor/Monitor.ts';
import { describeObservation } from '../monitor/Verdict.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Strictness } from '../spec/strictness.ts';
import { formatOperation, type Operation } from '../lambda/Operation.ts';
import { isWaiterName } from '../lambda/catalogue.ts';
import type { ApplyOptions, InjectOutcome, TargetSession } from '../targets/Target.ts';
import type { Observation } from '../lambda/Observation.ts';
import { eventHasEffect } from './eventEffect.ts';
import { waiterCapMs } from './waiterCap.ts';
import { describePending, pendingTransitions } from './pendingTransitions.ts';
import type { ExecutedStep } from './RunRecorder.ts';
import type { TraceEntry } from './RunRecord.ts';
import {
  noteUndecidable,
  StepChecker,
  type DivergenceVerdict,
  type RunTally,
} from './StepChecker.ts';
import { undecidableWait, type UndecidableWait } from '../monitor/undecidableWait.ts';

/** Thrown inside a property run when the target diverges; fast-check then shrinks the sequence. */
export class DivergenceFound extends Error {
  override readonly name = 'DivergenceFound';
  constructor(
    readonly verdict: DivergenceVerdict,
    readonly command: string,
    private readonly traceOf: () => readonly TraceEntry[],
    /** The top-level commands executed, the failing one last: a replayable sequence. */
    readonly commands: readonly HarnessCommand[],
    private readonly monitor: Pick<FunctionMonitor, 'explainDivergence'>,
  ) {
    super(
      `${command}: ${describeObservation(verdict.observation)} breaks ${verdict.rules.join(', ')}`,
    );
  }

  /** The trace that ends in the divergence (formatted on demand: most failures are shrink steps). */
  get trace(): readonly TraceEntry[] {
    return this.traceOf();
  }

  /**
   * The divergence with its culprit: when an earlier observation is to blame, its operation is
   * named. Costly, so only for the counterexample that is reported.
   */
  explain(): { verdict: DivergenceVerdict; command: string } {
    // Computed once: callers ask more than once, and the blame analysis is costly.
    if (this.explained === undefined) {
      const verdict = this.monitor.explainDivergence() ?? this.verdict;
      const command =
        verdict.culprit === undefined ? this.command : formatOperation(verdict.culprit.operation);
      this.explained = { verdict, command };
    }
    return this.explained;
  }

  private explained: { verdict: DivergenceVerdict; command: string } | undefined;

  /** What makes two divergences the same finding: the blamed rule and the category. */
  get key(): string {
    return divergenceKey(this.explain().verdict);
  }
}

/** `rule|category`: the blamed rule (the best-matching state's) and how the observation broke it. */
export function divergenceKey(verdict: DivergenceVerdict): string {
  return `${blamedRule(verdict)}|${verdict.category}`;
}

/** The rule a divergence is reported under: the first expectation's (the best-matching state's). */
export function blamedRule(verdict: DivergenceVerdict): string {
  return verdict.expectations[0]?.ruleId ?? verdict.rules[0] ?? 'unknown';
}

/** A wait's own trace text (`time +1000ms`), written only when the trace is formatted. */
const WAITED = Symbol('waited');

/** A trace entry before formatting: formatting every step would cost more than checking it. */
interface RawEntry {
  readonly at: number;
  readonly command: HarnessCommand;
  readonly observation: Observation | string | typeof WAITED;
  readonly verdict: TraceEntry['verdict'];
  readonly rules: readonly string[];
}

function formatEntry(e: RawEntry, index: number): TraceEntry {
  return {
    index,
    at: e.at,
    command: formatCommand(e.command),
    observation:
      e.observation === WAITED
        ? `time +${e.command.kind === 'wait' ? e.command.ms : 0}ms`
        : typeof e.observation === 'string'
          ? e.observation
          : describeObservation(e.observation),
    verdict: e.verdict,
    rules: e.rules,
  };
}

/** Apply options of most operations: none (shared, not made per operation). */
const NO_APPLY_OPTIONS: ApplyOptions = Object.freeze({});

/** Thrown when the run's signal aborts mid-sequence; the runner reports the run as interrupted. */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
  constructor() {
    super('run interrupted');
  }
}

/** How one execution is set up. */
export interface ExecutionOptions {
  /** The run's abort signal: once aborted, no further command runs (the sequence ends at once). */
  readonly signal?: AbortSignal;
  /**
   * Rules of known divergences (`--baseline`). A divergence blamed on one of them is reported to
   * `onKnown` and the step is taken as unknown, so checking goes on after it.
   */
  readonly knownRules?: ReadonlySet<string>;
  readonly onKnown?: (rule: string, divergence: DivergenceFound) => void;
  /**
   * Called with every divergence of a rule that is not known. `continue`: the monitor re-anchors on
   * what the target answered and the sequence goes on; `stop`: the divergence is thrown (what
   * happens when this is not set).
   */
  readonly onDivergence?: (divergence: DivergenceFound) => 'continue' | 'stop';
  /**
   * `false`: after a divergence no rule explains, do not read the function back (a side of `diff`
   * compares step by step with another side, which must see the same steps). Default true.
   */
  readonly readBack?: boolean;
  /** Called with every step as it happens (for `--record`). */
  readonly onStep?: (step: ExecutedStep) => void;
  readonly reading: string;
  /** Default `all`; `documented` makes inferred rules informational (see `Strictness`). */
  readonly strictness?: Strictness;
  readonly unobservable: ReadonlySet<string>;
  readonly virtualTime: boolean;
  /**
   * Set when `signal` also carries the run's time budget (a live run's lanes). On real time, a
   * sequence the budget stops while a transition is pending does not drop it: a few last reads of
   * each such function decide it (past its bound: a `too-late` divergence) or name it as
   * inconclusive with how long it has been pending. `interrupt` is the run's own signal: a sequence
   * it stops (Ctrl-C) ends at once.
   */
  readonly timeBudget?: { readonly interrupt?: AbortSignal };
}

/**
 * How long (ms) the functions of a sequence the time budget stopped are still read, when one of
 * them has a transition pending (real time only; see `Execution.decideAtStop`).
 */
export const STOP_GRACE_MS = 3_000;

/**
 * Runs one sequence of harness commands against one session, checks each observation with a
 * {@link StepChecker} (which accounts for it in the run's tally) and keeps the trace. Throws
 * {@link DivergenceFound} on divergence.
 */
export class Execution implements CommandExecutor {
  private readonly checker: StepChecker;
  private readonly raw: RawEntry[] = [];
  /** Top-level commands executed so far (Settle's polls are not listed: Settle replays them). */
  readonly executed: HarnessCommand[] = [];
  /**
   * Why the sequence ended early, when it did: a setup error of the run, or an event request that
   * may or may not have applied. Nothing after it can be judged, so no further command runs.
   */
  private ended: string | undefined;

  constructor(
    private readonly spec: Spec,
    private readonly session: TargetSession,
    private readonly tally: RunTally,
    private readonly options: ExecutionOptions,
  ) {
    this.checker = new StepChecker(spec, tally, {
      reading: options.reading,
      ...(options.strictness !== undefined ? { strictness: options.strictness } : {}),
      unobservable: options.unobservable,
      ...(options.knownRules !== undefined ? { knownRules: options.knownRules } : {}),
      keepGoing: options.onDivergence !== undefined,
    });
  }

  /** Set while the function is read back after a divergence (a read-back is not read back). */
  private readingBack = false;

  /** The steps so far, formatted. */
  get trace(): TraceEntry[] {
    return this.raw.map(formatEntry);
  }

  /**
   * Whether `cmd` is worth running now (fast-check leaves out a command whose `check` says no):
   * nothing after the sequence ended, and an `Inject` only where the spec gives the event an effect
   * on the function as it may be now (see {@link eventHasEffect}).
   */
  accepts(cmd: HarnessCommand): boolean {
    if (this.ended !== undefined) return false;
    if (cmd.kind !== 'inject') return true;
    const states = this.checker.monitorOf(cmd.fn).possibleStates;
    return eventHasEffect(this.spec, states, cmd.event, this.options.reading);
  }

  async execute(cmd: HarnessCommand): Promise<void> {
    try {
      await this.run(cmd);
    } catch (error) {
      if (error instanceof RunInterrupted) await this.decideAtStop();
      throw error;
    }
  }

  /** Starts `cmd` (not itself async: one promise per command less, on the hot path). */
  private run(cmd: HarnessCommand): Promise<void> | undefined {
    this.stopIfAborted();
    // A replayed sequence runs every command it holds; after an early end, they are no-ops.
    if (this.ended !== undefined) return undefined;
    this.executed.push(cmd);
    switch (cmd.kind) {
      case 'op':
        return this.operate(cmd.op);
      case 'wait':
        return this.wait(cmd);
      case 'inject':
        return this.inject(cmd);
      case 'settle':
        return this.settle();
    }
  }

  private async wait(cmd: Extract<HarnessCommand, { kind: 'wait' }>): Promise<void> {
    const at = this.session.now();
    await this.session.advance(cmd.ms);
    this.options.onStep?.({ type: 'wait', at, ms: cmd.ms });
    this.note(at, cmd, WAITED);
  }

  /**
   * Injects an environment event, then looks right away: whether it took effect is decided by the
   * Lambda API itself, not by trusting the environment's control channel. An event the environment
   * refused (4xx) is not applied to the monitor (information in the trace; the look decides); one
   * that may or may not have applied (5xx, network) makes the step inconclusive and ends the
   * sequence, since nothing after it could be judged.
   */
  private async inject(cmd: Extract<HarnessCommand, { kind: 'inject' }>): Promise<void> {
    const at = this.session.now();
    if (this.session.inject === undefined) throw new Error('target cannot inject events');
    const outcome: InjectOutcome = await this.session.inject(cmd.event, cmd.fn);
    this.options.onStep?.({
      type: 'inject',
      at,
      event: cmd.event,
      fn: cmd.fn,
      ...(outcome.kind === 'refused' ? { result: 'refused', detail: outcome.detail } : {}),
      ...(outcome.kind === 'inconclusive'
        ? { result: 'inconclusive', detail: outcome.reason }
        : {}),
    });
    switch (outcome.kind) {
      case 'applied': {
        const applied = this.checker.inject(cmd.fn, cmd.event, this.session.now());
        this.note(
          at,
          cmd,
          applied.length > 0 ? `event may apply (${applied.join(', ')})` : 'no effect possible',
          applied,
        );
        break;
      }
      case 'refused':
        this.note(at, cmd, `event not applied: ${outcome.detail}`);
        break;
      case 'inconclusive':
        this.raw.push({
          at,
          command: cmd,
          observation: `event may or may not have applied: ${outcome.reason}`,
          verdict: 'inconclusive',
          rules: [],
        });
        this.checker.noteInconclusive(formatCommand(cmd), outcome.reason);
        this.ended = outcome.reason;
        return;
    }
    await this.operate({ name: 'GetFunction', fn: cmd.fn, args: {} });
  }

  /**
   * How `op` is applied: with `lastRead`'s signal when given; an SDK waiter on real time polls no
   * longer than the spec's bounds call for ({@link waiterCapMs}), as Settle waits.
   */
  private applyOptions(
    op: Operation,
    now: number,
    lastRead: AbortSignal | undefined,
  ): ApplyOptions {
    const signal = lastRead === undefined ? NO_APPLY_OPTIONS : { signal: lastRead };
    if (this.options.virtualTime || !isWaiterName(op.name)) return signal;
    const states = this.checker.monitorOf(op.fn).possibleStates;
    return { ...signal, waitMs: waiterCapMs(this.spec, states, this.options.reading, now) };
  }

  private note(
    at: number,
    command: HarnessCommand,
    observation: string | typeof WAITED,
    rules: readonly string[] = [],
  ): void {
    this.raw.push({ at, command, observation, verdict: 'harness', rules });
  }

  /**
   * Applies one operation and checks its observation; throws {@link DivergenceFound} on a
   * divergence. `lastRead`: the signal of a read made after the time budget stopped the sequence
   * (see {@link decideAtStop}), which must not stop at the run's own signal.
   */
  private async operate(op: Operation, lastRead?: AbortSignal): Promise<void> {
    const startedAt = this.session.now();
    const obs = await this.session.apply(op, this.applyOptions(op, startedAt, lastRead));
    // An answer cut short by the interruption or the time budget says nothing about the target.
    if (lastRead === undefined) this.stopIfAborted();
    const endedAt = this.session.now();
    const { verdict, known, explained, readBack, setup } = this.checker.check(
      op,
      obs,
      startedAt,
      endedAt,
    );
    this.options.onStep?.({
      type: 'op',
      at: startedAt,
      end: endedAt,
      command: formatOperation(op),
      operation: op.name,
      fn: op.fn,
      args: op.args,
      observation: obs,
      verdict: verdict.kind,
      rules: verdict.rules,
    });
    this.raw.push({
      at: startedAt,
      command: { kind: 'op', op },
      observation: obs,
      verdict: verdict.kind,
      rules: verdict.rules,
    });
    if (setup !== undefined) {
      // A setup error of the run (kept in the tally): the runner stops generating.
      this.ended = setup;
      return;
    }
    if (verdict.kind !== 'divergence') return;
    const settled = known?.explained ?? explained;
    const monitor: Pick<FunctionMonitor, 'explainDivergence'> =
      settled === undefined
        ? this.checker.monitorOf(op.fn)
        : // Frozen: the monitor goes on past the divergence.
          { explainDivergence: () => settled };
    // The trace as it was at the divergence (the sequence may go on past it).
    const upTo = this.raw.length;
    const found = new DivergenceFound(
      verdict,
      formatOperation(op),
      () => this.raw.slice(0, upTo).map(formatEntry),
      [...this.executed],
      monitor,
    );
    if (known !== undefined) this.options.onKnown?.(known.rule, found);
    else if (this.options.onDivergence?.(found) !== 'continue') throw found;
    if (readBack === true && !this.readingBack && this.options.readBack !== false) {
      // No rule explains the answer: what the function looks like now re-anchors the monitor.
      this.readingBack = true;
      try {
        await this.operate({ name: 'GetFunction', fn: op.fn, args: {} });
      } finally {
        this.readingBack = false;
      }
    }
  }

  /**
   * Liveness on real time is never dropped: when the time budget (not an interrupt) stops the
   * sequence while some function still has an async transition to make, those functions are read
   * again (GetFunction, each read checked like any other) with a doubling delay for at most
   * {@link STOP_GRACE_MS}, each read with a signal of its own. An observation past a bound is a
   * `too-late` divergence (thrown as {@link DivergenceFound}, which the runner reports); a
   * transition still pending at the end is an inconclusive step naming it and how long it has been
   * pending. Once per sequence.
   */
  private async decideAtStop(): Promise<void> {
    const budget = this.options.timeBudget;
    if (budget === undefined || this.options.virtualTime || this.decidedAtStop) return;
    this.decidedAtStop = true;
    const deadline = Date.now() + STOP_GRACE_MS;
    let delay = 100;
    for (;;) {
      if (budget.interrupt?.aborted === true) return;
      const { fns } = this.checker.pending();
      if (fns.length === 0) return;
      for (const fn of fns) {
        const signal = AbortSignal.timeout(Math.max(500, deadline - Date.now()));
        await this.operate({ name: 'GetFunction', fn, args: {} }, signal);
      }
      if (Date.now() + delay > deadline) break;
      await sleep(delay);
      delay *= 2;
    }
    const now = this.session.now();
    for (const fn of this.checker.pending().fns) {
      const states = this.checker.monitorOf(fn).possibleStates;
      const pending = pendingTransitions(this.spec, states, this.options.reading, now);
      this.checker.noteInconclusive(
        formatOperation({ name: 'GetFunction', fn, args: {} }),
        `${describePending(pending)} when the time budget ended: whether it happens within its bound was not decided`,
      );
    }
  }

  private decidedAtStop = false;

  /** Ends the sequence when the run was interrupted: the runner then cleans up and reports. */
  private stopIfAborted(): void {
    if (this.options.signal?.aborted === true) throw new RunInterrupted();
  }

  /**
   * Waits until no function has an async transition left to make, polling GetFunction (each poll is
   * checked like any operation), until the spec's largest time bound passes. On virtual time the
   * delay doubles (waiting costs nothing); on real time it is capped at
   * {@link REAL_TIME_POLL_CAP_MS}, so a transition is seen soon after it happens, and a function
   * whose wait no answer to GetFunction can end before the bound ({@link undecidableWait}) is left
   * undecided for the sequence, noted in the trace and the tally, instead of being polled until then.
   */
  private async settle(): Promise<void> {
    const start = this.session.now();
    this.note(start, { kind: 'settle' }, 'polling GetFunction until no transition is pending');
    const { virtualTime } = this.options;
    let delay = virtualTime ? 1_000 : 100;
    const undecided = new Set<string>();
    for (;;) {
      // An interrupted run must not poll on: advance() returns at once after an abort.
      this.stopIfAborted();
      const pending = this.checker.pending();
      // A faithful target's answers cannot end such a wait, but a faulty one may still show its
      // fault: it is given UNDECIDED_GRACE_MS of polling before the wait is left undecided.
      if (!virtualTime && this.session.now() - start >= UNDECIDED_GRACE_MS) {
        for (const fn of pending.fns)
          if (!undecided.has(fn) && this.undecidable(fn)) undecided.add(fn);
      }
      const fns = pending.fns.filter((fn) => !undecided.has(fn));
      if (fns.length === 0) return;
      if (this.session.now() - start > pending.boundMs + delay) return;
      await this.session.advance(delay);
      for (const fn of fns) {
        for (const probe of this.probesOf(fn)) await this.operate(probe);
      }
      delay = Math.min(delay * 2, virtualTime ? 60_000 : REAL_TIME_POLL_CAP_MS);
    }
  }

  /**
   * Whether waiting for `fn` cannot end before the time bound whatever the target answers; if so,
   * notes why in the trace and the tally.
   */
  private undecidable(fn: string): boolean {
    const why = this.undecidableWith(fn, this.probesOf(fn));
    if (why === undefined) return false;
    noteUndecidable(this.tally, why);
    this.note(
      this.session.now(),
      { kind: 'settle' },
      `undecidable: ${why.transitions.join(', ')} may still be pending for ${fn}, but no answer to ` +
        `GetFunction tells ${why.pending} from ${why.settled}; not waited for`,
      why.transitions,
    );
    return true;
  }

  private undecidableWith(fn: string, probes: readonly Operation[]): UndecidableWait | undefined {
    return undecidableWait(this.spec, this.checker.monitorOf(fn).possibleStates, {
      reading: this.options.reading,
      unobservable: this.options.unobservable,
      probes,
    });
  }

  /**
   * What Settle polls `fn` with: GetFunction; on real time also GetFunction with each other value
   * of its enum inputs (a published version, `qualifier: version`) while a transition plain
   * GetFunction cannot show (the version's own State) may be pending, so such a wait ends as soon
   * as it is seen instead of after {@link UNDECIDED_GRACE_MS}.
   */
  private probesOf(fn: string): readonly Operation[] {
    const plain: Operation = { name: 'GetFunction', fn, args: {} };
    if (this.options.virtualTime) return [plain];
    const extra = otherProbes(this.spec, fn);
    if (extra.length === 0 || this.undecidableWith(fn, [plain]) === undefined) return [plain];
    return [plain, ...extra];
  }
}

/**
 * GetFunction of `fn` with each value but the first of each enum input the spec gives it (the
 * first is the default an argument-less GetFunction stands for).
 */
function otherProbes(spec: Spec, fn: string): Operation[] {
  const probes: Operation[] = [];
  for (const input of spec.operations.get('GetFunction')?.inputs ?? []) {
    const decl = spec.inputs.get(input);
    if (decl?.type !== 'enum') continue;
    for (const value of decl.values.slice(1)) {
      probes.push({ name: 'GetFunction', fn, args: { [input]: value } });
    }
  }
  return probes;
}

/** Real time: the longest Settle waits between two polls (a few hundred ms, never a minute). */
export const REAL_TIME_POLL_CAP_MS = 300;

/**
 * On real time, how long Settle polls a function whose wait no faithful answer can end before it
 * leaves the wait undecided: long enough for a target's own delays (seconds) to show a fault.
 */
export const UNDECIDED_GRACE_MS = 3_000;
