import type { DivergenceCategory, Expectation } from '../monitor/Verdict.ts';
import type { Citation, Evidence } from '../spec/Spec.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Timing } from '../targets/Target.ts';
import type { Strictness } from '../spec/strictness.ts';
import type { BoundOverride } from '../spec/withBounds.ts';

/** Version of the run record format (`run.json`, schema in src/reporters/run-record.schema.json). */
export const RUN_RECORD_VERSION = 1;

/** The overall verdict of a run; decides the exit code (0, 1, 3; 2 is a harness error). */
export type RunVerdict = 'conformant' | 'divergence' | 'inconclusive';

/**
 * Why generation stopped. `target-gone`: the target stopped answering (an endpoint that went away
 * mid-run, see `Target.gone`).
 */
export type StopReason =
  | 'completed'
  | 'divergence'
  | 'time-budget'
  | 'interrupted'
  | 'api-budget'
  | 'setup-error'
  | 'target-gone';

/** One executed command of a trace, with target times. */
export interface TraceEntry {
  readonly index: number;
  /** Target time (ms since the session opened) when the command started. */
  readonly at: number;
  /** Replayable text: `UpdateFunctionCode(fn0, code=2, revisionId=none)`, `Wait(30000)`. */
  readonly command: string;
  /** `ok {State: Pending}`, `error ResourceConflictException (409): …`, or what a harness command did. */
  readonly observation: string;
  readonly verdict: 'conformant' | 'unspecified' | 'inconclusive' | 'divergence' | 'harness';
  /** Spec rules (and transitions) that decided. */
  readonly rules: readonly string[];
}

/** A divergence, shrunk, with everything needed to understand and replay it. */
export interface Divergence {
  readonly category: DivergenceCategory;
  /** The rule (or transition) the target broke: the first expectation's. */
  readonly ruleId: string;
  readonly operation: string;
  readonly observation: Observation;
  readonly expectations: readonly Expectation[];
  /**
   * The rules the target broke: every rule the observation broke in a state possible just before
   * (the blamed `ruleId` is the best-matching state's), or, with a culprit, the culprit step's.
   * Absent in records from before 2026-11: only `ruleId` then.
   */
  readonly violated?: readonly string[];
  /** The quote of the broken rule, first citation. */
  readonly cite: readonly Citation[];
  /** The shrunk trace that ends in the divergence. */
  readonly trace: readonly TraceEntry[];
  /** Commands of the sequence as first generated, before shrinking. */
  readonly originalLength: number;
  readonly timing: Timing;
  readonly seed: number;
  /** Property executions and milliseconds from the start of the run to the first failure. */
  readonly foundAfter?: { readonly runs: number; readonly ms: number };
  /** fast-check's counterexample path. */
  readonly path?: string;
  /** Saved counterexample (relative to cwd), and the command that replays it. */
  readonly counterexampleFile?: string;
  readonly replayCommand: string;
  /** Set when the divergence is listed in a known-divergence baseline. */
  readonly baselined?: boolean;
}

/**
 * How one spec rule or transition fared in the run.
 *
 * `exercised` and `unspecified` count what was run: every checked step of every sequence, the
 * shrink attempts of a failing sequence included (a recording holds them all, so `check-trace`
 * counts the same). `violated` counts what the run reports: the divergences of
 * {@link RunRecord.divergences} (the shrunk counterexample, not each shrink attempt that also
 * failed) and the replayed regressions that still diverge, each once, for the rule it is blamed on.
 */
export interface RuleCoverage {
  readonly id: string;
  readonly kind: 'rule' | 'transition';
  /** Operation name for rules, `async` or `event:<name>` for transitions. */
  readonly group: string;
  /** Steps the rule decided, over every sequence run (shrink attempts included). */
  readonly exercised: number;
  /** Reported divergences and still-diverging regression replays blamed on the rule. */
  readonly violated: number;
  /** Steps where the rule left the outcome open, over every sequence run. */
  readonly unspecified: number;
  readonly cite: readonly Citation[];
  /** What supports it: documented, recorded or inferred (absent in records of older versions). */
  readonly evidence?: Evidence;
}

/** A replayed regression file and whether it still reproduces its recorded verdict. */
export interface RegressionResult {
  readonly file: string;
  readonly expected: 'divergence' | 'conformant';
  readonly observed: 'divergence' | 'conformant' | 'inconclusive';
  readonly ruleId?: string;
  /** Set when the replay still diverges and a baseline lists its rule: it no longer fails the run. */
  readonly baselined?: boolean;
}

/** The immutable record of one conformance run. Reporters read only this. */
export interface RunRecord {
  readonly version: typeof RUN_RECORD_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly scenario: { readonly name: string; readonly file: string };
  readonly spec: { readonly file: string; readonly hash: string; readonly title: string };
  readonly reading: string;
  /** Set when the run reported inferred rules as information only (`documented`); absent = `all`. */
  readonly strictness?: Strictness;
  /**
   * Time bounds the scenario shortened (`bounds`), each with the documented one: a deviation from
   * the spec, for an emulator whose delays are configured. Absent when the run checked the spec's.
   */
  readonly bounds?: readonly BoundOverride[];
  readonly target: {
    readonly name: string;
    readonly mutants: readonly string[];
    readonly endpoint?: string;
    /** Commands or observations left out because the target cannot support them, with why. */
    readonly leftOut: readonly string[];
  };
  readonly seed: number;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly runsPlanned: number;
  /** Generated sequences run (shrink attempts are not counted). */
  readonly runsCompleted: number;
  /** Operations checked, over every sequence run (shrink attempts included). */
  readonly operations: number;
  readonly verdict: RunVerdict;
  readonly stoppedBy: StopReason;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly largestStateSet: number;
  readonly coverage: readonly RuleCoverage[];
  readonly divergences: readonly Divergence[];
  readonly inconclusive: readonly { readonly command: string; readonly reason: string }[];
  /** Observations the documents leave open, recorded as information (first few per rule). */
  readonly unspecified: readonly {
    readonly ruleId: string;
    readonly command: string;
    readonly observation: string;
  }[];
  readonly regressions: readonly RegressionResult[];
  /**
   * Set when the target refused the harness's own request with an error no rule expects (a role
   * Lambda cannot assume, AccessDenied, a runtime it does not offer): the run stopped there, and
   * ends with exit 2 whatever its verdict.
   */
  readonly setupError?: { readonly command: string; readonly message: string };
  /**
   * Real-time waits Settle ended early because no answer could reveal whether some async
   * transitions happened (information, not a divergence); absent when there were none.
   */
  readonly undecidable?: UndecidableWaits;
  /** `--min-coverage`: the share of rules and transitions exercised, and whether it was enough. */
  readonly coverageGate?: CoverageGate;
  /** `--baseline FILE`: known divergences, and entries that no longer happen (they fail the run). */
  readonly baseline?: BaselineReport;
}

/**
 * Waits left undecided, one entry per list of transitions: a state with one of them pending and a
 * state with none pending that answers alike (`state=Failed lastUpdateStatus=InProgress …`), and
 * in how many sequences (shrink attempts included) Settle met it.
 */
export type UndecidableWaits = readonly {
  readonly transitions: readonly string[];
  readonly pending: string;
  readonly settled: string;
  readonly count: number;
}[];

/**
 * One known divergence listed in a baseline file (`--baseline FILE`), as a record carries it (stale
 * and expired entries); `src/baseline/` reads and applies baseline files.
 */
export interface BaselineEntry {
  /** The rule (or transition) id the divergence breaks: a divergence's `ruleId`. */
  readonly rule: string;
  readonly category?: DivergenceCategory;
  /** Target name (`memory`, `aws`); any target when omitted. */
  readonly target?: string;
  /** Exactly these mutants (any order); any when omitted. */
  readonly mutants?: readonly string[];
  /** Why the divergence is accepted for now. */
  readonly reason: string;
  readonly link?: string;
  /** `YYYY-MM-DD`: the last day the entry suppresses the divergence. */
  readonly expires?: string;
  /** 1-based line of the entry in its file, for messages. */
  readonly line: number;
}

/** What `--baseline` did to a run. */
export interface BaselineReport {
  readonly file: string;
  /** Divergences this run marked as known. */
  readonly known: number;
  /** Entries whose divergence did not happen: the list must not rot, so they fail the run. */
  readonly stale: readonly BaselineEntry[];
  /** Entries past their expiry date: they no longer suppress anything. */
  readonly expired: readonly BaselineEntry[];
}

/** The result of `--min-coverage P`: fewer than P% of the rules exercised fails the run (exit 1). */
export interface CoverageGate {
  readonly minPercent: number;
  readonly percent: number;
  readonly passed: boolean;
  /** Rules and transitions never exercised. */
  readonly unexercised: readonly string[];
}

/** Applies a coverage gate to a record: a new record with `coverageGate` set. */
export function withCoverageGate(record: RunRecord, minPercent: number): RunRecord {
  const total = record.coverage.length;
  const unexercised = record.coverage.filter((c) => c.exercised === 0).map((c) => c.id);
  const percent =
    total === 0 ? 100 : Math.round((1000 * (total - unexercised.length)) / total) / 10;
  return {
    ...record,
    coverageGate: { minPercent, percent, passed: percent >= minPercent, unexercised },
  };
}
