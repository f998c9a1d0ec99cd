import { relative } from 'node:path';
import type { Spec } from '../spec/Spec.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import {
  RUN_RECORD_VERSION,
  type Divergence,
  type RegressionResult,
  type RunRecord,
  type RunVerdict,
} from './RunRecord.ts';
import type { RunTally } from './StepChecker.ts';
import { TOOL } from './tool.ts';

/** Inconclusive steps a record lists (the first ones); the verdict counts them all. */
export const MAX_INCONCLUSIVE_LISTED = 200;

/** A run record without what every record derives the same way: version, tool and verdict. */
export type RunFindings = Omit<RunRecord, 'version' | 'tool' | 'verdict'>;

/** The counts a record takes from a run's tally. */
export type RunCounts = Pick<
  RunRecord,
  | 'operations'
  | 'largestStateSet'
  | 'coverage'
  | 'inconclusive'
  | 'unspecified'
  | 'setupError'
  | 'undecidable'
>;

/**
 * The verdict of a run: a divergence when one of its divergences or regression replays is not
 * baselined, else inconclusive when a step was inconclusive, the run was interrupted (or its target
 * went away) or stopped by a setup error, or it checked no operation at all (nothing was shown),
 * else conformant. The coverage gate and stale baseline entries do not change it (the exit code does).
 */
export function runVerdict(
  findings: Pick<
    RunRecord,
    'divergences' | 'regressions' | 'inconclusive' | 'stoppedBy' | 'operations' | 'setupError'
  >,
): RunVerdict {
  const fails =
    findings.divergences.some((d) => d.baselined !== true) ||
    findings.regressions.some((r) => r.observed === 'divergence' && r.baselined !== true);
  if (fails) return 'divergence';
  return findings.inconclusive.length > 0 ||
    findings.stoppedBy === 'interrupted' ||
    findings.setupError !== undefined ||
    findings.stoppedBy === 'target-gone' ||
    findings.operations === 0
    ? 'inconclusive'
    : 'conformant';
}

/**
 * A record's counts from the tally its steps were accounted in (by the step checker, live or from
 * a trace), with the violations of what the run reports: each divergence and each regression
 * replay that still diverges counts once for its rule (see {@link RuleCoverage}).
 */
export function countsOf(
  tally: RunTally,
  reported: {
    readonly divergences: readonly Divergence[];
    readonly regressions: readonly RegressionResult[];
  },
): RunCounts {
  const violations = [
    ...reported.divergences.flatMap((d) => brokenRules(d)),
    ...reported.regressions.flatMap((r) =>
      r.observed === 'divergence' && r.ruleId !== undefined ? [r.ruleId] : [],
    ),
  ];
  return {
    operations: tally.operations,
    largestStateSet: tally.largestStateSet,
    coverage: tally.coverage.snapshot(violations),
    inconclusive: tally.inconclusive,
    unspecified: tally.unspecified,
    ...(tally.setupError !== undefined ? { setupError: tally.setupError } : {}),
    ...(tally.undecidable.length > 0 ? { undecidable: tally.undecidable } : {}),
  };
}

/**
 * The rules a reported divergence broke: its `violated` list (the blamed rule and every other rule
 * the observation broke in a state possible then), or only the blamed rule in older records.
 */
export function brokenRules(d: Pick<Divergence, 'ruleId' | 'violated'>): readonly string[] {
  const violated = d.violated ?? [];
  return violated.includes(d.ruleId) ? violated : [d.ruleId, ...violated];
}

/** How a record names its spec: the file relative to the working directory, hash and title. */
export function specRef(spec: Spec): RunRecord['spec'] {
  return { file: relative(process.cwd(), spec.file), hash: spec.hash, title: spec.title };
}

/**
 * What a record of a live run says about the run itself: scenario, spec, reading, strictness (when
 * not the default), shortened time bounds (when any), target (with the fields it could not
 * observe), seed and shard.
 */
export function runHeader(
  run: ResolvedRun,
  leftOut: readonly string[],
): Pick<
  RunFindings,
  'scenario' | 'spec' | 'reading' | 'strictness' | 'bounds' | 'target' | 'seed' | 'shard'
> {
  return {
    scenario: run.scenario,
    spec: specRef(run.spec),
    reading: run.reading,
    ...(run.strictness === 'all' ? {} : { strictness: run.strictness }),
    ...(run.bounds !== undefined && run.bounds.length > 0 ? { bounds: run.bounds } : {}),
    target: { ...run.targetInfo, leftOut },
    seed: run.seed,
    ...(run.shard !== undefined ? { shard: run.shard } : {}),
  };
}

/**
 * Builds a run record: the one place a record is made, for a live run (`run`), a recorded one
 * (`check-trace`) and joined shards (`merge`). Adds the format version and the tool, derives the
 * verdict ({@link runVerdict}) and lists at most {@link MAX_INCONCLUSIVE_LISTED} inconclusive steps.
 */
export function buildRunRecord(findings: RunFindings): RunRecord {
  const { shard, coverageGate, baseline, strictness, bounds, setupError, undecidable, ...rest } =
    findings;
  return {
    version: RUN_RECORD_VERSION,
    tool: TOOL,
    scenario: rest.scenario,
    spec: rest.spec,
    reading: rest.reading,
    ...(strictness !== undefined ? { strictness } : {}),
    ...(bounds !== undefined ? { bounds } : {}),
    target: rest.target,
    seed: rest.seed,
    ...(shard !== undefined ? { shard } : {}),
    runsPlanned: rest.runsPlanned,
    runsCompleted: rest.runsCompleted,
    operations: rest.operations,
    verdict: runVerdict(findings),
    // A setup error stops the run wherever it happens: that is why it stopped.
    stoppedBy: setupError !== undefined ? 'setup-error' : rest.stoppedBy,
    startedAt: rest.startedAt,
    durationMs: rest.durationMs,
    largestStateSet: rest.largestStateSet,
    coverage: rest.coverage,
    divergences: rest.divergences,
    inconclusive: rest.inconclusive.slice(0, MAX_INCONCLUSIVE_LISTED),
    unspecified: rest.unspecified,
    regressions: rest.regressions,
    ...(setupError !== undefined ? { setupError } : {}),
    ...(undecidable !== undefined && undecidable.length > 0 ? { undecidable } : {}),
    ...(coverageGate !== undefined ? { coverageGate } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
  };
}
