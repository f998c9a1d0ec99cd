import type { Scalar, Spec } from '../spec/Spec.ts';

/**
 * What the monitor knows about the function's RevisionId: the last value observed and whether the
 * spec says it must (`fresh`), may (`maybe`) or must not (`same`) differ at the next observation.
 */
export interface RevisionTrack {
  readonly last: string | null;
  readonly status: 'same' | 'fresh' | 'maybe';
}

/** One abstract state of one function: the spec's fields, the RevisionId track, and since when. */
export interface AbstractState {
  readonly values: Readonly<Record<string, Scalar>>;
  readonly revision: RevisionTrack;
  /**
   * Target time (ms) of the latest change to `values`. An async transition enabled in this state has
   * been enabled at least since then, so its `within` bound is measured from here (conservative:
   * never earlier than the truth, so a faithful target is never blamed for being late).
   */
  readonly since: number;
  /** Async transitions taken since the last observation to reach this state (not part of the key). */
  readonly via?: readonly string[];
}

/** The state every function starts in: each field at its declared initial value. */
export function initialState(spec: Spec): AbstractState {
  const values: Record<string, Scalar> = {};
  for (const field of spec.fields.values()) values[field.name] = field.initial;
  return { values, revision: { last: null, status: 'same' }, since: 0 };
}

// Keys are asked for many times per step; value records are immutable and shared between states,
// so each record's key is computed once.
const valueKeys = new WeakMap<Readonly<Record<string, Scalar>>, string>();

/** Canonical key of everything but `since` and `via`: states equal in it collapse in the set. */
export function valueKey(state: AbstractState): string {
  let key = valueKeys.get(state.values);
  if (key === undefined) {
    // Every state of a spec has the same fields in the same (declaration) order: values suffice.
    key = Object.values(state.values).join(',');
    valueKeys.set(state.values, key);
  }
  return `${key}|${state.revision.last ?? '-'}:${state.revision.status}`;
}

/**
 * Adds `state` to a possible-state set keyed by {@link valueKey}: states that differ only in `since`
 * collapse, keeping the latest `since` (the conservative choice for time bounds, and what keeps
 * the set small). Returns whether the state was new.
 */
export function addState(set: Map<string, AbstractState>, state: AbstractState): boolean {
  const key = valueKey(state);
  const existing = set.get(key);
  if (existing === undefined) {
    set.set(key, state);
    return true;
  }
  if (state.since > existing.since) set.set(key, state);
  return false;
}

/**
 * Canonical key, including since when.
 *
 * @internal Exported for tests only.
 */
export function stateKey(state: AbstractState): string {
  return `${valueKey(state)}|t=${state.since}`;
}

/** Short human form for reports: `state=Active lastUpdateStatus=InProgress liveCode=2 …`. */
export function describeState(state: AbstractState): string {
  return Object.entries(state.values)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
