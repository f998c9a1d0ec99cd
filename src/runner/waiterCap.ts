import type { AbstractState } from '../monitor/AbstractState.ts';
import type { Spec } from '../spec/Spec.ts';
import { pendingTransitions } from './pendingTransitions.ts';

/**
 * How long an SDK waiter polls past what the spec's time bounds call for: long enough for a
 * target's own delays (seconds) to show, as Settle gives a wait no answer can end
 * (`UNDECIDED_GRACE_MS`), and for the waiter to check more than once.
 */
export const WAITER_GRACE_MS = 3_000;

/**
 * On real time, how long an SDK waiter on a function in `states` (its possible states at target
 * time `now`) needs to poll, as Settle waits: until the latest bound of the async transitions
 * still pending in some possible state (the spec's, or the scenario's shorter `bounds`), plus
 * {@link WAITER_GRACE_MS}. With none pending, a faithful target's function no longer changes by
 * itself (only the harness's own commands and events change it), so the waiter's first checks
 * decide: SUCCESS or FAILURE there, or TIMEOUT however long it polls on. The waiter's own budget
 * (5 minutes for FunctionActiveV2) is no longer spent on a function that is Inactive, Failed or
 * gone. What the waiter ends with is judged as at its budget: a TIMEOUT where the spec expects
 * SUCCESS or FAILURE is still a divergence.
 */
export function waiterCapMs(
  spec: Spec,
  states: readonly AbstractState[],
  reading: string,
  now: number,
): number {
  const pending = pendingTransitions(spec, states, reading, now);
  const left = pending.map((p) => Math.max(0, p.boundMs - p.pendingMs));
  return Math.max(0, ...left) + WAITER_GRACE_MS;
}
