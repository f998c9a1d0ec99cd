import { valueKey, type AbstractState } from '../monitor/AbstractState.ts';
import { applyEffects, guardHolds } from '../monitor/evaluate.ts';
import type { Spec, Transition } from '../spec/Spec.ts';

/** Most states the closure below visits; the monitor's own bound is larger, this is only a guess. */
const MAX_STATES = 512;

/**
 * `states` and every state the spec's async transitions can lead them to, whenever they happen:
 * what may hold by the time an event arrives (time bounds are left out, so this may hold more).
 */
function reachable(spec: Spec, states: readonly AbstractState[], reading: string): AbstractState[] {
  const asyncTransitions = spec.transitions.filter((t) => t.trigger.kind === 'async');
  const seen = new Map<string, AbstractState>();
  const work = [...states];
  for (const s of work) seen.set(valueKey(s), s);
  while (work.length > 0 && seen.size < MAX_STATES) {
    const state = work.pop();
    if (state === undefined) break;
    for (const t of asyncTransitions) {
      if (!guardHolds(t.from, state, undefined, reading)) continue;
      const next = applyEffects(t.to, state, undefined, state.since);
      const key = valueKey(next);
      if (seen.has(key)) continue;
      seen.set(key, next);
      work.push(next);
    }
  }
  return [...seen.values()];
}

/** Whether applying `transition` in `state` leaves every field as it is (the RevisionId aside). */
function changesNothing(transition: Transition, state: AbstractState): boolean {
  const after = applyEffects(transition.to, state, undefined, state.since);
  return Object.entries(after.values).every(([field, value]) => state.values[field] === value);
}

/**
 * Whether injecting `event` now has an effect the spec gives it, for one function whose possible
 * states (as the monitor last narrowed them) are `states`: some state the function may be in by now
 * enables a transition the event triggers, and none enables one that would change nothing there.
 * The first part leaves out events for a function that does not exist (or is in no state the event
 * acts on); the second keeps an arming event (one whose transition sets a field such as
 * `provisioning: armed`) from being sent while the function may already be armed: the documents
 * say nothing about arming twice (counted, or a flag), so what followed would depend on how the
 * environment counts. Decided from the spec's transitions alone, for any event.
 */
export function eventHasEffect(
  spec: Spec,
  states: readonly AbstractState[],
  event: string,
  reading: string,
): boolean {
  const triggered = spec.transitions.filter(
    (t) => t.trigger.kind === 'event' && t.trigger.event === event,
  );
  if (triggered.length === 0) return false;
  let someEffect = false;
  for (const state of reachable(spec, states, reading)) {
    for (const t of triggered) {
      if (!guardHolds(t.from, state, undefined, reading)) continue;
      if (changesNothing(t, state)) return false;
      someEffect = true;
    }
  }
  return someEffect;
}
