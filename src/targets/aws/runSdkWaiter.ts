import {
  waitUntilFunctionActiveV2,
  waitUntilFunctionExists,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { WAITERS } from '../../lambda/catalogue.ts';
import type { WaiterName, WaiterState } from '../../lambda/catalogue.ts';
import type { CallOutcome } from './LambdaCaller.ts';

const WAIT_UNTIL = {
  WaitFunctionActiveV2: waitUntilFunctionActiveV2,
  WaitFunctionUpdatedV2: waitUntilFunctionUpdatedV2,
  WaitFunctionExists: waitUntilFunctionExists,
  WaitPublishedVersionActive: waitUntilPublishedVersionActive,
} as const satisfies Record<WaiterName, unknown>;

function ended(state: WaiterState): CallOutcome<unknown> {
  return { kind: 'ok', value: { state } };
}

/**
 * The waiter's budget in seconds: its AWS reference's, or `waitMs` when shorter (never down to one
 * delay: the SDK wants a budget longer than its delay, and the waiter then checks at least twice).
 */
function budgetSeconds(waiter: WaiterName, waitMs: number | undefined): number {
  const { delaySeconds, maxAttempts } = WAITERS[waiter];
  const budget = delaySeconds * maxAttempts;
  if (waitMs === undefined) return budget;
  return Math.min(budget, Math.max(waitMs / 1_000, delaySeconds * 2));
}

/**
 * Runs the real SDK waiter `waiter` on function `name` (its version `qualifier`, for
 * PublishedVersionActive), polling once per `delaySeconds` for the
 * budget its AWS reference gives (`WAITERS`), or `waitMs` when shorter, and answers what it ended
 * with as `{ state }`: SUCCESS, FAILURE (an acceptor's failure state) or TIMEOUT. The run stopping
 * mid-wait, or an error that is none of the three, is inconclusive. The waiter's polls go through
 * the client directly: they are reads, retried by the SDK, outside the session's call budget.
 */
export async function runSdkWaiter(
  client: LambdaClient,
  waiter: WaiterName,
  name: string,
  signal: AbortSignal | undefined,
  waitMs?: number,
  qualifier?: string,
): Promise<CallOutcome<unknown>> {
  const { delaySeconds } = WAITERS[waiter];
  const config = {
    client,
    maxWaitTime: budgetSeconds(waiter, waitMs),
    minDelay: delaySeconds,
    maxDelay: delaySeconds,
    ...(signal === undefined ? {} : { abortSignal: signal }),
  };
  try {
    await WAIT_UNTIL[waiter](config, {
      FunctionName: name,
      ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
    });
    return ended('SUCCESS');
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === 'TimeoutError') return ended('TIMEOUT');
    // checkExceptions throws the waiter's result as JSON: {"state":"FAILURE","reason":…}.
    if (error.message.startsWith('{"state":"FAILURE"')) return ended('FAILURE');
    const reason =
      error.name === 'AbortError' ? 'the run stopped while the waiter polled' : error.message;
    return { kind: 'inconclusive', reason: `${waiter}: ${reason}` };
  }
}
