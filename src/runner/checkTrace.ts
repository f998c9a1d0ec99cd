import { relative } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import type { Spec } from '../spec/Spec.ts';
import type { TraceRun } from './readTrace.ts';
import { RUN_RECORD_VERSION, type Divergence, type RunRecord } from './RunRecord.ts';
import { TraceChecker, type RunCheck } from './TraceChecker.ts';
import { TOOL } from './tool.ts';

/** What `check-trace` checks, resolved by the CLI. */
export interface CheckTraceInput {
  readonly spec: Spec;
  readonly runs: readonly TraceRun[];
  /** The trace file as the user named it (messages, record). */
  readonly file: string;
  /** Overrides the readings the runs were recorded with. */
  readonly reading?: string;
  readonly unobservable: ReadonlySet<string>;
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

function divergenceOf(check: RunCheck, input: CheckTraceInput): Divergence | undefined {
  const d = check.divergence;
  if (d === undefined) return undefined;
  const first = d.verdict.expectations[0];
  return {
    category: d.verdict.category,
    ruleId: first?.ruleId ?? d.verdict.rules[0] ?? 'unknown',
    operation: d.command,
    observation: d.verdict.observation,
    expectations: d.verdict.expectations,
    cite: first?.cite ?? [],
    trace: check.trace,
    originalLength: check.run.steps.length,
    timing: check.run.header.timing,
    seed: check.run.header.seed ?? 0,
    replayCommand: input.commandLine,
  };
}

/**
 * One divergence per broken rule and category: a recording of a failing `run` holds the first
 * failing sequence and every shrink attempt, so the shortest trace of each is the one to report.
 */
function distinctDivergences(all: readonly Divergence[]): Divergence[] {
  const byKey = new Map<string, Divergence>();
  for (const d of all) {
    const key = `${d.ruleId} ${d.category}`;
    const kept = byKey.get(key);
    if (kept === undefined || d.trace.length <= kept.trace.length) byKey.set(key, d);
  }
  return [...byKey.values()];
}

/**
 * Checks a recorded trace against a spec with no target and builds the same {@link RunRecord} a
 * live run would: coverage, divergences with their traces, rules and quotes, inconclusive and
 * unspecified observations. The seed is the first run's recorded seed (0 for a trace recorded
 * without one).
 */
export function checkTrace(input: CheckTraceInput): CheckTraceResult {
  const started = Date.now();
  checkReadings(input);
  const checker = new TraceChecker(input.spec, {
    unobservable: input.unobservable,
    ...(input.reading !== undefined ? { reading: input.reading } : {}),
  });
  const checks = input.runs.map((run) => checker.check(run));
  const divergences = distinctDivergences(
    checks.map((c) => divergenceOf(c, input)).filter((d) => d !== undefined),
  );
  const { sink } = checker;
  const first = input.runs[0]?.header;
  const leftOut =
    input.unobservable.size > 0
      ? [`${[...input.unobservable].join('/')}: declared unobservable (--unobservable)`]
      : [];
  const record: RunRecord = {
    version: RUN_RECORD_VERSION,
    tool: TOOL,
    scenario: { name: 'check-trace', file: input.file },
    spec: {
      file: relative(process.cwd(), input.spec.file),
      hash: input.spec.hash,
      title: input.spec.title,
    },
    reading: input.reading ?? first?.reading ?? input.spec.defaultReading,
    target: { name: first?.target ?? 'unknown', mutants: first?.mutants ?? [], leftOut },
    seed: input.runs[0]?.header.seed ?? 0,
    runsPlanned: input.runs.length,
    runsCompleted: input.runs.length,
    operations: sink.operations,
    verdict:
      divergences.length > 0
        ? 'divergence'
        : sink.inconclusive.length > 0
          ? 'inconclusive'
          : 'conformant',
    stoppedBy: divergences.length > 0 ? 'divergence' : 'completed',
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    largestStateSet: sink.largestStateSet,
    coverage: sink.coverage.snapshot(),
    divergences,
    inconclusive: sink.inconclusive.slice(0, 200),
    unspecified: sink.unspecified,
    regressions: [],
  };
  return { record, checks, warnings: specWarnings(input) };
}
