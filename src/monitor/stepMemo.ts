import type { Observation } from '../lambda/Observation.ts';
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
}

/** Steps one memo holds before it starts afresh. */
const MAX_ENTRIES = 1 << 16;

const ABSENT = '\u0002';
const UNDEFINED = '\u0003';
const SOME_REVISION = '\u0004';

function scalarText(value: Scalar): string {
  return `${typeof value === 'string' ? 's' : typeof value === 'number' ? 'n' : 'b'}${String(value)}`;
}

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
  private readonly entries = new Map<string, StepMemoEntry>();
  private readonly observedFields = new Map<string, readonly string[]>();
  /** The message patterns of each operation's error outcomes (undefined: key by the message). */
  private readonly messagePatterns = new Map<string, readonly RegExp[] | undefined>();
  /** Whether no rule asks of a RevisionId more than whether it is there. */
  private readonly revisionOpaque: boolean;
  /** The shortest `within` bound of any async transition. */
  private readonly minWithinMs: number;

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
   * The key of a step from `states`, or undefined when it cannot be remembered: an inconclusive
   * observation, states carrying transitions taken (`via`), times out of order, or (unless every
   * state is `settled`, with no async transition to make) a time bound that may have passed.
   */
  keyOf(
    states: readonly AbstractState[],
    op: Operation,
    obs: Observation,
    startedAt: number,
    endedAt: number,
    settled: boolean,
  ): string | undefined {
    if (obs.kind === 'inconclusive' || endedAt < startedAt) return undefined;
    const rid = observedRevision(obs);
    let key = `${this.operationKey(op)}#${this.observationKey(op, obs)}#${rid === undefined ? '-' : '+'}`;
    for (let i = 0; i < states.length; i++) {
      const state = states[i];
      if (state === undefined || state.via !== undefined || state.since > startedAt)
        return undefined;
      if (!settled && startedAt - state.since > this.minWithinMs) return undefined;
      const { last, status } = state.revision;
      let lastClass: string;
      if (last === null) lastClass = 'n';
      else if (last === rid) lastClass = 'o';
      else {
        let j = 0;
        while (states[j]?.revision.last !== last) j++;
        lastClass = String(j);
      }
      key += `;${valuesId(state.values)}${status[0] ?? ''}${lastClass}r${rankOf(state.since, states, startedAt, endedAt)}`;
    }
    return `${key}#${rankOf(startedAt, states, startedAt, endedAt)},${rankOf(endedAt, states, startedAt, endedAt)}`;
  }

  /** The remembered step of `key`, if any. */
  get(key: string): StepMemoEntry | undefined {
    return this.entries.get(key);
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
    key: string,
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
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const keepsStates =
      successors.length === before.length && successors.every((s, i) => s.sameAs === i);
    this.entries.set(key, { ...outcome, successors, keepsStates });
  }

  private operationKey(op: Operation): string {
    // Each generated command has its own operation object: a cache by object would not hit.
    let key = op.name;
    for (const name in op.args) {
      const value = op.args[name];
      key += `|${name}=${value === undefined ? UNDEFINED : scalarText(value)}`;
    }
    return key;
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

  private observationKey(
    op: Operation,
    obs: Exclude<Observation, { kind: 'inconclusive' }>,
  ): string {
    if (obs.kind === 'error')
      return `e|${obs.type}|${obs.status}|${this.messageKey(op, obs.message)}`;
    let key = obs.unrecorded === true ? 'u' : 'o';
    for (const field of this.fieldsOf(op.name)) {
      const value = obs.fields[field];
      key +=
        value === undefined
          ? field in obs.fields
            ? `|${UNDEFINED}`
            : `|${ABSENT}`
          : field === 'RevisionId' && this.revisionOpaque
            ? `|${SOME_REVISION}`
            : `|${scalarText(value)}`;
    }
    return key;
  }
}

/** The RevisionId an observation carries, as the monitor reads it. */
function observedRevision(obs: Observation): string | undefined {
  const rid = obs.kind === 'ok' ? obs.fields['RevisionId'] : undefined;
  return typeof rid === 'string' ? rid : undefined;
}

/** How many of the states' `since` times and the step's two times are earlier than `time`. */
function rankOf(
  time: number,
  states: readonly AbstractState[],
  startedAt: number,
  endedAt: number,
): number {
  let rank = (startedAt < time ? 1 : 0) + (endedAt < time ? 1 : 0);
  for (const s of states) if (s.since < time) rank++;
  return rank;
}

const memos = new WeakMap<Spec, Map<string, StepMemo>>();
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
  let bySettings = memos.get(spec);
  if (bySettings === undefined) {
    bySettings = new Map();
    memos.set(spec, bySettings);
  }
  let memo = bySettings.get(key);
  if (memo === undefined) {
    memo = new StepMemo(spec);
    bySettings.set(key, memo);
  }
  return memo;
}
