import { DeleteFunctionCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ResolvedAwsTargetOptions } from './AwsTargetOptions.ts';
import type { CallOutcome, CallPolicy, LambdaCaller } from './LambdaCaller.ts';
import { retryUntil } from './retryUntil.ts';

/** A function cleanup could not delete, and why. */
export interface NotDeleted {
  readonly name: string;
  readonly reason: string;
}

/** `name: reason`, as messages list a function that is still there. */
export function describeNotDeleted(left: NotDeleted): string {
  return `${left.name}: ${left.reason}`;
}

/**
 * How long cleanup goes on, read at every round so that an interruption can shorten it: the time
 * after which no round starts, and a per-request timeout shorter than the caller's own.
 */
export interface CleanupBounds {
  /** No round of retries starts after this (ms since the epoch). */
  deadline(): number;
  /** A per-request timeout (ms) shorter than the caller's, or undefined for the caller's. */
  requestTimeoutMs(): number | undefined;
}

/**
 * What a cleanup call's policy takes from `bounds`: each attempt's timeout and the deadline past
 * which it starts no retry, both asked afresh (see `CallPolicy`).
 */
export function boundedBy(
  bounds: CleanupBounds,
): Pick<CallPolicy, 'requestTimeoutMs' | 'deadline'> {
  return { requestTimeoutMs: () => bounds.requestTimeoutMs(), deadline: () => bounds.deadline() };
}

/** Bounds that do not move: until `deadline`, with the caller's own request timeout. */
export function fixedBounds(deadline: number): CleanupBounds {
  return { deadline: () => deadline, requestTimeoutMs: () => undefined };
}

/** What deleting needs. */
export interface DeleteDeps {
  readonly client: LambdaClient;
  readonly caller: LambdaCaller;
  readonly options: Pick<ResolvedAwsTargetOptions, 'retry' | 'sleep'>;
}

function gone(outcome: CallOutcome<unknown>): boolean {
  return outcome.kind === 'ok' || (outcome.kind === 'error' && outcome.status === 404);
}

/** Whether retrying cannot help: the service refused the delete for good (not a 409). */
function final(outcome: CallOutcome<unknown>): boolean {
  return gone(outcome) || (outcome.kind === 'error' && outcome.status !== 409);
}

/**
 * Deletes functions as cleanup: counted against the API budget but never refused, not tied to the
 * run's signal (so it works after an abort). Each delete is retried, with backoff, until the
 * deadline of `bounds`: after 5xx, network and unreadable answers (a repeated delete only answers
 * 404), throttling, timeouts, and while the service answers 409 (a function still being created or
 * updated). A 404 means already gone. Returns each function still there, with why.
 */
export async function deleteOwnedFunctions(
  deps: DeleteDeps,
  names: readonly string[],
  bounds: CleanupBounds,
): Promise<NotDeleted[]> {
  const failures: NotDeleted[] = [];
  const { retry, sleep } = deps.options;
  for (const name of names) {
    const outcome = await retryUntil(
      () =>
        deps.caller.call(
          'DeleteFunction',
          (abortSignal) =>
            deps.client.send(new DeleteFunctionCommand({ FunctionName: name }), { abortSignal }),
          { idempotent: true, cleanup: true, ...boundedBy(bounds) },
        ),
      final,
      { deadline: () => bounds.deadline(), retry, sleep },
    );
    if (gone(outcome)) continue;
    const reason =
      outcome.kind === 'error'
        ? `${outcome.type} (${String(outcome.status)}): ${outcome.message}`
        : outcome.kind === 'inconclusive'
          ? outcome.reason
          : 'not deleted';
    failures.push({ name, reason });
  }
  return failures;
}
