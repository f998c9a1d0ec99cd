import { HarnessError } from '../errors/HarnessError.ts';
import type { Rule, Spec, Transition } from '../spec/Spec.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { enforcesBound, isInformational, type Strictness } from '../spec/strictness.ts';
import { formatDuration } from '../text/duration.ts';
import {
  describeState,
  initialState,
  valueKey,
  type AbstractState,
  addState,
} from './AbstractState.ts';
import { applyEffects, guardHolds } from './evaluate.ts';
import { ruleCache, type AsyncTransition, type RuleCache } from './ruleCache.ts';
import { stepMemo, type SettledVerdict, type StatesShape, type StepMemo } from './stepMemo.ts';
import { describeRule, matchRule, type RuleMatch } from './matchOutcome.ts';
import { recoverStates } from './recover.ts';
import { operationFacts } from '../lambda/catalogue.ts';
import type { Expectation, StepVerdict } from './Verdict.ts';

/** Options of a monitor, resolved by the runner. */
export interface MonitorOptions {
  readonly reading: string;
  /**
   * `documented`: what breaks an inferred rule, or exceeds an inferred time bound, is information
   * (an `unspecified` verdict), not a divergence. Default `all`: every rule and bound is enforced.
   */
  readonly strictness?: Strictness;
  /** Observation fields the target cannot see; constraints on them are skipped. */
  readonly unobservable?: ReadonlySet<string>;
  /**
   * Hard bound on the possible-state set (while it is closed under async transitions,
   * {@link CLOSURE_GROWTH} times it); exceeding it is a spec error.
   */
  readonly maxStates?: number;
  /**
   * Default true: steps seen before are not worked out again ({@link StepMemo}). False works out
   * every step in full (the verdicts are the same; tests compare the two).
   */
  readonly stepMemo?: boolean;
  /**
   * The fewest possible states a step must start from to be remembered (default
   * {@link STEP_MEMO_MIN_STATES}); tests lower it to 1 to compare the memo on every step.
   */
  readonly stepMemoMinStates?: number;
}

/**
 * Below this many possible states a step is worked out in full: checking one or two states costs
 * about what making the step's key, looking it up and remembering it does, and a run's steps from
 * such small sets are mostly new (about a third of them found remembered in a run of 1000
 * sequences), so the memo would cost more than it saves. Larger sets (updates of unknown outcome,
 * async transitions pending) cost a closure and a rule per state: there the memo pays.
 */
export const STEP_MEMO_MIN_STATES = 3;

/** One step of a function's history, with the possible states just before it. */
type HistoryEntry =
  | {
      readonly kind: 'step';
      readonly op: Operation;
      readonly obs: Observation;
      readonly startedAt: number;
      readonly endedAt: number;
      readonly before: readonly AbstractState[];
      /** A divergence the monitor went on past: replays re-anchor past it the same way. */
      readonly diverged?: true;
    }
  | {
      readonly kind: 'event';
      readonly event: string;
      readonly at: number;
      readonly before: readonly AbstractState[];
    };

/**
 * The states each divergent history entry left when replayed, by the states it was replayed from
 * ({@link FunctionMonitor} `replayDiverged`). Entries are never changed, so what they left holds.
 */
const REPLAYED = new WeakMap<object, Map<string, readonly AbstractState[]>>();

/**
 * How many times {@link MonitorOptions.maxStates} the set may grow to while it is closed under
 * async transitions: a set re-anchored after a divergence holds every combination of the fields
 * the answer did not show (320 states, from 188 value records, after the naive profile's
 * answers), and each of them may still make its pending transitions. The bound is there to stop a
 * spec whose transitions never stop producing new values, not a large finite closure.
 */
const CLOSURE_GROWTH = 8;

/** Every field observable (the default, shared). */
const NOTHING_UNOBSERVABLE: ReadonlySet<string> = new Set();

/** No async transition enabled. */
const NO_TRANSITIONS: readonly AsyncTransition[] = [];

/** No overdue state (the common case, shared). */
const NO_EXPIRED: readonly Expired[] = [];

/** No transition late past an informational bound (the common case, shared). */
const NO_LATE_INFORMATION: ReadonlySet<string> = new Set();

/** An earlier step taken as unknown to see whether the rest then fits. */
const WHAT_IF: Observation = { kind: 'inconclusive', reason: 'what-if' };

/** An earlier step that, taken as unknown, makes the rest of the history consistent. */
interface Suspect {
  readonly index: number;
  readonly entry: Extract<HistoryEntry, { kind: 'step' }>;
  readonly expectations: Expectation[];
  /** Later steps of its operation were taken as unknown too. */
  readonly sameOp: boolean;
}

/** The history of a divergence and the earlier steps that explain it, latest first. */
interface Culprits {
  readonly entries: readonly HistoryEntry[];
  readonly found: readonly Suspect[];
}

/** Below this distance an expectation failed only on the RevisionId (see `RuleMatch`). */
const NEAR_MISS = 1;

/** How far back a divergence is traced to the observation that first went wrong. */
const BLAME_WINDOW = 64;

/** A rule whose outcomes all failed in one state, explained only if nothing fits. */
interface Mismatch {
  readonly rule: Rule;
  readonly state: AbstractState;
  readonly mismatch: Extract<RuleMatch, { kind: 'mismatch' }>;
}

interface Expired {
  readonly state: AbstractState;
  readonly transition: Transition;
  readonly overdueMs: number;
}

function keyOf(state: AbstractState): string {
  return valueKey(state);
}

/**
 * The checker for one function: holds the set of abstract states the spec allows now, and narrows
 * it with every observation (ioco-style, with the spec's async transitions as internal moves).
 */
export class FunctionMonitor {
  private states: readonly AbstractState[];
  private readonly asyncTransitions: readonly AsyncTransition[];
  private readonly cache: RuleCache;
  private readonly memoMinStates: number;
  /** The size of the set the last {@link close} built, 0 when every state was settled. */
  private closedSize = 0;
  private readonly unobservable: ReadonlySet<string>;
  private readonly maxStates: number;
  private readonly strictness: Strictness;
  /** The largest possible-state set seen so far. */
  largestSet = 1;
  private confirmed: readonly string[] = [];
  private diverged:
    | {
        verdict: Extract<StepVerdict, { kind: 'divergence' }>;
        last: HistoryEntry;
        /** The best-matching state's expectation failed only on the RevisionId. */
        nearMiss: boolean;
      }
    | undefined;
  /** The distance of the best-matching expectation of the last divergent check. */
  private lastDistance = Infinity;
  /** What happened to this function, oldest first, for blaming the right step on divergence. */
  private readonly history: HistoryEntry[] = [];

  constructor(
    private readonly spec: Spec,
    private readonly options: MonitorOptions,
  ) {
    this.states = [initialState(spec)];
    this.cache = ruleCache(spec, options.reading);
    this.asyncTransitions = this.cache.asyncTransitions;
    this.unobservable = options.unobservable ?? NOTHING_UNOBSERVABLE;
    this.maxStates = options.maxStates ?? 512;
    this.strictness = options.strictness ?? 'all';
    this.memoMinStates = options.stepMemoMinStates ?? STEP_MEMO_MIN_STATES;
  }

  /** The shared step memo, looked up on first use (most monitors never see a set large enough). */
  private get memo(): StepMemo | undefined {
    if (this.options.stepMemo === false) return undefined;
    this.stepMemoOf ??= stepMemo(this.spec, {
      reading: this.options.reading,
      strictness: this.strictness,
      unobservable: this.unobservable,
      maxStates: this.maxStates,
    });
    return this.stepMemoOf;
  }

  private stepMemoOf: StepMemo | undefined;
  /** The set whose {@link StatesShape} is {@link shape} (the memo is per monitor settings). */
  private shapeStates: readonly AbstractState[] | undefined;
  private shape: StatesShape | undefined;

  /** The states possible now (before closing under async transitions). */
  get possibleStates(): readonly AbstractState[] {
    return this.states;
  }

  /** The largest `within` bound of any async transition (what `Settle` may need to wait). */
  maxWithinMs(): number {
    let max = 0;
    for (const t of this.asyncTransitions) max = Math.max(max, t.trigger.withinMs);
    return max;
  }

  /** Whether some possible state still has an async transition to make. */
  hasPendingAsync(): boolean {
    return !this.allSettled();
  }

  private asyncTransitionsEnabled = true;

  private enabledAsync(state: AbstractState): readonly AsyncTransition[] {
    if (!this.asyncTransitionsEnabled) return NO_TRANSITIONS;
    // A step asks this of the same states several times (settled? closing, overdue?): the last
    // answer is kept, by value record (what the answer depends on).
    if (state.values !== this.lastEnabledValues) {
      this.lastEnabledList = this.cache.enabledAsync(state);
      this.lastEnabledValues = state.values;
    }
    return this.lastEnabledList;
  }

  private lastEnabledValues: AbstractState['values'] | undefined;
  private lastEnabledList: readonly AsyncTransition[] = NO_TRANSITIONS;

  /**
   * Closes the set under async transitions at target time `at`, and drops states whose pending
   * transition is overdue (it must have happened by now). Returns the live states; the overdue ones
   * are left in `expired`, transitions late past an informational bound in `lateInformation`
   * (fields rather than a returned record: this runs at every step).
   */
  private close(at: number): readonly AbstractState[] {
    // Most steps find every possible state settled: nothing to close, nothing can be overdue.
    this.closedSize = 0;
    if (this.allSettled()) {
      this.expired = NO_EXPIRED;
      this.lateInformation = NO_LATE_INFORMATION;
      return this.states;
    }
    const set: AbstractState[] = [];
    const work = [...this.states];
    for (const s of work) addState(set, s);
    while (work.length > 0) {
      const state = work.pop();
      if (state === undefined) break;
      for (const transition of this.enabledAsync(state)) {
        const after = applyEffects(transition.to, state, undefined, at);
        const next: AbstractState = {
          values: after.values,
          revision: after.revision,
          since: after.since,
          via: state.via === undefined ? [transition.id] : [...state.via, transition.id],
        };
        if (addState(set, next)) work.push(next);
      }
      if (set.length > this.maxStates * CLOSURE_GROWTH) {
        throw new HarnessError(
          'MONITOR_STATE_LIMIT',
          `${this.spec.file}: more than ${this.maxStates * CLOSURE_GROWTH} possible states after async transitions; ` +
            'check the spec for async transitions that keep producing new values.',
        );
      }
    }
    const live: AbstractState[] = [];
    let expired: Expired[] | undefined;
    let lateInformation: Set<string> | undefined;
    for (const state of set) {
      let overdue: AsyncTransition | undefined;
      for (const t of this.enabledAsync(state)) {
        if (at <= state.since + t.trigger.withinMs) continue;
        // Strictness documented: an inferred bound that has passed is information, not a divergence.
        if (!enforcesBound(t.trigger.bound, this.strictness))
          (lateInformation ??= new Set()).add(t.id);
        else overdue ??= t;
      }
      if (overdue === undefined) live.push(state);
      else (expired ??= []).push({ state, transition: overdue, overdueMs: at - state.since });
    }
    this.largestSet = Math.max(this.largestSet, set.length);
    this.closedSize = set.length;
    this.expired = expired ?? NO_EXPIRED;
    this.lateInformation = lateInformation ?? NO_LATE_INFORMATION;
    return live;
  }

  /** The states the last {@link close} found overdue. */
  private expired: readonly Expired[] = NO_EXPIRED;
  /** The transitions the last {@link close} found late past an informational bound. */
  private lateInformation: ReadonlySet<string> = NO_LATE_INFORMATION;

  /** Whether no possible state has an async transition to make. */
  private allSettled(): boolean {
    if (!this.asyncTransitionsEnabled) return true;
    // Asked at every step, of a set that most steps leave as it was: the answer is kept per set.
    if (this.settledStates === this.states) return this.settledAnswer;
    let settled = true;
    for (const s of this.states) {
      if (this.enabledAsync(s).length > 0) {
        settled = false;
        break;
      }
    }
    this.settledStates = this.states;
    this.settledAnswer = settled;
    return settled;
  }

  /** The set {@link settledAnswer} was worked out for. */
  private settledStates: readonly AbstractState[] | undefined;
  private settledAnswer = true;

  private ruleFor(op: Operation, state: AbstractState): Rule | undefined {
    return this.cache.ruleFor(op, state);
  }

  /**
   * Checks one observed operation, started at target time `startedAt` and answered at `endedAt`,
   * and narrows the possible states. A divergence leaves the set as it was.
   */
  step(op: Operation, obs: Observation, startedAt: number, endedAt: number): StepVerdict {
    const before = this.states;
    const verdict = this.check(op, obs, startedAt, endedAt);
    if (verdict.kind === 'divergence') {
      this.diverged = {
        verdict,
        last: { kind: 'step', op, obs, startedAt, endedAt, before },
        nearMiss: this.lastDistance < NEAR_MISS,
      };
      return verdict;
    }
    this.history.push({ kind: 'step', op, obs, startedAt, endedAt, before });
    if (this.history.length > BLAME_WINDOW) this.history.shift();
    return verdict;
  }

  /** A fresh monitor of the same spec starting from `states`, for what-if replays. */
  private fork(states: readonly AbstractState[]): FunctionMonitor {
    const m = new FunctionMonitor(this.spec, this.options);
    m.states = [...states];
    return m;
  }

  /**
   * Replays history entries on this monitor; false when one of them diverges. With `unknownOp`,
   * every step of that operation but the last entry is taken as unknown too.
   */
  private replays(entries: readonly HistoryEntry[], unknownOp?: string): boolean {
    const last = entries.at(-1);
    for (const e of entries) {
      if (e.kind === 'event') this.inject(e.event, e.at);
      else if (e.op.name === unknownOp && e !== last) {
        this.check(e.op, WHAT_IF, e.startedAt, e.endedAt);
      } else if (e.diverged === true) {
        this.replayDiverged(e);
      } else if (this.check(e.op, e.obs, e.startedAt, e.endedAt).kind === 'divergence') {
        return false;
      }
    }
    return true;
  }

  /**
   * A divergence already reported, replayed as the run went on past it: re-anchored on what the
   * target answered when it diverges again. Taking it as unknown instead would throw away what it
   * showed: against a target whose every read diverges (no RevisionId at all) no what-if replay
   * would then know the state, and any earlier write would seem to explain anything later.
   */
  private replayDiverged(e: Extract<HistoryEntry, { kind: 'step' }>): void {
    // Blame analysis replays the same entry from the same states many times (once per suspect):
    // the outcome is remembered per entry and starting states.
    let memo = REPLAYED.get(e);
    if (memo === undefined) {
      memo = new Map();
      REPLAYED.set(e, memo);
    }
    const key = this.states.map((s) => `${keyOf(s)}@${s.since}`).join(';');
    const known = memo.get(key);
    if (known !== undefined) {
      this.states = [...known];
      return;
    }
    if (this.check(e.op, e.obs, e.startedAt, e.endedAt).kind === 'divergence') {
      this.recoverLocally(e.op, e.obs, e.startedAt, e.endedAt);
    }
    memo.set(key, this.states);
  }

  /**
   * The monitor after replaying `entries` from the suspect at `j` on, the suspect taken as unknown
   * (with `sameOp`, every later step of its operation too): undefined when the rest still diverges.
   */
  private whatIf(
    entries: readonly HistoryEntry[],
    j: number,
    sameOp: boolean,
  ): FunctionMonitor | undefined {
    const suspect = entries[j];
    if (suspect === undefined || suspect.kind !== 'step') return undefined;
    const probe = this.fork(suspect.before);
    probe.check(suspect.op, WHAT_IF, suspect.startedAt, suspect.endedAt);
    return probe.replays(entries.slice(j + 1), sameOp ? suspect.op.name : undefined)
      ? probe
      : undefined;
  }

  /**
   * The earlier step to blame for the last divergence, latest first: the one that, taken as
   * unknown, makes the rest consistent; when none does alone, the one that does together with the
   * later steps of its operation (two Invokes both allowed only because provisioning might have
   * been instant). Undefined when no earlier step explains it.
   */
  private culprits(): Culprits {
    if (this.diverged === undefined) return { entries: [], found: [] };
    if (this.culpritMemo?.of === this.diverged) return this.culpritMemo.culprits;
    const culprits = this.findCulprits(this.diverged);
    this.culpritMemo = { of: this.diverged, culprits };
    return culprits;
  }

  private culpritMemo: { readonly of: object; readonly culprits: Culprits } | undefined;

  private findCulprits(diverged: { last: HistoryEntry; nearMiss: boolean }): Culprits {
    // The last step broke only its RevisionId expectation in its best-matching state: that step
    // is what went wrong (a RevisionId that did not change), not an earlier one.
    if (diverged.nearMiss) return { entries: [], found: [] };
    const entries = [...this.history, diverged.last];
    // Suspects are accepted writes. A read reports the state as the target sees it, and a refusal
    // says nothing happened: both are evidence, not suspects (blaming a GetFunction that said
    // Pending, or a refused update that "might have been accepted", for a later Invoke that should
    // have been refused would name the wrong step). A step already reported as a divergence is no
    // suspect either: it was judged, and the monitor re-anchored on its answer; taking it as unknown
    // would bring back the outcomes that answer ruled out (an Invoke of an Inactive function that
    // succeeded "might have failed and started reactivation"), and name a finding already reported
    // for a new one (a second such Invoke blamed on the first).
    //
    // Nor is a step before the latest write reported as a divergence: the monitor went on from that
    // write as the target reported it, an approximation (an update that answered Successful at
    // once is taken as started, its completion as pending), so what an earlier step, taken as
    // unknown, changes downstream passes through that approximation and proves nothing (an Invoke
    // that ran the new code of such an update was blamed as an Invoke during an update, for a
    // waiter that timed out after a later update).
    const lastDivergedWrite = entries.findLastIndex(
      (e) =>
        e.kind === 'step' && e.diverged === true && operationFacts(e.op.name)?.access !== 'read',
    );
    const suspects = entries
      .slice(0, -1)
      .map((e, j) => ({ e, j }))
      .filter(
        ({ e, j }) =>
          j > lastDivergedWrite &&
          e.kind === 'step' &&
          e.diverged !== true &&
          e.obs.kind === 'ok' &&
          operationFacts(e.op.name)?.access !== 'read',
      )
      .map(({ j }) => j);
    const earliest = suspects[0];
    // Taking every suspect as unknown at once is the most any of them can explain: when even that
    // leaves the rest inconsistent, no single one is to blame (one replay instead of one each).
    if (earliest === undefined || !this.allUnknownFits(entries, suspects)) {
      return { entries, found: [] };
    }
    for (const sameOp of [false, true]) {
      const found: Suspect[] = [];
      for (const j of [...suspects].reverse()) {
        const suspect = entries[j];
        if (suspect === undefined || suspect.kind !== 'step') continue;
        if (this.whatIf(entries, j, sameOp) === undefined) continue;
        const expectations = this.suspectExpectations(suspect, entries.slice(j + 1), sameOp);
        if (expectations.length > 0) found.push({ index: j, entry: suspect, expectations, sameOp });
      }
      if (found.length > 0) return { entries, found };
    }
    return { entries, found: [] };
  }

  /** Whether the history fits with every suspect step (by index) taken as unknown. */
  private allUnknownFits(entries: readonly HistoryEntry[], suspects: readonly number[]): boolean {
    const [earliest] = suspects;
    const first = earliest === undefined ? undefined : entries[earliest];
    if (first === undefined) return false;
    const probe = this.fork(first.before);
    const unknown = new Set(suspects);
    for (const [j, e] of entries.entries()) {
      if (j < (earliest ?? 0)) continue;
      if (e.kind === 'event') probe.inject(e.event, e.at);
      else if (unknown.has(j)) probe.check(e.op, WHAT_IF, e.startedAt, e.endedAt);
      else if (e.diverged === true) probe.replayDiverged(e);
      else if (probe.check(e.op, e.obs, e.startedAt, e.endedAt).kind === 'divergence') {
        return false;
      }
    }
    return true;
  }

  /**
   * Explains the last divergence (costly: call it for the counterexample you report, not for every
   * shrink attempt). An observation can be allowed only because an async transition might already
   * have happened (an Invoke that succeeds right after CreateFunction: maybe provisioning was
   * instant); a later observation then proves it had not. Every earlier observation that, taken as
   * "unknown", makes the rest of the trace consistent is a candidate culprit; the latest one is
   * named first, and the rules of all of them are listed (without timing knowledge the spec cannot
   * tell them apart).
   */
  explainDivergence(): Extract<StepVerdict, { kind: 'divergence' }> | undefined {
    if (this.diverged === undefined) return undefined;
    const { verdict } = this.diverged;
    const { found } = this.culprits();
    const primary = found[0];
    if (primary === undefined) return verdict;
    const all = [...found.flatMap((c) => c.expectations), ...verdict.expectations];
    const first = primary.expectations[0] ?? all[0];
    return {
      ...verdict,
      category: first?.category ?? verdict.category,
      rules: [...new Set([...all.map((e) => e.ruleId), ...verdict.rules])],
      violated: [...new Set(primary.expectations.map((e) => e.ruleId))],
      observation: primary.entry.obs,
      expectations: all,
      culprit: {
        operation: primary.entry.op,
        observation: primary.entry.obs,
        startedAt: primary.entry.startedAt,
      },
    };
  }

  /** What the spec expected of a suspect step, from the states that keep the rest consistent. */
  private suspectExpectations(
    suspect: Extract<HistoryEntry, { kind: 'step' }>,
    rest: readonly HistoryEntry[],
    sameOp: boolean,
  ): Expectation[] {
    const unknownOp = sameOp ? suspect.op.name : undefined;
    const expectations: Expectation[] = [];
    for (const state of suspect.before) {
      // A transition past its bound by then had happened: "it fits only if the transition had not
      // happened yet" cannot be said of that state (a version published 363 s before an Invoke
      // of it, past version-activates' 5 minutes, is not blamed as a Pending version invoked).
      if (this.overdueBy(state, suspect.startedAt)) continue;
      const single = this.fork([state]);
      single.check(suspect.op, WHAT_IF, suspect.startedAt, suspect.endedAt);
      if (!single.replays(rest, unknownOp)) continue;
      // The suspect fits only if a transition had already happened: name the rule of the state in
      // which it had not.
      const strict = this.fork([state]).checkWithout(
        suspect.op,
        suspect.obs,
        suspect.startedAt,
        suspect.endedAt,
      );
      if (strict?.kind === 'divergence') expectations.push(...strict.expectations);
    }
    return expectations;
  }

  /** Whether some async transition of `state` that the run enforces is past its bound at `at`. */
  private overdueBy(state: AbstractState, at: number): boolean {
    return this.enabledAsync(state).some(
      (t) =>
        at > state.since + t.trigger.withinMs && enforcesBound(t.trigger.bound, this.strictness),
    );
  }

  /** Checks an observation against the states as they are, WITHOUT closing under async transitions. */
  private checkWithout(
    op: Operation,
    obs: Observation,
    startedAt: number,
    endedAt: number,
  ): StepVerdict | undefined {
    const saved = this.asyncTransitionsEnabled;
    this.asyncTransitionsEnabled = false;
    try {
      return this.check(op, obs, startedAt, endedAt);
    } finally {
      this.asyncTransitionsEnabled = saved;
    }
  }

  /**
   * Checks one observation and narrows the possible states; a step seen before (the same states,
   * operation and observation class, see {@link StepMemo}) is not worked out again.
   */
  private check(op: Operation, obs: Observation, startedAt: number, endedAt: number): StepVerdict {
    const before = this.states;
    // Small sets are checked about as fast as a step is looked up (see STEP_MEMO_MIN_STATES); one
    // settled state always is.
    if (before.length < this.memoMinStates || !this.asyncTransitionsEnabled)
      return this.checkAll(op, obs, startedAt, endedAt);
    const settled = this.allSettled();
    const memo = before.length > 1 || !settled ? this.memo : undefined;
    if (memo === undefined) return this.checkAll(op, obs, startedAt, endedAt);
    // A step that narrows nothing leaves the same set: its shape is worked out once.
    let shape = this.shape;
    if (shape === undefined || this.shapeStates !== before) {
      shape = memo.shapeOf(before);
      this.shape = shape;
      this.shapeStates = before;
    }
    const key = memo.keyOf(before, shape, op, obs, startedAt, endedAt, settled);
    // A step met for the first time is worked out in full, not remembered (see StepMemo.admit).
    if (key === undefined || !memo.admit(key)) return this.checkAll(op, obs, startedAt, endedAt);
    const known = memo.get(key);
    if (known !== undefined) {
      const next = memo.replay(known, before, obs, startedAt, endedAt);
      if (next !== before) {
        // The rebuilt set's shape is the step's to know: worked out the first time only.
        known.nextShape ??= memo.shapeOf(next);
        this.shape = known.nextShape;
        this.shapeStates = next;
      }
      this.states = next;
      this.confirmed = known.confirmed;
      this.largestSet = Math.max(this.largestSet, known.closedSize);
      return known.verdict.kind === 'conformant'
        ? { kind: 'conformant', rules: known.verdict.rules }
        : { kind: 'unspecified', rules: known.verdict.rules };
    }
    const verdict = this.checkAll(op, obs, startedAt, endedAt);
    if (verdict.kind === 'conformant' || verdict.kind === 'unspecified') {
      const settled: SettledVerdict = verdict;
      memo.remember(
        key,
        before,
        this.states,
        { obs, startedAt, endedAt },
        { verdict: settled, confirmed: this.confirmed, closedSize: this.closedSize },
      );
    }
    return verdict;
  }

  private checkAll(
    op: Operation,
    obs: Observation,
    startedAt: number,
    endedAt: number,
  ): StepVerdict {
    const live = this.close(startedAt);
    const { expired, lateInformation } = this;
    // Small arrays rather than sets and maps: a step sees a few states and rules.
    const next: AbstractState[] = [];
    // Rules whose outcome fitted the observation, and whether some fit was documented (not
    // unspecified). The rules that applied are listed only when the verdict names them
    // (inconclusive, divergence): see `rulesApplied`.
    const fitted: string[] = [];
    let documented = false;
    // Inferred rules the observation broke, under strictness documented: information only.
    let informational: string[] | undefined;
    // Explanations are only needed when nothing fits: keep the raw mismatches, describe them later.
    let mismatches: Mismatch[] | undefined;
    for (const state of live) {
      const rule = this.ruleFor(op, state);
      if (rule === undefined) {
        addState(next, state);
        continue;
      }
      if (obs.kind === 'inconclusive') {
        // It may or may not have happened: keep every possibility, RevisionId unknown.
        addState(next, state);
        for (const o of rule.outcomes) {
          const after = applyEffects(o.effects, state, op, endedAt);
          addState(next, { ...after, revision: { last: after.revision.last, status: 'maybe' } });
        }
        continue;
      }
      const { matches, mismatch } = matchRule(rule, obs, state, op, endedAt, this.unobservable);
      for (const m of matches) {
        if (m.kind !== 'match') continue;
        const { successor } = m;
        addState(
          next,
          state.via === undefined
            ? successor
            : {
                values: successor.values,
                revision: successor.revision,
                since: successor.since,
                via: state.via,
              },
        );
        if (!fitted.includes(rule.id)) fitted.push(rule.id);
        if (!m.unspecified) documented = true;
      }
      if (matches.length > 0 || mismatch?.kind !== 'mismatch') continue;
      if (isInformational(rule, this.strictness)) {
        // Strictness documented: an inferred rule the target breaks is information. What happened
        // is then unknown, as after an inconclusive observation.
        informational ??= [];
        if (!informational.includes(rule.id)) informational.push(rule.id);
        for (const unknown of this.unknownSuccessors(rule, state, op, endedAt)) {
          addState(next, unknown);
        }
      } else (mismatches ??= []).push({ rule, state, mismatch });
    }
    if (obs.kind === 'inconclusive') {
      this.states = withoutVia(next);
      return { kind: 'inconclusive', rules: this.rulesApplied(op, live), reason: obs.reason };
    }
    if (next.length === 0) {
      const all = mismatches ?? [];
      // The best-matching state's rule first: it names the field the target got wrong.
      all.sort((a, b) => a.mismatch.distance - b.mismatch.distance);
      this.lastDistance = all[0]?.mismatch.distance ?? Infinity;
      const expectations = all.map(({ rule, state, mismatch }): Expectation => ({
        ruleId: rule.id,
        state: describeState(state),
        expected: describeRule(rule),
        reason: mismatch.reason,
        category: mismatch.category,
        cite: rule.cite,
      }));
      return this.divergence(op, obs, this.rulesApplied(op, live), expectations, expired, endedAt);
    }
    this.confirmed = confirmedTransitions(next);
    // A step that leaves every state as it was (most reads) keeps the set: what is worked out per
    // set (settled? its shape) stays known.
    if (!sameStates(next, this.states)) this.states = withoutVia(next);
    if (lateInformation.size > 0) {
      // A transition is later than its inferred bound (strictness documented): the step is
      // reported as information, naming the transition next to the rules that decided it.
      return {
        kind: 'unspecified',
        rules: [...new Set([...fitted, ...(informational ?? []), ...lateInformation])],
      };
    }
    if (informational === undefined) {
      return documented || fitted.length === 0
        ? { kind: 'conformant', rules: fitted }
        : { kind: 'unspecified', rules: fitted };
    }
    const information = [...new Set([...fitted, ...informational])];
    return documented || information.length === 0
      ? { kind: 'conformant', rules: fitted }
      : { kind: 'unspecified', rules: information };
  }

  /** The rules of `op` that apply in `states`, each once, in the order of the states. */
  private rulesApplied(op: Operation, states: readonly AbstractState[]): string[] {
    const rules: string[] = [];
    for (const state of states) {
      const rule = this.ruleFor(op, state);
      if (rule !== undefined && !rules.includes(rule.id)) rules.push(rule.id);
    }
    return rules;
  }

  /**
   * The states an observation leaves when it is not judged: the state as it was, and each outcome's
   * effects, all with the RevisionId free to change.
   */
  private unknownSuccessors(
    rule: Rule,
    state: AbstractState,
    op: Operation,
    at: number,
  ): AbstractState[] {
    const free = (s: AbstractState): AbstractState => ({
      ...s,
      revision: { last: s.revision.last, status: 'maybe' },
    });
    return [free(state), ...rule.outcomes.map((o) => free(applyEffects(o.effects, state, op, at)))];
  }

  private divergence(
    op: Operation,
    obs: Observation,
    rules: string[],
    expectations: Expectation[],
    expired: readonly Expired[],
    at: number,
  ): StepVerdict {
    // Would the observation fit a state whose transition was overdue? Then the target is late.
    for (const { state, transition, overdueMs } of expired) {
      const rule = this.ruleFor(op, state);
      if (rule === undefined) continue;
      if (matchRule(rule, obs, state, op, at, this.unobservable).matches.length === 0) continue;
      const bound = transition.trigger.kind === 'async' ? transition.trigger.withinMs : 0;
      return {
        kind: 'divergence',
        rules: [transition.id, ...rules],
        category: 'too-late',
        observation: obs,
        expectations: [
          {
            ruleId: transition.id,
            state: describeState(state),
            expected: `transition ${transition.id} within ${formatDuration(bound)}`,
            reason: `still not done after ${formatDuration(overdueMs)} (bound ${formatDuration(bound)})`,
            category: 'too-late',
            cite: transition.cite,
          },
          ...expectations,
        ],
      };
    }
    const first = expectations[0];
    return {
      kind: 'divergence',
      rules,
      category: first?.category ?? 'wrong-field',
      observation: obs,
      expectations,
    };
  }

  /**
   * Goes on after the divergence of the last step: the possible states become those that explain
   * what the target answered ({@link recoverStates}), and blame analysis starts afresh from there
   * (a later divergence is not traced back past this one). Returns whether a rule of the spec
   * explains the answer exactly; when not, the caller should read the function back.
   */
  recover(): boolean {
    const diverged = this.diverged;
    if (diverged === undefined || diverged.last.kind !== 'step') return true;
    const last = diverged.last;
    // An earlier step is to blame: what the whole history says, with it taken as unknown.
    const { entries, found } = this.culprits();
    const primary = found[0];
    const probe =
      primary === undefined ? undefined : this.whatIf(entries, primary.index, primary.sameOp);
    let explained = true;
    if (probe !== undefined) {
      this.states = probe.states;
      this.largestSet = Math.max(this.largestSet, probe.largestSet);
    } else {
      explained = this.recoverLocally(last.op, last.obs, last.startedAt, last.endedAt);
    }
    this.confirmed = [];
    this.diverged = undefined;
    // Kept in the history, marked: a later divergence may still be traced back past it.
    this.history.push({ ...last, diverged: true });
    if (this.history.length > BLAME_WINDOW) this.history.shift();
    return explained;
  }

  /** Re-anchors on a divergent step's answer by {@link recoverStates}; whether a rule explains it. */
  private recoverLocally(
    op: Operation,
    obs: Observation,
    startedAt: number,
    endedAt: number,
  ): boolean {
    const live = this.close(startedAt);
    const { expired } = this;
    const pool = [...live, ...expired.map((e) => e.state)];
    const recovery = recoverStates(
      {
        spec: this.spec,
        reading: this.options.reading,
        unobservable: this.unobservable,
        readsState: operationFacts(op.name)?.access === 'read',
        ruleFor: (o, state) => this.ruleFor(o, state),
      },
      pool,
      op,
      obs,
      endedAt,
    );
    if (recovery.states.length > this.maxStates) {
      throw new HarnessError(
        'MONITOR_STATE_LIMIT',
        `${this.spec.file}: more than ${this.maxStates} possible states after a divergence of ` +
          `${op.name}; check the spec for guards that list many values.`,
      );
    }
    this.states = recovery.states.map(({ via: _via, ...s }) => s);
    this.largestSet = Math.max(this.largestSet, this.states.length);
    return recovery.explained;
  }

  /** Applies an environment event at target time `at` to every possible state it applies to. */
  inject(event: string, at: number): readonly string[] {
    this.history.push({ kind: 'event', event, at, before: this.states });
    if (this.history.length > BLAME_WINDOW) this.history.shift();
    const live = this.close(at);
    const next: AbstractState[] = [];
    const applied = new Set<string>();
    for (const state of live) {
      const transition = this.spec.transitions.find(
        (t) =>
          t.trigger.kind === 'event' &&
          t.trigger.event === event &&
          guardHolds(t.from, state, undefined, this.options.reading),
      );
      if (transition === undefined) {
        addState(next, state);
        continue;
      }
      applied.add(transition.id);
      addState(next, applyEffects(transition.to, state, undefined, at));
    }
    this.states = next;
    return [...applied];
  }

  /** Async transitions the last observation proved happened (taken in every surviving explanation). */
  get lastConfirmedTransitions(): readonly string[] {
    return this.confirmed;
  }
}

/** The states without `via` (each copied only when it has one). */
function withoutVia(states: AbstractState[]): AbstractState[] {
  for (let i = 0; i < states.length; i++) {
    const state = states[i];
    if (state?.via === undefined) continue;
    states[i] = { values: state.values, revision: state.revision, since: state.since };
  }
  return states;
}

/**
 * Whether `next` holds the states of `states`, the same objects in the same order, none carrying
 * transitions taken (`via`, which a new set leaves out).
 */
function sameStates(next: readonly AbstractState[], states: readonly AbstractState[]): boolean {
  if (next.length !== states.length) return false;
  for (let i = 0; i < next.length; i++) {
    const state = next[i];
    if (state !== states[i] || state?.via !== undefined) return false;
  }
  return true;
}

/** Nothing confirmed (the common case: no async transition was taken, shared). */
const NONE_CONFIRMED: readonly string[] = [];

function confirmedTransitions(states: readonly AbstractState[]): readonly string[] {
  const via = states[0]?.via;
  if (via === undefined) return NONE_CONFIRMED;
  return via.filter((t) => states.every((s) => s.via?.includes(t) === true));
}
