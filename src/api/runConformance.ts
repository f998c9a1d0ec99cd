import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveRun } from '../cli/resolveRun.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import { createReporters } from '../reporters/registry.ts';
import type { Reporter, Terminal } from '../reporters/Reporter.ts';
import { applyBaseline, type Baseline } from '../baseline/Baseline.ts';
import { loadBaseline } from '../baseline/loadBaseline.ts';
import type { ResolvedRun } from '../runner/ResolvedRun.ts';
import { runConformance as runSuite } from '../runner/runConformance.ts';
import { withCoverageGate, type RunRecord } from '../runner/RunRecord.ts';
import { withTraceRecorder } from '../traces/TraceRecorder.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { toRunFlags, type ScenarioPath } from './toRunFlags.ts';

/** The reporter that prints instead of writing a file: it runs only when asked for by name. */
const CONSOLE = 'console';

function terminalOf(options: ConformanceOptions): Terminal {
  return {
    io: {
      out: (s) => void process.stdout.write(s),
      err: (s) => void process.stderr.write(s),
    },
    isTTY: false,
    color: false,
    env: options.env ?? process.env,
  };
}

function reporterNames(run: ResolvedRun, options: ConformanceOptions): readonly string[] {
  if (options.reporters === undefined) {
    return options.out === undefined ? [] : run.reporters.filter((n) => n !== CONSOLE);
  }
  const writers = options.reporters.filter((n) => n.trim() !== CONSOLE);
  if (options.out === undefined && writers.length > 0) {
    throw new HarnessError(
      'BAD_OPTION',
      `runConformance: reporters ${writers.join(', ')} write files: give 'out', the directory to write them into.`,
    );
  }
  return options.reporters;
}

function applied(record: RunRecord, baseline: Baseline, options: ConformanceOptions): RunRecord {
  const outcome = applyBaseline(record, baseline);
  options.onBaseline?.({ file: baseline.file, stale: outcome.stale, expired: outcome.expired });
  return outcome.record;
}

function asHarnessError(error: unknown): HarnessError {
  if (error instanceof HarnessError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HarnessError('INTERNAL', `runConformance: internal error: ${message}`, {
    cause: error,
  });
}

/**
 * Runs a conformance suite from a scenario file, as `lambda-conformance run <scenario>` does, and
 * returns the run record: resolves the scenario and options, opens the target, runs its preflight
 * checks, replays saved regressions, generates and checks the sequences, applies the
 * `minCoverage` gate and the `baseline`, and — only when `options.out` is given — lets the reporters write there. The
 * target is always disposed of (an emulator it started is stopped), whether the run ends, fails or
 * is aborted through `options.signal`.
 *
 * A divergence is not an error: it is in the record (`verdict`, `divergences`; {@link exitCodeOf}
 * gives the CLI's exit code). Nothing is printed unless `reporters` names `console`.
 *
 * @param scenario A scenario file (`scenarios/default.yaml`), relative to the working directory,
 *   or a `file:` URL.
 * @throws HarnessError for bad input (the scenario, the spec, an option: the same one-line messages
 *   as the CLI, `code` `BAD_OPTION` for an option of this function) and for failures of the harness
 *   or the target (`code` `INTERNAL` when the cause was not already a HarnessError).
 */
export async function runConformance(
  scenario: ScenarioPath,
  options: ConformanceOptions = {},
): Promise<RunRecord> {
  const { flags, commandLine, minCoverage } = toRunFlags(scenario, options);
  let resolved: Awaited<ReturnType<typeof resolveRun>>;
  let baseline: Baseline | undefined;
  try {
    // Loaded before the target is opened, as the CLI does: a bad file fails fast.
    baseline =
      options.baseline === undefined
        ? undefined
        : await loadBaseline(resolve(options.baseline), options.baseline);
    resolved = await resolveRun(flags, options.signal, commandLine);
  } catch (error) {
    throw asHarnessError(error);
  }
  const { run, opened } = resolved;
  try {
    const terminal = terminalOf(options);
    const reporters: Reporter[] = createReporters(reporterNames(run, options), terminal);
    await opened.preflight();
    const ran = await withTraceRecorder(run.record, (recorder) =>
      runSuite(run, {
        onProgress: (p) => {
          options.onProgress?.(p);
          for (const r of reporters)
            r.onProgress?.({
              ...p,
              ...(run.timeBudgetMs !== undefined ? { budgetMs: run.timeBudgetMs } : {}),
            });
        },
        ...(recorder !== undefined ? { recorder } : {}),
      }),
    );
    const gated = minCoverage === undefined ? ran : withCoverageGate(ran, minCoverage);
    const record = baseline === undefined ? gated : applied(gated, baseline, options);
    if (reporters.length > 0) {
      // Only a requested output directory is created; `console` alone writes no file.
      if (options.out !== undefined) await mkdir(run.outDir, { recursive: true });
      for (const r of reporters)
        await r.finish(record, { ...terminal, outDir: run.outDir, spec: run.spec });
    }
    return record;
  } catch (error) {
    throw asHarnessError(error);
  } finally {
    await opened.dispose();
  }
}
