import type { Operation } from '../targets/Operation.ts';
import type { ObservedFields } from '../targets/Observation.ts';
import type { Condition, Effects, Guard, Ref, Scalar, ValueExpr } from '../spec/Spec.ts';
import type { AbstractState, RevisionTrack } from './AbstractState.ts';

/** Values compare by their text, so `Version: "2"` equals the field value `2`. */
export function sameValue(a: Scalar | undefined, b: Scalar | undefined): boolean {
  return a !== undefined && b !== undefined && String(a) === String(b);
}

/** Resolves a `$field` or `input.x` reference; undefined when the operation lacks the input. */
export function resolveRef(
  ref: Ref,
  state: AbstractState,
  op: Operation | undefined,
): Scalar | undefined {
  return ref.from === 'field' ? state.values[ref.name] : op?.args[ref.name];
}

/** Whether `value` satisfies `condition` (an absent value satisfies only `absent` and `notIn`). */
export function satisfies(
  condition: Condition,
  value: Scalar | undefined,
  state: AbstractState,
  op: Operation | undefined,
): boolean {
  switch (condition.kind) {
    case 'in':
      return condition.values.some((v) => sameValue(v, value));
    case 'notIn':
      return !condition.values.some((v) => sameValue(v, value));
    case 'equals':
      return sameValue(resolveRef(condition.ref, state, op), value);
    case 'absent':
      return value === undefined;
    case 'present':
      return value !== undefined;
  }
}

/** Whether a rule's `when` (or a transition's `from`) holds in `state` for `op` under `reading`. */
export function guardHolds(
  guard: Guard,
  state: AbstractState,
  op: Operation | undefined,
  reading: string,
): boolean {
  if (guard.readings.length > 0 && !guard.readings.includes(reading)) return false;
  for (const [field, condition] of Object.entries(guard.fields)) {
    if (!satisfies(condition, state.values[field], state, op)) return false;
  }
  for (const [input, condition] of Object.entries(guard.inputs)) {
    if (!satisfies(condition, op?.args[input], state, op)) return false;
  }
  return true;
}

function evaluate(
  expr: ValueExpr,
  state: AbstractState,
  op: Operation | undefined,
): Scalar | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'ref':
      return resolveRef(expr.ref, state, op);
    case 'increment':
      // Needs the target field's value: applyEffects resolves it.
      return undefined;
  }
}

function mergeRevision(track: RevisionTrack, change: Effects['revisionId']): RevisionTrack {
  if (change === 'same' || track.status === 'fresh') return track;
  if (change === 'fresh') return { last: track.last, status: 'fresh' };
  return { last: track.last, status: 'maybe' };
}

/**
 * Applies effects. All right-hand sides read the state BEFORE the effects, so
 * `{ liveCode: $stagedCode, stagedCode: $liveCode }` swaps. `since` moves to `at` only when a value
 * really changed.
 */
export function applyEffects(
  effects: Effects,
  state: AbstractState,
  op: Operation | undefined,
  at: number,
): AbstractState {
  const values: Record<string, Scalar> = { ...state.values };
  let changed = false;
  for (const [field, expr] of Object.entries(effects.set)) {
    const next =
      expr.kind === 'increment'
        ? Number(state.values[field] ?? 0) + expr.by
        : evaluate(expr, state, op);
    if (next === undefined) continue;
    if (!sameValue(values[field], next)) changed = true;
    values[field] = next;
  }
  return {
    values,
    revision: mergeRevision(state.revision, effects.revisionId),
    since: changed ? Math.max(at, state.since) : state.since,
  };
}

/** One failed `observe` constraint, for the divergence explanation. */
export interface FieldMismatch {
  readonly field: string;
  readonly expected: string;
  readonly observed: string;
}

/** Describes a condition for people: `Pending`, `one of Pending, Active`, `absent`, `= liveCode (2)`. */
export function describeCondition(
  condition: Condition,
  state: AbstractState,
  op: Operation | undefined,
): string {
  switch (condition.kind) {
    case 'in':
      return condition.values.length === 1
        ? String(condition.values[0])
        : `one of ${condition.values.map(String).join(', ')}`;
    case 'notIn':
      return `not ${condition.values.map(String).join(', ')}`;
    case 'equals': {
      const name =
        condition.ref.from === 'field' ? `$${condition.ref.name}` : `input.${condition.ref.name}`;
      return `${String(resolveRef(condition.ref, state, op))} (${name})`;
    }
    case 'absent':
      return 'absent';
    case 'present':
      return 'present';
  }
}

/**
 * Checks `observe` constraints against observed fields, in the state after effects. Fields in
 * `unobservable` (the target cannot see them, e.g. `ranCode` on an echoing emulator) are skipped.
 */
export function observeMismatches(
  observe: Readonly<Record<string, Condition>>,
  fields: ObservedFields,
  after: AbstractState,
  op: Operation,
  unobservable: ReadonlySet<string>,
): FieldMismatch[] {
  const mismatches: FieldMismatch[] = [];
  for (const [field, condition] of Object.entries(observe)) {
    if (unobservable.has(field)) continue;
    const value = fields[field];
    if (!satisfies(condition, value, after, op)) {
      mismatches.push({
        field,
        expected: describeCondition(condition, after, op),
        observed: value === undefined ? 'absent' : String(value),
      });
    }
  }
  return mismatches;
}
