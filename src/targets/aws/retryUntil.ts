import type { RetryOptions } from './AwsTargetOptions.ts';

/** Most rounds {@link retryUntil} makes, whatever the deadline (a sleep that does not wait). */
export const MAX_ROUNDS = 30;

/** How {@link retryUntil} paces its rounds. */
export interface Pacing {
  /**
   * No round starts after this time (ms since the epoch); the first round always runs. A function
   * is read before every round, so the deadline may move (an interruption brings it forward).
   */
  readonly deadline: number | (() => number);
  readonly retry: Required<RetryOptions>;
  readonly sleep: (ms: number) => Promise<void>;
  /** Current time; default `Date.now`. */
  readonly now?: () => number;
  /** Uniform in [0, 1); default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Runs `attempt` until `settled` says its result is final, then returns that result; after the
 * deadline or {@link MAX_ROUNDS} rounds, returns the last result. Rounds are spaced by a doubling
 * backoff (base to max delay, half of it jittered), never sleeping past the deadline. Each round
 * may itself retry (a `LambdaCaller` call), so a round can end after the deadline: the bound is
 * the deadline plus one round.
 */
export async function retryUntil<T>(
  attempt: () => Promise<T>,
  settled: (result: T) => boolean,
  pacing: Pacing,
): Promise<T> {
  const { retry, sleep, now = Date.now, random = Math.random } = pacing;
  const deadline = (): number =>
    typeof pacing.deadline === 'number' ? pacing.deadline : pacing.deadline();
  let result = await attempt();
  for (let round = 1; round < MAX_ROUNDS && !settled(result); round += 1) {
    const left = deadline() - now();
    if (left <= 0) break;
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** round);
    await sleep(Math.min(left, ceiling / 2 + (random() * ceiling) / 2));
    result = await attempt();
  }
  return result;
}
