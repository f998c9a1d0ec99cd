import type { Strictness } from '../spec/strictness.ts';
import { relative } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import { buildRunRecord, countsOf, specRef } from '../runner/buildRunRecord.ts';
import type { Divergence, RunRecord } from '../runner/RunRecord.ts';
import { blamedRule, divergenceKey } from '../runner/Execution.ts';
import { violatedRules } from '../monitor/Verdict.ts';
import type { Spec } from '../spec/Spec.ts';
import type { TraceRun } from './readTrace.ts';
import { TraceChecker, type RunCheck, type TraceDivergence } from './TraceChecker.ts';

/** What `check-trace` checks, resolved by the CLI. */
export interface CheckTraceInput {
  readonly spec: Spec;
  readonly runs: readonly TraceRun[];
  /** The trace file as the user named it (messages, record). */
  readonly file: string;
  /** Overrides the readings the runs were recorded with. */
  readonly reading?: string;
  readonly unobservable: ReadonlySet<string>;
  /**
   * Rules of known divergences (`--baseline`): checking goes on past them, as it did in the live
   * run, and the first divergence of each is reported.
   */
  readonly knownRules?: ReadonlySet<string>;
  /** Default `all`; `documented` makes inferred rules informational (see `Strictness`). */
  readonly strictness?: Strictness;
  /** The command line that repeats the check (the replay command of every divergence). */
  readonly commandLine: string;
}

/** The record of an offline check, every run's step verdicts, and warnings for the user. */
export interface CheckTraceResult {
  readonly record: RunRecord;
  readonly checks: readonly RunCheck[];
  /** One line each: the recording's spec differs from the one checked, … */
  readonly warnings: readonly string[];
}

function checkReadings(input: CheckTraceInput): void {
  const readings = input.reading === undefined ? input.runs : [];
  for (const run of readings) {
    if (!input.spec.readings.has(run.header.reading)) {
      throw new HarnessError(
        'BAD_TRACE',
        `${input.file}:${run.line}: run '${run.header.run}' was recorded with reading '${run.header.reading}', which ${relative(process.cwd(), input.spec.file)} does not have; pass --reading with one of: ${[...input.spec.readings.keys()].join(', ')}`,
      );
    }
  }
}

function specWarnings(input: CheckTraceInput): string[] {
  const seen = new Set<string>();
  const warnings: string[] = [];
  for (const { header } of input.runs) {
    if (header.spec.hash === input.spec.hash || seen.has(header.spec.hash)) continue;
    seen.add(header.spec.hash);
    warnings.push(
      `warning: ${input.file} was recorded against ${header.spec.file} @ ${header.spec.hash.slice(0, 12)}, ` +
        `checking against ${relative(process.cwd(), input.spec.file)} @ ${input.spec.hash.slice(0, 12)}: verdicts may differ from the recorded ones`,
    );
  }
  return warnings;
}

function divergenceOf(
  run: TraceRun,
  d: TraceDivergence,
  originalLength: number,
  input: CheckTraceInput,
): Divergence {
  const first = d.verdict.expectations[0];
  return {
    category: d.verdict.category,
    ruleId: blamedRule(d.verdict),
    operation: d.command,
    observation: d.verdict.observation,
    expectations: d.verdict.expectations,
    violated: violatedRules(d.verdict),
    cite: first?.cite ?? [],
    trace: d.trace,
    originalLength,
    timing: run.header.timing,
    seed: run.header.seed ?? 0,
    replayCommand: input.commandLine,
  };
}

/**
 * The checked runs by lane, lanes in plan order: by the recorded lane index, else by seed (older
 * traces: a lane's runs share its seed), else each run alone, in order of appearance.
 */
function byLane(checks: readonly RunCheck[]): RunCheck[][] {
  const lanes = new Map<string, { index: number; checks: RunCheck[] }>();
  for (const [i, check] of checks.entries()) {
    const { lane, seed } = check.run.header;
    const key =
      lane !== undefined ? `lane ${lane}` : seed !== undefined ? `seed ${seed}` : `run ${i}`;
    let entry = lanes.get(key);
    if (entry === undefined) {
      entry = { index: lane ?? lanes.size, checks: [] };
      lanes.set(key, entry);
    }
    entry.checks.push(check);
  }
  return [...lanes.values()].sort((a, b) => a.index - b.index).map((l) => l.checks);
}

/**
 * The divergences the live run reported, picked from its recording the way the runner picks them.
 * A run that went on past divergences (shrink attempts carry `shrinkOf`, or none was shrunk): each
 * distinct divergence (rule and category) from the lowest lane that showed it, first occurrence,
 * replaced by the last shrink attempt of that key in that lane that shows it (the shrunk
 * counterexample). A `--bail` run (shrink attempts without `shrinkOf`): in the lowest lane that
 * failed, the last failing run. Then the first divergence of each known rule (`--baseline`).
 */
/** Whether the recorded run stopped at its first divergence (`--bail`, or recorded before 2026-11). */
function bailed(checks: readonly RunCheck[]): boolean {
  return checks.some((c) => c.run.header.shrink === true && c.run.header.shrinkOf === undefined);
}

function reportedDivergences(
  checks: readonly RunCheck[],
  input: CheckTraceInput,
): { readonly failures: readonly Divergence[]; readonly known: readonly Divergence[] } {
  const lanes = byLane(checks);
  const bail = bailed(checks);
  const failures: Divergence[] = [];
  if (bail) {
    const failingLane = lanes.find((lane) => lane.some((c) => c.divergence !== undefined));
    const failing = failingLane?.filter((c) => c.divergence !== undefined) ?? [];
    const [firstFailure] = failing;
    const last = failing.at(-1);
    if (last?.divergence !== undefined && firstFailure !== undefined) {
      failures.push(divergenceOf(last.run, last.divergence, firstFailure.run.steps.length, input));
    }
  } else {
    const firsts = new Map<string, { lane: RunCheck[]; check: RunCheck; d: TraceDivergence }>();
    for (const lane of lanes) {
      for (const check of lane) {
        if (check.run.header.shrink === true) continue;
        for (const d of check.divergences) {
          const key = divergenceKey(d.verdict);
          if (!firsts.has(key)) firsts.set(key, { lane, check, d });
        }
      }
    }
    for (const [key, { lane, check, d }] of firsts) {
      let shrunk: { check: RunCheck; d: TraceDivergence } | undefined;
      for (const c of lane) {
        if (c.run.header.shrinkOf !== key) continue;
        const found = c.divergences.find((v) => divergenceKey(v.verdict) === key);
        if (found !== undefined) shrunk = { check: c, d: found };
      }
      const reported = shrunk ?? { check, d };
      failures.push(divergenceOf(reported.check.run, reported.d, check.run.steps.length, input));
    }
  }
  const known: Divergence[] = [];
  for (const check of lanes.flat()) {
    for (const d of check.known) {
      const divergence = divergenceOf(check.run, d, check.run.steps.length, input);
      if (!known.some((k) => k.ruleId === divergence.ruleId)) known.push(divergence);
    }
  }
  return { failures, known };
}

/**
 * Checks a recorded trace against a spec with no target and builds the {@link RunRecord} the live
 * run built: every step is checked and counted by the same step checker, and the divergences
 * reported are those the runner reported (see {@link reportedDivergences}), so a recording of a
 * `run` gives that run's coverage, violations and divergences. Shrink attempts are not counted as
 * completed runs. The seed is the first run's lane seed (0 in traces from before seeds were
 * recorded).
 */
export function checkTrace(input: CheckTraceInput): CheckTraceResult {
  const started = Date.now();
  checkReadings(input);
  const checker = new TraceChecker(input.spec, {
    unobservable: input.unobservable,
    ...(input.reading !== undefined ? { reading: input.reading } : {}),
    ...(input.knownRules !== undefined ? { knownRules: input.knownRules } : {}),
    ...(input.strictness !== undefined ? { strictness: input.strictness } : {}),
  });
  const checks = input.runs.map((run) => checker.check(run));
  const { failures, known } = reportedDivergences(checks, input);
  const divergences = [...failures, ...known];
  const first = input.runs[0]?.header;
  const leftOut =
    input.unobservable.size > 0
      ? [`${[...input.unobservable].join('/')}: declared unobservable (--unobservable)`]
      : [];
  const generated = input.runs.filter((r) => r.header.shrink !== true).length;
  const record = buildRunRecord({
    scenario: { name: 'check-trace', file: input.file },
    spec: specRef(input.spec),
    reading: input.reading ?? first?.reading ?? input.spec.defaultReading,
    ...(input.strictness !== undefined && input.strictness !== 'all'
      ? { strictness: input.strictness }
      : {}),
    target: { name: first?.target ?? 'unknown', mutants: first?.mutants ?? [], leftOut },
    seed: first?.seed ?? 0,
    runsPlanned: generated,
    runsCompleted: generated,
    stoppedBy: failures.length > 0 && bailed(checks) ? 'divergence' : 'completed',
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    ...countsOf(checker.tally, { divergences, regressions: [] }),
    divergences,
    regressions: [],
  });
  return { record, checks, warnings: specWarnings(input) };
}
