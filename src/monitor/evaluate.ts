import { UNKNOWN_WHEN_MISSING } from '../lambda/catalogue.ts';
import type { Operation } from '../lambda/Operation.ts';
import type { ObservedFields } from '../lambda/Observation.ts';
import type { Condition, Effects, Guard, Ref, Scalar, ValueExpr } from '../spec/Spec.ts';
import { attached, slot } from './attached.ts';
import { RecordTable } from './RecordTable.ts';
import {
  internChanged,
  internValues,
  type AbstractState,
  type RevisionTrack,
  type Values,
} from './AbstractState.ts';

/** Values compare by their text, so `Version: "2"` equals the field value `2`. */
export function sameValue(a: Scalar | undefined, b: Scalar | undefined): boolean {
  if (a === b) return a !== undefined;
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

/** Whether `value` is one of `values` (by {@link sameValue}; a loop, no closure per call). */
function listed(values: readonly Scalar[], value: Scalar | undefined): boolean {
  for (let i = 0; i < values.length; i++) if (sameValue(values[i], value)) return true;
  return false;
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
      return listed(condition.values, value);
    case 'notIn':
      return !listed(condition.values, value);
    case 'equals':
      return sameValue(resolveRef(condition.ref, state, op), value);
    case 'absent':
      return value === undefined;
    case 'present':
      return value !== undefined;
  }
}

interface CompiledGuard {
  readonly fields: readonly (readonly [string, Condition])[];
  readonly inputs: readonly (readonly [string, Condition])[];
}

// Guards are evaluated for every possible state at every step: their entries are listed once.
const compiledGuard = slot<CompiledGuard>('compiled guard');

function compile(guard: Guard): CompiledGuard {
  return attached(guard, compiledGuard, (g) => ({
    fields: Object.entries(g.fields),
    inputs: Object.entries(g.inputs),
  }));
}

/** Whether a rule's `when` (or a transition's `from`) holds in `state` for `op` under `reading`. */
export function guardHolds(
  guard: Guard,
  state: AbstractState,
  op: Operation | undefined,
  reading: string,
): boolean {
  if (guard.readings.length > 0 && !guard.readings.includes(reading)) return false;
  const { fields, inputs } = compile(guard);
  // Indexed loops: destructuring each [name, condition] pair costs more than the check itself.
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] as readonly [string, Condition];
    if (!satisfies(entry[1], state.values[entry[0]], state, op)) return false;
  }
  for (let i = 0; i < inputs.length; i++) {
    const entry = inputs[i] as readonly [string, Condition];
    if (!satisfies(entry[1], op?.args[entry[0]], state, op)) return false;
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
  if (change === 'same' || track.status === 'fresh' || track.status === change) return track;
  return { last: track.last, status: change };
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
  const revision = mergeRevision(state.revision, effects.revisionId);
  const values = nextValues(effects, state, op);
  if (values === state.values && revision === state.revision) return state;
  return {
    values,
    revision,
    since: values === state.values ? state.since : Math.max(at, state.since),
  };
}

interface CompiledEffects {
  readonly set: readonly (readonly [string, ValueExpr])[];
  /** The inputs the right-hand sides read: with the value record, all a result depends on. */
  readonly inputs: readonly string[];
  /**
   * Results by value record, then by the inputs read (one map level each); bounded by
   * {@link MAX_RESULTS}.
   */
  readonly results: RecordTable<InputsMemo<Values>>;
}

/** Value records one effects memo holds before it starts afresh (the spec's domain is smaller). */
const MAX_RESULTS = 4096;

// Effects are pure in the value record and the inputs they read, and records are interned: each
// result is computed once per spec, shared by every monitor.
const compiledEffects = slot<CompiledEffects>('compiled effects');

function compileEffects(effects: Effects): CompiledEffects {
  return attached(effects, compiledEffects, (e) => {
    const set = Object.entries(e.set);
    const inputs = set.flatMap(([, expr]) =>
      expr.kind === 'ref' && expr.ref.from === 'input' ? [expr.ref.name] : [],
    );
    return { set, inputs, results: new RecordTable() };
  });
}

/** An absent input, as a memo key part. */
const NO_INPUT = Symbol('no input');

/** A memo keyed by the values of some inputs of an operation: one map level per input. */
export type InputsMemo<T> = Map<Scalar | symbol, T | InputsMemo<T>>;

/**
 * An input's value as a memo key part: the value itself, or absent. Memos hold what depends on the
 * inputs' text; a map tells 2 from '2', so parts are as fine as the text or finer (an entry may be
 * worked out twice, never shared by inputs of different text), and no key text is built per step.
 */
function inputPart(op: Operation | undefined, name: string | undefined): Scalar | symbol {
  return op?.args[name ?? ''] ?? NO_INPUT;
}

/**
 * The level of `memo` holding the entries of `op`'s values of `inputs` (made as needed; `memo`
 * itself for one input or none): the entry is then looked up there by {@link lastInputPart}.
 * Entries must not be maps.
 */
export function inputsLevel<T>(
  memo: InputsMemo<T>,
  inputs: readonly string[],
  op: Operation | undefined,
): Map<Scalar | symbol, T> {
  let level = memo;
  for (let i = 0; i < inputs.length - 1; i++) {
    const part = inputPart(op, inputs[i]);
    let next = level.get(part) as InputsMemo<T> | undefined;
    if (next === undefined) {
      next = new Map();
      level.set(part, next);
    }
    level = next;
  }
  return level as Map<Scalar | symbol, T>;
}

/** The key of `op`'s entry in its {@link inputsLevel}: the last input's part ('' for none). */
export function lastInputPart(
  inputs: readonly string[],
  op: Operation | undefined,
): Scalar | symbol {
  return inputs.length === 0 ? '' : inputPart(op, inputs[inputs.length - 1]);
}

/** The (interned) value record after effects; the same record when nothing changes. */
function nextValues(effects: Effects, state: AbstractState, op: Operation | undefined): Values {
  const c = compileEffects(effects);
  // Most refusals and reads set nothing.
  if (c.set.length === 0) return state.values;
  const values = internValues(state.values);
  let byInputs = c.results.get(values);
  const level = byInputs === undefined ? undefined : inputsLevel(byInputs, c.inputs, op);
  const key = lastInputPart(c.inputs, op);
  const cached = level?.get(key);
  if (cached !== undefined) return cached === values ? state.values : cached;
  // The changed fields' text (records are interned by text): the result is looked up from the
  // record before by it, and built only the first time.
  let changes = '';
  for (let i = 0; i < c.set.length; i++) {
    const entry = c.set[i] as readonly [string, ValueExpr];
    const field = entry[0];
    const expr = entry[1];
    const next =
      expr.kind === 'increment' ? Number(values[field] ?? 0) + expr.by : evaluate(expr, state, op);
    if (next === undefined || sameValue(values[field], next)) continue;
    changes += `${field}=${String(next)}\u0000`;
  }
  const result =
    changes === ''
      ? values
      : internChanged(values, changes, () => {
          const changed: Record<string, Scalar> = { ...values };
          for (const [field, expr] of c.set) {
            const next =
              expr.kind === 'increment'
                ? Number(values[field] ?? 0) + expr.by
                : evaluate(expr, state, op);
            if (next === undefined || sameValue(values[field], next)) continue;
            changed[field] = next;
          }
          return changed;
        });
  if (byInputs === undefined) {
    if (c.results.size >= MAX_RESULTS) c.results.clear();
    byInputs = new Map();
    c.results.set(values, byInputs);
  }
  (level ?? inputsLevel(byInputs, c.inputs, op)).set(key, result);
  return result === values ? state.values : result;
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
 * `unobservable` (the target cannot see them, e.g. `ranCode` on an echoing emulator) are skipped,
 * and so are fields the catalogue marks unknown when missing (`codeRevision` of an image the target
 * cannot map) when the observation lacks them.
 */
export function observeMismatches(
  observe: Readonly<Record<string, Condition>>,
  fields: ObservedFields,
  after: AbstractState,
  op: Operation,
  unobservable: ReadonlySet<string>,
): readonly FieldMismatch[] {
  let mismatches: FieldMismatch[] | undefined;
  const entries = observeEntries(observe);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as readonly [string, Condition];
    const field = entry[0];
    const condition = entry[1];
    if (unobservable.size > 0 && unobservable.has(field)) continue;
    const value = fields[field];
    if (value === undefined && UNKNOWN_WHEN_MISSING.has(field)) continue;
    if (!satisfies(condition, value, after, op)) {
      (mismatches ??= []).push({
        field,
        expected: describeCondition(condition, after, op),
        observed: value === undefined ? 'absent' : String(value),
      });
    }
  }
  return mismatches ?? NO_MISMATCHES;
}

/** No field mismatched (the common case, shared). */
const NO_MISMATCHES: readonly FieldMismatch[] = [];

// An outcome's `observe` is checked at every step that matches it: its entries are listed once.
const observeLists = slot<readonly (readonly [string, Condition])[]>('observe entries');

function observeEntries(
  observe: Readonly<Record<string, Condition>>,
): readonly (readonly [string, Condition])[] {
  return attached(observe, observeLists, (o) => Object.entries(o));
}
