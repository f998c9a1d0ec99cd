import { createReporters, reportFilesOf } from '../reporters/registry.ts';
import type { ReportContext, Reporter, Terminal } from '../reporters/Reporter.ts';
import { runConformance, type ProgressListener } from '../runner/runConformance.ts';
import { withCoverageGate, type BaselineReport, type RunRecord } from '../runner/RunRecord.ts';
import { applyBaselineStep, noticeStale } from './baselineStep.ts';
import { exitCodeOf } from './exitCodeOf.ts';
import type { PreparedRun } from './resolveRun.ts';
import { RUN_OPTION_TABLE } from './runOptionTable.ts';
import type { TraceRecorder } from '../traces/TraceRecorder.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import { buildRunRecord, countsOf, runHeader } from '../runner/buildRunRecord.ts';
import type { ResolvedRun } from '../runner/ResolvedRun.ts';
import { createRunTally } from '../runner/StepChecker.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

/** What a run reports to besides its reporters. */
export interface RunHooks {
  /** Where the reporters print (the console summary, the progress line). */
  readonly terminal: Terminal;
  /** Called after every property run with the progress so far. */
  readonly onProgress?: ProgressListener;
  /** Called once the baseline is applied, with what it did (stale and expired entries). */
  readonly onBaseline?: (report: BaselineReport) => void;
  /**
   * One line for a person at a command line, without its newline: a failed coverage gate, an
   * expired or stale baseline entry, a baseline written. Default: dropped.
   */
  readonly notice?: (line: string) => void;
}

/**
 * Runs `body` with a trace recorder when the run records (`--record`), else without one: the
 * recorder's module is loaded only then.
 */
async function recording<T>(
  record: ResolvedRun['record'],
  body: (recorder: TraceRecorder | undefined) => Promise<T>,
): Promise<T> {
  if (record === undefined) return body(undefined);
  const { withTraceRecorder } = await import('../traces/TraceRecorder.ts');
  return withTraceRecorder(record, body);
}

/** A finished run: its record, as reported, and its exit code. */
export interface RunOutcome {
  readonly record: RunRecord;
  /** 0 conformant, 1 divergence (or a failed gate, a stale baseline entry), 3 inconclusive. */
  readonly exitCode: number;
}

/**
 * Executes a resolved run, the same way for `run`, the API and the vitest helper: builds the
 * reporters, runs the target's preflight checks, runs the suite (saved regressions, then generated
 * sequences), applies the coverage gate and the baseline (and writes one when asked), lets the
 * reporters finish, and returns the record with its exit code. The target is disposed of however
 * this ends: normally, on an error, or when the run's signal aborts it. A run stopped by a setup
 * error (the target refused the harness's own request) throws HarnessError `TARGET_SETUP_REFUSED`
 * with the service's message once its reports are written.
 */
export async function executeRun(prepared: PreparedRun, hooks: RunHooks): Promise<RunOutcome> {
  const { run, opened, minCoverage, outDir } = prepared;
  const notice = hooks.notice ?? (() => undefined);
  try {
    const reporters = createReporters(run.reporters, hooks.terminal);
    const unreachable = await preflightUnreachable(opened);
    const budget = run.timeBudgetMs === undefined ? {} : { budgetMs: run.timeBudgetMs };
    const ran =
      unreachable !== undefined
        ? unreachableRecord(run, unreachable)
        : await recording(run.record, (recorder) =>
            runConformance(run, {
              onProgress: (p) => {
                hooks.onProgress?.(p);
                for (const r of reporters) r.onProgress?.({ ...p, ...budget });
              },
              ...(recorder !== undefined ? { recorder } : {}),
            }),
          );
    const ended = targetGone(ran, opened.target.gone);
    const gated = minCoverage === undefined ? ended : withCoverageGate(ended, minCoverage);
    if (gated.coverageGate?.passed === false) {
      notice(
        `coverage gate: ${gated.coverageGate.percent}% of rules exercised, below --${RUN_OPTION_TABLE.minCoverage.flag} ${minCoverage}%. ` +
          `Never exercised: ${gated.coverageGate.unexercised.join(', ')}`,
      );
    }
    const baselined = await applyBaselineStep(gated, prepared.baseline, notice);
    const { record } = baselined;
    if (record.baseline !== undefined) hooks.onBaseline?.(record.baseline);
    if (outDir !== undefined) await makeDirectory(outDir);
    await finishReporters(reporters, record, {
      ...hooks.terminal,
      outDir: run.outDir,
      spec: run.spec,
      reportFiles: reportFilesOf(reporters),
    });
    noticeStale(baselined, prepared.baseline, notice);
    // A setup error ends the run like any harness error (exit 2, its message), once the reports
    // that name it are written.
    if (record.setupError !== undefined) {
      throw new HarnessError('TARGET_SETUP_REFUSED', record.setupError.message);
    }
    return { record, exitCode: exitCodeOf(record) };
  } finally {
    await opened.dispose();
  }
}

/**
 * Finishes every reporter, their files written side by side (each owns one file, so none waits on
 * another's disk write). Every reporter is finished even when one fails; the first failure in
 * reporter order is then thrown, as one after another would have thrown it.
 */
async function finishReporters(
  reporters: readonly Reporter[],
  record: RunRecord,
  ctx: ReportContext,
): Promise<void> {
  const results = await Promise.allSettled(reporters.map(async (r) => r.finish(record, ctx)));
  for (const result of results) if (result.status === 'rejected') throw result.reason;
}

/**
 * Runs the target's preflight checks. An endpoint that does not answer (`TARGET_UNREACHABLE`) is
 * infrastructure trouble, not bad input: its message is returned so that the run ends inconclusive
 * with its report; every other refusal is thrown (exit 2).
 */
async function preflightUnreachable(opened: PreparedRun['opened']): Promise<string | undefined> {
  try {
    await opened.preflight();
    return undefined;
  } catch (error) {
    if (error instanceof HarnessError && error.code === 'TARGET_UNREACHABLE') return error.message;
    throw error;
  }
}

/**
 * The record of a run that stopped because its target went away (`Target.gone`): stopped by
 * `target-gone`, inconclusive, and the reason as an inconclusive step. Otherwise `record` as is.
 */
function targetGone(record: RunRecord, gone: AbortSignal | undefined): RunRecord {
  if (gone?.aborted !== true) return record;
  const reason = gone.reason instanceof Error ? gone.reason.message : String(gone.reason);
  return {
    ...record,
    stoppedBy: 'target-gone',
    verdict: record.verdict === 'divergence' ? 'divergence' : 'inconclusive',
    inconclusive: [...record.inconclusive, { command: 'target', reason }],
  };
}

/** The record of a run whose target never answered: nothing ran, and the step says why. */
function unreachableRecord(run: ResolvedRun, reason: string): RunRecord {
  const tally = createRunTally(run.spec);
  tally.inconclusive.push({ command: 'preflight', reason });
  const regressions: RunRecord['regressions'] = [];
  return buildRunRecord({
    ...runHeader(run, []),
    runsPlanned: run.runs,
    runsCompleted: 0,
    stoppedBy: 'completed',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    ...countsOf(tally, { divergences: [], regressions }),
    divergences: [],
    regressions,
  });
}
