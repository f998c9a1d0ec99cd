import type { ScenarioTarget } from '../spec/Scenario.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Strictness } from '../spec/strictness.ts';
import type { BoundOverride } from '../spec/withBounds.ts';
import type { Target, Timing } from '../targets/Target.ts';

/** Inclusive ranges (ms) the generator draws simulated delays from. */
export type TimingRanges = Readonly<Record<keyof Timing, readonly [number, number]>>;

/** Default simulated delays: from instant to a few minutes, well inside the spec's bounds. */
export const DEFAULT_TIMING: TimingRanges = {
  provisionMs: [0, 120_000],
  updateMs: [0, 90_000],
  versionMs: [0, 30_000],
  reactivateMs: [0, 120_000],
};

/** Everything a run needs, complete: built once from scenario + flags by `resolveRun`. */
export interface ResolvedRun {
  readonly scenario: { readonly name: string; readonly file: string };
  /** The spec as the run checks it: the scenario's `bounds` replace the documented ones. */
  readonly spec: Spec;
  /** The time bounds the scenario shortened, each with the documented one; none when omitted. */
  readonly bounds?: readonly BoundOverride[];
  readonly reading: string;
  /** `all` enforces every rule; `documented` reports what breaks an inferred rule as information. */
  readonly strictness: Strictness;
  readonly target: Target;
  /** The target options the run used (scenario and flags merged), saved with counterexamples. */
  readonly targetOptions: ScenarioTarget;
  readonly targetInfo: {
    readonly name: string;
    readonly mutants: readonly string[];
    readonly endpoint?: string;
  };
  readonly runs: number;
  readonly maxCommands: number;
  readonly seed: number;
  readonly functions: number;
  readonly timeBudgetMs: number | undefined;
  readonly weights: Readonly<Record<string, number>>;
  readonly timing: TimingRanges;
  readonly reporters: readonly string[];
  readonly outDir: string;
  /** Where counterexamples are saved and regressions replayed from; undefined = neither. */
  readonly regressionsDir: string | undefined;
  /** Most shrink steps (slow targets); undefined = fast-check's default. */
  readonly maxShrinks: number | undefined;
  /**
   * `--path`: the fast-check path of the one sequence to replay with `seed` (then `runs` is 1,
   * `bail` is set, there is one lane and no shard). Undefined: generate as usual.
   */
  readonly path?: string;
  /** Stop at the first divergence (`--bail`); default: report every distinct one. */
  readonly bail: boolean;
  readonly shard: { readonly index: number; readonly count: number } | undefined;
  /** Independent runs kept in flight at once (targets without virtual time); 1 = sequential. */
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  /** `--record FILE.jsonl`: where to write the trace of every step; undefined = no trace. */
  readonly record: { readonly file: string; readonly maskAccount: boolean } | undefined;
  /**
   * Rules of known divergences (`--baseline`): a sequence that diverges on one of them is kept as a
   * known divergence (not shrunk) and the search goes on for new ones.
   */
  readonly knownRules: ReadonlySet<string>;
  /** The command line that reproduces this run (used in replay hints). */
  readonly commandLine: string;
}
