import { FunctionMonitor } from '../monitor/Monitor.ts';
import { describeObservation, type StepVerdict } from '../monitor/Verdict.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Observation } from '../lambda/Observation.ts';
import { formatOperation, type Operation } from '../lambda/Operation.ts';
import { Coverage } from './Coverage.ts';
import { setupRefusal } from './setupRefusal.ts';
import type { Strictness } from '../spec/strictness.ts';
import type { UndecidableWait } from '../monitor/undecidableWait.ts';
import type { UndecidableWaits } from './RunRecord.ts';

/** A divergence verdict of the monitor. */
export type DivergenceVerdict = Extract<StepVerdict, { kind: 'divergence' }>;

/**
 * Run-wide bookkeeping that every checked step is accounted in, live or recorded: one per run,
 * shared by all its sequences (shrink attempts included).
 */
export interface RunTally {
  /** Exercised and unspecified counts per rule; violations are counted once the run is over. */
  readonly coverage: Coverage;
  operations: number;
  largestStateSet: number;
  readonly inconclusive: { command: string; reason: string }[];
  /** The first {@link UNSPECIFIED_SAMPLES_PER_RULE} unspecified observations of each rule. */
  readonly unspecified: { ruleId: string; command: string; observation: string }[];
  /**
   * The first refusal of the harness's own request that is a setup problem, not a divergence (see
   * `setupRefusal`): once set, the run stops and ends with exit 2, its report naming it.
   */
  setupError: { readonly command: string; readonly message: string } | undefined;
  /** Waits Settle left undecided (real time), one entry per transition list, counted. */
  readonly undecidable: Mutable<UndecidableWaits[number]>[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Counts a wait Settle left undecided because no answer could reveal whether `why.transitions`
 * happened; the first pair of states that showed it is kept for each list of transitions.
 */
export function noteUndecidable(tally: RunTally, why: UndecidableWait): void {
  const key = why.transitions.join(',');
  const entry = tally.undecidable.find((u) => u.transitions.join(',') === key);
  if (entry !== undefined) entry.count++;
  else tally.undecidable.push({ ...why, count: 1 });
}

/** An empty tally for a run against `spec`. */
export function createRunTally(spec: Spec): RunTally {
  return {
    coverage: new Coverage(spec),
    operations: 0,
    largestStateSet: 1,
    inconclusive: [],
    unspecified: [],
    setupError: undefined,
    undecidable: [],
  };
}

/** Unspecified observations kept per rule, as information: enough to see the variants. */
export const UNSPECIFIED_SAMPLES_PER_RULE = 3;

/** How the steps of one sequence are checked. */
export interface StepCheckerOptions {
  readonly reading: string;
  /** Default `all`; `documented` makes inferred rules informational (see `Strictness`). */
  readonly strictness?: Strictness;
  readonly unobservable: ReadonlySet<string>;
  /**
   * Rules of known divergences (`--baseline`): a divergence blamed on one of them does not end the
   * sequence; the monitor re-anchors on what the target answered and checking goes on.
   */
  readonly knownRules?: ReadonlySet<string>;
  /**
   * Go on past every divergence: explain it (culprit named) and re-anchor the monitor on what the
   * target answered ({@link FunctionMonitor.recover}). Default false: the monitor stays at the
   * divergence, for the caller to explain when it reports it.
   */
  readonly keepGoing?: boolean;
}

/** The outcome of checking one operation. */
export interface CheckedOperation {
  /** The monitor's verdict, as the step is recorded. */
  readonly verdict: StepVerdict;
  /**
   * Set for a divergence blamed on a known rule: the rule and the explained divergence. The monitor
   * re-anchored on the answer, so the sequence goes on.
   */
  readonly known?: { readonly rule: string; readonly explained: DivergenceVerdict };
  /** Set for a divergence the checker went on past (`keepGoing`): explained, culprit named. */
  readonly explained?: DivergenceVerdict;
  /**
   * Set when the checker went on past a divergence that no rule explains exactly: the possible
   * states are an approximation, and reading the function back re-anchors them.
   */
  readonly readBack?: boolean;
  /**
   * Set when the answer was a setup problem of the run (see `setupRefusal`): the message, also
   * kept in the tally. The step is then recorded as inconclusive and nothing is counted for it.
   */
  readonly setup?: string;
}

/**
 * Checks the steps of one sequence, live or recorded, with one monitor per logical function, and
 * accounts for each in the run's tally: operations, the largest state set, exercised and
 * unspecified rules (with samples), inconclusive steps. Live runs (`Execution`) and recorded ones
 * (`check-trace`) both check through it, so the same steps give the same counts. Violations are not
 * counted here: a run counts those of the divergences it reports, once it knows them.
 */
export class StepChecker {
  private readonly monitors = new Map<string, FunctionMonitor>();

  constructor(
    private readonly spec: Spec,
    private readonly tally: RunTally,
    private readonly options: StepCheckerOptions,
  ) {}

  /** The monitor of a logical function, created on first use. */
  monitorOf(fn: string): FunctionMonitor {
    let m = this.monitors.get(fn);
    if (m === undefined) {
      m = new FunctionMonitor(this.spec, {
        reading: this.options.reading,
        strictness: this.options.strictness ?? 'all',
        unobservable: this.options.unobservable,
      });
      this.monitors.set(fn, m);
    }
    return m;
  }

  /** An environment event was injected at `at`: the transitions that may apply (counted). */
  inject(fn: string, event: string, at: number): readonly string[] {
    const applied = this.monitorOf(fn).inject(event, at);
    this.tally.coverage.exercised(applied);
    return applied;
  }

  /** Counts a harness step that ended inconclusive (an event request that may have applied). */
  noteInconclusive(command: string, reason: string): void {
    this.tally.inconclusive.push({ command, reason });
  }

  /** Checks one operation's observation, made between `startedAt` and `endedAt`, and counts it. */
  check(op: Operation, obs: Observation, startedAt: number, endedAt: number): CheckedOperation {
    const monitor = this.monitorOf(op.fn);
    const verdict = monitor.step(op, obs, startedAt, endedAt);
    const { coverage } = this.tally;
    this.tally.operations++;
    this.tally.largestStateSet = Math.max(this.tally.largestStateSet, monitor.largestSet);
    switch (verdict.kind) {
      case 'divergence': {
        const setup = setupRefusal(this.spec, op, obs, verdict);
        if (setup !== undefined) {
          this.tally.setupError ??= { command: formatOperation(op), message: setup };
          return { verdict: { kind: 'inconclusive', rules: [], reason: setup }, setup };
        }
        coverage.exercised(verdict.rules);
        const known = this.knownRule(monitor, verdict);
        if (known !== undefined) return { verdict, known, readBack: !monitor.recover() };
        if (this.options.keepGoing !== true) return { verdict };
        const explained = monitor.explainDivergence() ?? verdict;
        return { verdict, explained, readBack: !monitor.recover() };
      }
      case 'inconclusive':
        // Nothing was shown: the rules it might have decided are not exercised by it.
        this.tally.inconclusive.push({ command: formatOperation(op), reason: verdict.reason });
        return { verdict };
      case 'unspecified':
        coverage.unspecified(verdict.rules);
        coverage.exercised(verdict.rules);
        this.sampleUnspecified(verdict.rules, op, obs);
        return { verdict };
      case 'conformant':
        coverage.exercised(verdict.rules);
        coverage.exercised(monitor.lastConfirmedTransitions);
        return { verdict };
    }
  }

  /**
   * The functions that still have an async transition to make, and the longest time bound among
   * them: Settle polls them until none is left or the bound has passed.
   */
  pending(): { readonly fns: readonly string[]; readonly boundMs: number } {
    const fns: string[] = [];
    let boundMs = -Infinity;
    for (const [fn, m] of this.monitors) {
      if (!m.hasPendingAsync()) continue;
      fns.push(fn);
      boundMs = Math.max(boundMs, m.maxWithinMs());
    }
    return { fns, boundMs };
  }

  private knownRule(
    monitor: FunctionMonitor,
    verdict: DivergenceVerdict,
  ): CheckedOperation['known'] {
    const knownRules = this.options.knownRules;
    // Explaining is costly: only when some rule is known.
    if (knownRules === undefined || knownRules.size === 0) return undefined;
    const explained = monitor.explainDivergence() ?? verdict;
    const rule = explained.expectations[0]?.ruleId;
    return rule !== undefined && knownRules.has(rule) ? { rule, explained } : undefined;
  }

  private sampleUnspecified(rules: readonly string[], op: Operation, obs: Observation): void {
    for (const ruleId of rules) {
      // Counted in place: this runs at every unspecified step, most finding the samples taken.
      let seen = 0;
      for (const u of this.tally.unspecified) if (u.ruleId === ruleId) seen++;
      if (seen < UNSPECIFIED_SAMPLES_PER_RULE) {
        this.tally.unspecified.push({
          ruleId,
          command: formatOperation(op),
          observation: describeObservation(obs),
        });
      }
    }
  }
}
