import { WAITERS } from '../../lambda/catalogue.ts';
import type { WaiterName, WaiterState } from '../../lambda/catalogue.ts';
import type { FunctionConfiguration, LambdaApi } from '../../lambda/LambdaApi.ts';

/** What one poll of a waiter decides. */
type Poll = WaiterState | 'RETRY';

/**
 * The acceptors of each waiter, as its AWS SDK reference defines them (spec/sources/waiter-*.txt):
 * FunctionActiveV2 succeeds on `configuration.state` Active and fails on Failed; FunctionUpdatedV2
 * succeeds on `configuration.last_update_status` Successful and fails on Failed;
 * PublishedVersionActive (GetFunctionConfiguration with the version's Qualifier) succeeds on
 * `state` Active and fails on Failed; FunctionExists
 * succeeds on a 200 answer and retries on ResourceNotFoundException. Anything no acceptor matches
 * (another state, an error) is polled again, as the JavaScript SDK's waiters do.
 */
function classify(waiter: WaiterName, answer: FunctionConfiguration | undefined): Poll {
  if (answer === undefined) return 'RETRY';
  const { State, LastUpdateStatus } = answer;
  switch (waiter) {
    case 'WaitFunctionExists':
      return 'SUCCESS';
    case 'WaitFunctionActiveV2':
    case 'WaitPublishedVersionActive':
      return State === 'Active' ? 'SUCCESS' : State === 'Failed' ? 'FAILURE' : 'RETRY';
    case 'WaitFunctionUpdatedV2':
      return LastUpdateStatus === 'Successful'
        ? 'SUCCESS'
        : LastUpdateStatus === 'Failed'
          ? 'FAILURE'
          : 'RETRY';
  }
}

function read(
  api: LambdaApi,
  waiter: WaiterName,
  name: string,
  qualifier: string | undefined,
): FunctionConfiguration | undefined {
  try {
    return waiter === 'WaitPublishedVersionActive'
      ? api.getFunctionConfiguration(name, qualifier)
      : api.getFunction(name).Configuration;
  } catch {
    return undefined;
  }
}

/**
 * Runs `waiter` on function `name` of `api` (its version `qualifier`, for PublishedVersionActive) as
 * the SDK does: its read at once, then after each
 * delay (`wait` moves the clock), until an acceptor decides or the attempts are spent (TIMEOUT).
 */
export function runWaiter(
  api: LambdaApi,
  waiter: WaiterName,
  name: string,
  wait: (ms: number) => void,
  qualifier?: string,
): { state: WaiterState } {
  const { delaySeconds, maxAttempts } = WAITERS[waiter];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const poll = classify(waiter, read(api, waiter, name, qualifier));
    if (poll !== 'RETRY') return { state: poll };
    if (attempt < maxAttempts) wait(delaySeconds * 1000);
  }
  return { state: 'TIMEOUT' };
}
