import type { Observation } from '../lambda/Observation.ts';
import { PerSpec } from '../spec/PerSpec.ts';
import type { Operation } from '../lambda/Operation.ts';
import type { Scalar, Spec } from '../spec/Spec.ts';
import { valuesId, type AbstractState, type RevisionTrack, type Values } from './AbstractState.ts';
import type { StepVerdict } from './Verdict.ts';

/** A verdict a step memo may give: a step that neither diverged nor was inconclusive. */
export type SettledVerdict = Extract<StepVerdict, { kind: 'conformant' | 'unspecified' }>;

/**
 * Where a successor takes a value from: `>= 0` the state before the step at that index, else
 * {@link FROM_STEP} (the step's start for `since`, the observed RevisionId for `last`) or
 * {@link FROM_END} (the step's end for `since`, no RevisionId for `last`).
 */
type Source = number;
const FROM_STEP = -1;
const FROM_END = -2;

/** One state a remembered step leaves. */
interface Successor {
  readonly values: Values;
  readonly status: RevisionTrack['status'];
  readonly last: Source;
  readonly since: Source;
  /** The index of a state before the step it is identical to (reused as is), or -1. */
  readonly sameAs: number;
}

/** What a step did: the states it left, its verdict, what it confirmed, the closed set's size. */
export interface StepMemoEntry {
  readonly successors: readonly Successor[];
  readonly verdict: SettledVerdict;
  readonly confirmed: readonly string[];
  /** The size of the set closed under async transitions; 0 when every state was settled. */
  readonly closedSize: number;
  /** The step leaves every state as it was (a read that narrows nothing): the same set. */
  readonly keepsStates: boolean;
  /**
   * The shape of the states the step leaves, once worked out: the same for every set the step is
   * remembered from (the key fixes the successors' values, RevisionId equalities and `since`
   * order), so a set rebuilt by {@link StepMemo.replay} needs no {@link StepMemo.shapeOf}.
   */
  nextShape?: StatesShape;
}

/**
 * A possible-state set as a step's key reads it ({@link StepMemo.shapeOf}): sets of one shape give
 * the same verdict for the same step, as long as the step's times order the same way against them.
 */
export interface StatesShape {
  /** The shape's number in its memo; -1: the set cannot be remembered (transitions taken). */
  readonly id: number;
  /** Per state, the index of the first state with the same RevisionId; -1 for none known. */
  readonly classes: readonly number[];
}

/** The shape of a set carrying transitions taken: not remembered. */
const UNREMEMBERED: StatesShape = { id: -1, classes: [] };

/** Steps one memo holds before it starts afresh. */
const MAX_ENTRIES = 1 << 16;

// Parts of a step's key besides the values themselves (a map tells 2 from '2', as the key must).
const ABSENT = Symbol('absent');
const UNDEFINED = Symbol('undefined');
const SOME_REVISION = Symbol('some RevisionId');
const ERROR = Symbol('error');
const OK = Symbol('ok');
const UNRECORDED = Symbol('ok, unrecorded');

/** One part of a step's key: a map compares parts by value, numbers and strings apart. */
type KeyPart = Scalar | symbol;

/**
 * A step's key: its parts in a fixed order (the operation's name, its argument count, names and
 * values, the observation's kind and class, the shape's number, and last a number for the
 * RevisionId equality and the times' ranks). Each operation's parts have a fixed length for a
 * given argument count and observation kind, so no key is a prefix of another.
 */
export interface StepKey {
  readonly parts: readonly KeyPart[];
  readonly leaf: number;
}

/** Slots of {@link StepMemo.admit}'s table of steps met (a power of two). */
const MET_SLOTS = 1 << 16;

/** Numbers standing for the symbol parts of a key in {@link hashOf}. */
const SYMBOL_CODES = new Map<symbol, number>();

/** A 32-bit hash of a key (FNV-1a over its parts); equal keys hash alike, others may too. */
function hashOf(key: StepKey): number {
  let h = 0x811c9dc5;
  for (const part of key.parts) {
    switch (typeof part) {
      case 'string':
        h = Math.imul(h ^ 1, 16777619);
        for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 16777619);
        break;
      case 'number':
        h = Math.imul(h ^ 2, 16777619);
        h = Math.imul(h ^ (part | 0), 16777619);
        h = Math.imul(h ^ ((part / 4294967296) | 0), 16777619);
        break;
      case 'boolean':
        h = Math.imul(h ^ (part ? 3 : 4), 16777619);
        break;
      case 'symbol': {
        let code = SYMBOL_CODES.get(part);
        if (code === undefined) {
          code = SYMBOL_CODES.size + 5;
          SYMBOL_CODES.set(part, code);
        }
        h = Math.imul(h ^ code, 16777619);
        break;
      }
    }
  }
  h = Math.imul(h ^ (key.leaf | 0), 16777619);
  return Math.imul(h ^ ((key.leaf / 4294967296) | 0), 16777619);
}

/** A level of the memo: the next part's value to the next level (a map of entries at the last). */
type Level = Map<KeyPart, Level | Map<number, StepMemoEntry>>;

/** Sets of this many states or more are not remembered (their ranks would not fit the leaf). */
const MAX_RANK = 2048;

/**
 * A memo of whole monitor steps. A step's outcome (verdict, successor states, confirmed
 * transitions) depends on the possible states only through their value records, RevisionId
 * status, which of their RevisionIds are equal (to each other or to the observed one), and how
 * their `since` times order against each other and the step's start and end, as long as no time
 * bound can have passed; on the operation with its arguments; and on the observation through its
 * kind, error, and the fields the operation's rules observe. The key holds exactly that, so a hit
 * gives the verdict the full check would give, the successors rebuilt from the states at hand.
 * Steps that diverge or are inconclusive are not remembered (they are rare and need the full
 * explanation).
 */
export class StepMemo {
  /**
   * The remembered steps, one level per part of the key: each part is looked up by its value
   * (strings the target sent, kept flat; numbers), never by a key text built at every step, which
   * the map would have to flatten and hash.
   */
  private root: Level = new Map();
  private size = 0;
  private readonly observedFields = new Map<string, readonly string[]>();
  /** The message patterns of each operation's error outcomes (undefined: key by the message). */
  private readonly messagePatterns = new Map<string, readonly RegExp[] | undefined>();
  /** Whether no rule asks of a RevisionId more than whether it is there. */
  private readonly revisionOpaque: boolean;
  /** The shortest `within` bound of any async transition. */
  private readonly minWithinMs: number;
  /** Which steps were met, by {@link hashOf} (see {@link admit}). */
  private readonly met = new Uint8Array(MET_SLOTS);
  /** The number of each possible-state set's shape text (see {@link shapeOf}). */
  private readonly shapeIds = new Map<string, number>();
  private nextShapeId = 0;

  constructor(private readonly spec: Spec) {
    let opaque = true;
    for (const operation of spec.operations.values()) {
      for (const rule of operation.rules) {
        for (const outcome of rule.outcomes) {
          const condition = outcome.kind === 'ok' ? outcome.observe['RevisionId'] : undefined;
          if (
            condition !== undefined &&
            condition.kind !== 'present' &&
            condition.kind !== 'absent'
          )
            opaque = false;
        }
      }
    }
    this.revisionOpaque = opaque;
    let min = Infinity;
    for (const t of spec.transitions) {
      if (t.trigger.kind === 'async') min = Math.min(min, t.trigger.withinMs);
    }
    this.minWithinMs = min;
  }

  /**
   * What a step's key needs of a possible-state set, worked out once per set: the monitor keeps its
   * set (the same array) as long as no step changes it, so a step that narrows nothing finds it
   * worked out (see {@link keyOf}).
   */
  shapeOf(states: readonly AbstractState[]): StatesShape {
    const classes: number[] = [];
    let text = '';
    for (let i = 0; i < states.length; i++) {
      const state = states[i];
      if (state === undefined || state.via !== undefined) return UNREMEMBERED;
      const { last, status } = state.revision;
      let cls = -1;
      if (last !== null) {
        cls = 0;
        while (states[cls]?.revision.last !== last) cls++;
      }
      // A state's `since` ranks among the states' alone: a step from the set starts no earlier
      // than any of them (see keyOf).
      let rank = 0;
      for (const s of states) if (s.since < state.since) rank++;
      text += `;${valuesId(state.values)}${status[0] ?? ''}${cls}r${rank}`;
      classes.push(cls);
    }
    let id = this.shapeIds.get(text);
    if (id === undefined) {
      if (this.shapeIds.size >= MAX_ENTRIES) this.shapeIds.clear();
      // Numbers are never given twice, so a set worked out before a clear keeps a true number.
      id = this.nextShapeId++;
      this.shapeIds.set(text, id);
    }
    return { id, classes };
  }

  /**
   * The key of a step from `states` (whose {@link shapeOf} is `shape`), or undefined when it cannot
   * be remembered: an inconclusive observation, states carrying transitions taken (`via`), times
   * out of order, or (unless every state is `settled`, with no async transition to make) a time
   * bound that may have passed. The key says which state's RevisionId the observed one equals, the
   * set's shape, and how the step's start and end order against the states' `since` times.
   */
  keyOf(
    states: readonly AbstractState[],
    shape: StatesShape,
    op: Operation,
    obs: Observation,
    startedAt: number,
    endedAt: number,
    settled: boolean,
  ): StepKey | undefined {
    if (obs.kind === 'inconclusive' || endedAt < startedAt || shape.id < 0) return undefined;
    if (states.length >= MAX_RANK - 2) return undefined;
    // Ranks as among the states' `since` times and the step's two times (startedAt <= endedAt).
    let startRank = 0;
    let endRank = startedAt < endedAt ? 1 : 0;
    for (const state of states) {
      const { since } = state;
      if (since > startedAt) return undefined;
      if (!settled && startedAt - since > this.minWithinMs) return undefined;
      if (since < startedAt) startRank++;
      if (since < endedAt) endRank++;
    }
    const rid = observedRevision(obs);
    // -2: no RevisionId observed; -1: none of the states'; else the class of the states' it equals.
    let ridClass = -2;
    if (rid !== undefined) {
      ridClass = -1;
      for (let i = 0; i < states.length; i++) {
        if (states[i]?.revision.last === rid) {
          ridClass = shape.classes[i] ?? -1;
          break;
        }
      }
    }
    // The argument count follows the name (filled in below): keys of one length per count.
    const parts: KeyPart[] = [op.name, 0];
    let count = 0;
    // Each generated command has its own operation object: a cache by object would not hit.
    for (const name in op.args) {
      const value = op.args[name];
      parts.push(name, value === undefined ? UNDEFINED : value);
      count++;
    }
    parts[1] = count;
    this.observationParts(parts, op, obs);
    parts.push(shape.id);
    return { parts, leaf: ((ridClass + 2) * MAX_RANK + startRank) * MAX_RANK + endRank };
  }

  /**
   * Whether the step of `key` is worth looking up and remembering: not when it is met for the first
   * time. Most steps from a large set are met once in a run (in 1000 sequences of the overhead
   * bench, 26 of 599 were found remembered), and remembering the others (key levels, successors,
   * all kept until the memo starts afresh) cost more than the hits saved; a step met again is
   * remembered then, and found from its third time on. A step is told met by its key's hash, so
   * another step's may admit it early (which costs nothing but the memo's room).
   */
  admit(key: StepKey): boolean {
    const slot = hashOf(key) & (MET_SLOTS - 1);
    if (this.met[slot] === 1) return true;
    this.met[slot] = 1;
    return false;
  }

  /** The remembered step of `key`, if any. */
  get(key: StepKey): StepMemoEntry | undefined {
    let level: Level | Map<number, StepMemoEntry> | undefined = this.root;
    for (const part of key.parts) {
      level = (level as Level).get(part);
      if (level === undefined) return undefined;
    }
    return (level as Map<number, StepMemoEntry>).get(key.leaf);
  }

  /** The states a remembered step leaves, rebuilt from the states it started from. */
  replay(
    entry: StepMemoEntry,
    states: readonly AbstractState[],
    obs: Observation,
    startedAt: number,
    endedAt: number,
  ): readonly AbstractState[] {
    if (entry.keepsStates) return states;
    const rid = observedRevision(obs);
    const next: AbstractState[] = [];
    for (const s of entry.successors) {
      const same = s.sameAs >= 0 ? states[s.sameAs] : undefined;
      if (same !== undefined) {
        next.push(same);
        continue;
      }
      const from = s.last >= 0 ? states[s.last] : undefined;
      const last =
        from !== undefined ? from.revision.last : s.last === FROM_STEP ? (rid ?? null) : null;
      const revision =
        from !== undefined && from.revision.status === s.status
          ? from.revision
          : { last, status: s.status };
      const since =
        s.since >= 0
          ? (states[s.since]?.since ?? startedAt)
          : s.since === FROM_STEP
            ? startedAt
            : endedAt;
      next.push({ values: s.values, revision, since });
    }
    return next;
  }

  /** Remembers the step of `key` from `before` to `after`, when it can be told by its sources. */
  remember(
    key: StepKey,
    before: readonly AbstractState[],
    after: readonly AbstractState[],
    step: { readonly obs: Observation; readonly startedAt: number; readonly endedAt: number },
    outcome: Omit<StepMemoEntry, 'successors' | 'keepsStates'>,
  ): void {
    const rid = observedRevision(step.obs);
    const successors: Successor[] = [];
    for (const s of after) {
      if (s.via !== undefined) return;
      const { last, status } = s.revision;
      let since: Source | undefined;
      let lastSource: Source | undefined =
        last === null ? FROM_END : last === rid ? FROM_STEP : undefined;
      let sameAs = -1;
      for (let i = 0; i < before.length; i++) {
        const b = before[i];
        if (b === undefined) continue;
        if (since === undefined && b.since === s.since) since = i;
        if (lastSource === undefined && b.revision.last === last) lastSource = i;
        if (
          sameAs < 0 &&
          b.values === s.values &&
          b.since === s.since &&
          b.revision.last === last &&
          b.revision.status === status
        )
          sameAs = i;
      }
      since ??=
        s.since === step.startedAt ? FROM_STEP : s.since === step.endedAt ? FROM_END : undefined;
      if (since === undefined || lastSource === undefined) return;
      successors.push({ values: s.values, status, last: lastSource, since, sameAs });
    }
    if (this.size >= MAX_ENTRIES) {
      this.root = new Map();
      this.size = 0;
    }
    const keepsStates =
      successors.length === before.length && successors.every((s, i) => s.sameAs === i);
    let level: Level = this.root;
    const last = key.parts.length - 1;
    for (let i = 0; i < last; i++) {
      const part = key.parts[i] as KeyPart;
      let next = level.get(part) as Level | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(part, next);
      }
      level = next;
    }
    const lastPart = key.parts[last] as KeyPart;
    let leaves = level.get(lastPart) as Map<number, StepMemoEntry> | undefined;
    if (leaves === undefined) {
      leaves = new Map();
      level.set(lastPart, leaves);
    }
    if (!leaves.has(key.leaf)) this.size++;
    leaves.set(key.leaf, { ...outcome, successors, keepsStates });
  }

  /**
   * An error message only matters through the patterns the operation's rules hold it against: the
   * key says which of them it matches (long messages naming the function make slow keys). With a
   * stateful (global or sticky) pattern, the message itself.
   */
  private messageKey(op: Operation, message: string): string {
    let patterns = this.messagePatterns.get(op.name);
    if (!this.messagePatterns.has(op.name)) {
      const all = new Set<RegExp>();
      for (const rule of this.spec.operations.get(op.name)?.rules ?? []) {
        for (const outcome of rule.outcomes) {
          if (outcome.kind === 'error' && outcome.message !== undefined) all.add(outcome.message);
        }
      }
      patterns = [...all].some((p) => p.global || p.sticky) ? undefined : [...all];
      this.messagePatterns.set(op.name, patterns);
    }
    if (patterns === undefined) return message;
    let key = '';
    for (const pattern of patterns) key += pattern.test(message) ? '1' : '0';
    return key;
  }

  /** The fields the rules of an operation observe in a successful answer, in a fixed order. */
  private fieldsOf(operation: string): readonly string[] {
    let fields = this.observedFields.get(operation);
    if (fields === undefined) {
      const names = new Set<string>();
      for (const rule of this.spec.operations.get(operation)?.rules ?? []) {
        for (const outcome of rule.outcomes) {
          if (outcome.kind === 'ok')
            for (const field of Object.keys(outcome.observe)) names.add(field);
        }
      }
      fields = [...names].sort();
      this.observedFields.set(operation, fields);
    }
    return fields;
  }

  /**
   * Adds the parts of an observation's class: an error's type, status and message class; an
   * answer's (recorded or not) value of each field the operation's rules observe, in a fixed order.
   */
  private observationParts(
    parts: KeyPart[],
    op: Operation,
    obs: Exclude<Observation, { kind: 'inconclusive' }>,
  ): void {
    if (obs.kind === 'error') {
      parts.push(ERROR, obs.type, obs.status, this.messageKey(op, obs.message));
      return;
    }
    parts.push(obs.unrecorded === true ? UNRECORDED : OK);
    for (const field of this.fieldsOf(op.name)) {
      const value = obs.fields[field];
      parts.push(
        value === undefined
          ? field in obs.fields
            ? UNDEFINED
            : ABSENT
          : field === 'RevisionId' && this.revisionOpaque
            ? SOME_REVISION
            : value,
      );
    }
  }
}

/** The RevisionId an observation carries, as the monitor reads it. */
function observedRevision(obs: Observation): string | undefined {
  const rid = obs.kind === 'ok' ? obs.fields['RevisionId'] : undefined;
  return typeof rid === 'string' ? rid : undefined;
}

const memos = new PerSpec<StepMemo>();

function newStepMemo(spec: Spec): StepMemo {
  return new StepMemo(spec);
}
const unobservableKeys = new WeakMap<ReadonlySet<string>, string>();

/**
 * The step memo shared by every monitor of `spec` with the same reading, strictness, unobservable
 * fields and state bound (all a step's outcome depends on besides the step).
 */
export function stepMemo(
  spec: Spec,
  options: {
    readonly reading: string;
    readonly strictness: string;
    readonly unobservable: ReadonlySet<string>;
    readonly maxStates: number;
  },
): StepMemo {
  let unobservable = unobservableKeys.get(options.unobservable);
  if (unobservable === undefined) {
    unobservable = [...options.unobservable].sort().join(',');
    unobservableKeys.set(options.unobservable, unobservable);
  }
  const key = `${options.reading}|${options.strictness}|${options.maxStates}|${unobservable}`;
  return memos.get(spec, key, newStepMemo);
}
