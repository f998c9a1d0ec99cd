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

/** A value record: each field of the spec with its value. */
export type Values = Readonly<Record<string, Scalar>>;

/** A canonical value record, its number and its key (values joined, for {@link valueKey}). */
interface Interned {
  readonly values: Values;
  readonly id: number;
  readonly key: string;
  /** Records derived from this one by changing some fields, by the changes' text (see {@link internChanged}). */
  derived: Map<string, Values> | undefined;
}

// Value records are interned: records equal in every field's text are one object, so possible-state
// sets compare them by identity and caches keyed by record are shared between monitors, sequences
// and runs. The table grows with the distinct records a process meets: enum values times the int
// values sequences reach (counters such as `versions` grow with a sequence's length; a 20,000-step
// trace meets a few thousand records). It is never cleared: identity stands for equality.
const canonicalByKey = new Map<string, Interned>();
const internedOf = new WeakMap<Values, Interned>();

/**
 * A canonical record carries its {@link Interned} under this key, not enumerable (so neither
 * listing, spreading, comparing nor cloning a record sees it): the hot path reads a property
 * instead of looking the record up in {@link internedOf}.
 */
const INTERNED = Symbol('interned');

/** A record as the hot path reads it: its interned entry when it is canonical. */
type Tagged = Values & { readonly [INTERNED]?: Interned };

function interned(values: Values): Interned {
  const own = (values as Tagged)[INTERNED];
  if (own !== undefined) return own;
  const known = internedOf.get(values);
  if (known !== undefined) return known;
  // Records of one spec list their fields in the same (declaration) order; the names keep records
  // of different specs apart.
  let text = '';
  for (const field of Object.keys(values)) text += `${field}=${String(values[field])},`;
  let canonical = canonicalByKey.get(text);
  if (canonical === undefined) {
    canonical = {
      values,
      id: canonicalByKey.size,
      key: Object.values(values).join(','),
      derived: undefined,
    };
    canonicalByKey.set(text, canonical);
    if (Object.isExtensible(values)) {
      Object.defineProperty(values, INTERNED, { value: canonical, enumerable: false });
      return canonical;
    }
  }
  internedOf.set(values, canonical);
  return canonical;
}

/** The canonical record equal to `values` (the first such record seen). */
export function internValues(values: Values): Values {
  return interned(values).values;
}

/** Derived records one record remembers before it starts afresh. */
const MAX_DERIVED = 256;

/**
 * The canonical record equal to canonical record `base` with some fields changed, told by
 * `changes` (each changed field's `name=text`, NUL-separated, in a fixed order); `build` makes the
 * changed record the first time. Effects derive most new records from a few known ones: looking
 * the result up by the few changed fields costs less than interning it by every field's text.
 */
export function internChanged(
  base: Values,
  changes: string,
  build: () => Record<string, Scalar>,
): Values {
  const entry = interned(base);
  let derived = entry.derived;
  const known = derived?.get(changes);
  if (known !== undefined) return known;
  const result = internValues(build());
  if (derived === undefined || derived.size >= MAX_DERIVED) {
    derived = new Map();
    entry.derived = derived;
  }
  derived.set(changes, result);
  return result;
}

/** A number naming `values` among all records (equal records, one number). */
export function valuesId(values: Values): number {
  return interned(values).id;
}

const initialValues = new WeakMap<Spec, Values>();

/** The state every function starts in: each field at its declared initial value. */
export function initialState(spec: Spec): AbstractState {
  let values = initialValues.get(spec);
  if (values === undefined) {
    const record: Record<string, Scalar> = {};
    for (const field of spec.fields.values()) record[field.name] = field.initial;
    values = internValues(record);
    initialValues.set(spec, values);
  }
  return { values, revision: { last: null, status: 'same' }, since: 0 };
}

/** Canonical key of everything but `since` and `via`: states equal in it collapse in the set. */
export function valueKey(state: AbstractState): string {
  return `${interned(state.values).key}|${state.revision.last ?? '-'}:${state.revision.status}`;
}

/**
 * Adds `state` to a possible-state set: states equal in everything but `since` and `via` (what
 * {@link valueKey} says) collapse, keeping the latest `since` (the conservative choice for time
 * bounds, and what keeps the set small) in the place of the first. Sets hold a few states: a scan
 * comparing interned value records by identity is cheaper than any key. Returns whether the state
 * was new.
 */
export function addState(set: AbstractState[], state: AbstractState): boolean {
  const values = internValues(state.values);
  const added = values === state.values ? state : { ...state, values };
  const { last, status } = added.revision;
  for (let i = 0; i < set.length; i++) {
    const existing = set[i];
    if (
      existing === undefined ||
      existing.values !== values ||
      existing.revision.last !== last ||
      existing.revision.status !== status
    ) {
      continue;
    }
    if (added.since > existing.since) set[i] = added;
    return false;
  }
  set.push(added);
  return true;
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
