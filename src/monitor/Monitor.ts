import { HarnessError } from '../errors/HarnessError.ts';
import type { Rule, Spec, Transition } from '../spec/Spec.ts';
import type { Observation } from '../targets/Observation.ts';
import type { Operation } from '../targets/Operation.ts';
import { describeState, initialState, stateKey, type AbstractState } from './AbstractState.ts';
import { applyEffects, guardHolds } from './evaluate.ts';
import { describeRule, matchRule } from './matchOutcome.ts';
import type { Expectation, StepVerdict } from './Verdict.ts';

/** Options of a monitor, resolved by the runner. */
export interface MonitorOptions {
  readonly reading: string;
  /** Observation fields the target cannot see; constraints on them are skipped. */
  readonly unobservable?: ReadonlySet<string>;
  /** Hard bound on the possible-state set; exceeding it is a spec error. */
  readonly maxStates?: number;
}

interface Expired {
  readonly state: AbstractState;
  readonly transition: Transition;
  readonly overdueMs: number;
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}

// States that differ only in `since` collapse, keeping the latest `since`: the conservative choice
// for time bounds, and what keeps the set small.
function keyOf(state: AbstractState): string {
  return stateKey({ ...state, since: 0 });
}

function addState(set: Map<string, AbstractState>, state: AbstractState): boolean {
  const key = keyOf(state);
  const existing = set.get(key);
  if (existing === undefined) {
    set.set(key, state);
    return true;
  }
  if (state.since > existing.since) set.set(key, state);
  return false;
}

/**
 * The checker for one function: holds the set of abstract states the spec allows now, and narrows
 * it with every observation (ioco-style, with the spec's async transitions as internal moves).
 */
export class FunctionMonitor {
  private states: AbstractState[];
  private readonly asyncTransitions: readonly (Transition & { trigger: { kind: 'async' } })[];
  private readonly unobservable: ReadonlySet<string>;
  private readonly maxStates: number;
  /** The largest possible-state set seen so far. */
  largestSet = 1;
  private confirmed: readonly string[] = [];

  constructor(
    private readonly spec: Spec,
    private readonly options: MonitorOptions,
  ) {
    this.states = [initialState(spec)];
    this.asyncTransitions = spec.transitions.filter(
      (t): t is Transition & { trigger: { kind: 'async' } } => t.trigger.kind === 'async',
    );
    this.unobservable = options.unobservable ?? new Set();
    this.maxStates = options.maxStates ?? 512;
  }

  /** The states possible now (before closing under async transitions). */
  get possibleStates(): readonly AbstractState[] {
    return this.states;
  }

  /** The largest `within` bound of any async transition (what `Settle` may need to wait). */
  maxWithinMs(): number {
    return Math.max(0, ...this.asyncTransitions.map((t) => t.trigger.withinMs));
  }

  /** Whether some possible state still has an async transition to make. */
  hasPendingAsync(): boolean {
    return this.states.some((s) => this.enabledAsync(s).length > 0);
  }

  private enabledAsync(state: AbstractState): readonly (Transition & { trigger: { kind: 'async' } })[] {
    return this.asyncTransitions.filter((t) => guardHolds(t.from, state, undefined, this.options.reading));
  }

  /**
   * Closes the set under async transitions at target time `at`, and drops states whose pending
   * transition is overdue (it must have happened by now). Returns the live and the overdue states.
   */
  private close(at: number): { live: AbstractState[]; expired: Expired[] } {
    const set = new Map<string, AbstractState>();
    const work = [...this.states];
    for (const s of work) addState(set, s);
    while (work.length > 0) {
      const state = work.pop();
      if (state === undefined) break;
      for (const transition of this.enabledAsync(state)) {
        const next = {
          ...applyEffects(transition.to, state, undefined, at),
          via: [...(state.via ?? []), transition.id],
        };
        if (addState(set, next)) work.push(next);
      }
      if (set.size > this.maxStates) {
        throw new HarnessError(
          'MONITOR_STATE_LIMIT',
          `${this.spec.file}: more than ${this.maxStates} possible states after async transitions; ` +
            'check the spec for async transitions that keep producing new values.',
        );
      }
    }
    const live: AbstractState[] = [];
    const expired: Expired[] = [];
    for (const state of set.values()) {
      const overdue = this.enabledAsync(state).find((t) => at > state.since + t.trigger.withinMs);
      if (overdue === undefined) live.push(state);
      else expired.push({ state, transition: overdue, overdueMs: at - state.since });
    }
    this.largestSet = Math.max(this.largestSet, set.size);
    return { live, expired };
  }

  private ruleFor(op: Operation, state: AbstractState): Rule | undefined {
    const operation = this.spec.operations.get(op.name);
    return operation?.rules.find((r) => guardHolds(r.when, state, op, this.options.reading));
  }

  /**
   * Checks one observed operation, started at target time `startedAt` and answered at `endedAt`,
   * and narrows the possible states. A divergence leaves the set as it was.
   */
  step(op: Operation, obs: Observation, startedAt: number, endedAt: number): StepVerdict {
    const { live, expired } = this.close(startedAt);
    const next = new Map<string, AbstractState>();
    const rules = new Set<string>();
    const expectations: Expectation[] = [];
    let allUnspecified = true;
    for (const state of live) {
      const rule = this.ruleFor(op, state);
      if (rule === undefined) {
        addState(next, state);
        continue;
      }
      rules.add(rule.id);
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
        addState(next, state.via === undefined ? m.successor : { ...m.successor, via: state.via });
        if (!m.unspecified) allUnspecified = false;
      }
      if (matches.length === 0 && mismatch?.kind === 'mismatch') {
        expectations.push({
          ruleId: rule.id,
          state: describeState(state),
          expected: describeRule(rule),
          reason: mismatch.reason,
          category: mismatch.category,
          cite: rule.cite,
        });
      }
    }
    const ruleList = [...rules];
    if (obs.kind === 'inconclusive') {
      this.states = [...next.values()];
      return { kind: 'inconclusive', rules: ruleList, reason: obs.reason };
    }
    if (next.size === 0) {
      return this.divergence(op, obs, ruleList, expectations, expired, endedAt);
    }
    this.confirmed = confirmedTransitions([...next.values()]);
    this.states = [...next.values()].map(({ via: _via, ...s }) => s);
    return allUnspecified && rules.size > 0
      ? { kind: 'unspecified', rules: ruleList }
      : { kind: 'conformant', rules: ruleList };
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
            expected: `transition ${transition.id} within ${formatMs(bound)}`,
            reason: `still not done after ${formatMs(overdueMs)} (bound ${formatMs(bound)})`,
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

  /** Applies an environment event at target time `at` to every possible state it applies to. */
  inject(event: string, at: number): readonly string[] {
    const { live } = this.close(at);
    const next = new Map<string, AbstractState>();
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
    this.states = [...next.values()];
    return [...applied];
  }

  /** Async transitions the last observation proved happened (taken in every surviving explanation). */
  get lastConfirmedTransitions(): readonly string[] {
    return this.confirmed;
  }
}

function confirmedTransitions(states: readonly AbstractState[]): string[] {
  const [first, ...rest] = states;
  if (first === undefined) return [];
  return (first.via ?? []).filter((t) => rest.every((s) => s.via?.includes(t) === true));
}
