import type { AbstractState } from '../monitor/AbstractState.ts';
import { guardHolds } from '../monitor/evaluate.ts';
import type { Spec } from '../spec/Spec.ts';
import { formatDuration } from '../text/duration.ts';

/** An async transition still to happen, how long it has been pending at least, and its bound. */
export interface PendingTransition {
  readonly id: string;
  /** Since the latest change of the function that enables it (the least of its possible states). */
  readonly pendingMs: number;
  readonly boundMs: number;
}

/**
 * The async transitions some possible state of one function still has to make at target time
 * `now`, each with the shortest time it has been pending over the states that enable it (each
 * state's `since`: when its values last changed, never earlier than the truth).
 */
export function pendingTransitions(
  spec: Spec,
  states: readonly AbstractState[],
  reading: string,
  now: number,
): PendingTransition[] {
  const pending = new Map<string, PendingTransition>();
  for (const t of spec.transitions) {
    if (t.trigger.kind !== 'async') continue;
    for (const state of states) {
      if (!guardHolds(t.from, state, undefined, reading)) continue;
      const pendingMs = Math.max(0, now - state.since);
      const seen = pending.get(t.id);
      if (seen === undefined || pendingMs < seen.pendingMs) {
        pending.set(t.id, { id: t.id, pendingMs, boundMs: t.trigger.withinMs });
      }
    }
  }
  return [...pending.values()];
}

/** `update-completes pending for 1m2s (bound 5m)`, joined with `; `. */
export function describePending(pending: readonly PendingTransition[]): string {
  return pending
    .map(
      (p) =>
        `${p.id} pending for ${formatDuration(p.pendingMs)} (bound ${formatDuration(p.boundMs)})`,
    )
    .join('; ');
}
