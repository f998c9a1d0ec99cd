import { mkdir } from 'node:fs/promises';
import { createReporters } from '../reporters/registry.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { runConformance } from '../runner/runConformance.ts';
import { withTraceRecorder } from '../traces/TraceRecorder.ts';
import { withCoverageGate, type RunRecord } from '../runner/RunRecord.ts';
import { knownRulesFor } from '../baseline/Baseline.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import {
  applyBaselineFlags,
  BASELINE_FLAG_OPTIONS,
  finishBaseline,
  readBaselineFlags,
} from './baselineStep.ts';
import type { Io } from './Io.ts';
import { parseFlags } from './parseFlags.ts';
import { resolveRun, type RunFlags } from './resolveRun.ts';

/** Flags shared by `run` and the commands that run suites. */
export const RUN_FLAG_OPTIONS = {
  target: { type: 'string' },
  endpoint: { type: 'string' },
  mutant: { type: 'string', multiple: true },
  runs: { type: 'string' },
  seed: { type: 'string' },
  'max-commands': { type: 'string' },
  out: { type: 'string' },
  reading: { type: 'string' },
  reporter: { type: 'string', multiple: true },
  'time-budget': { type: 'string' },
  shard: { type: 'string' },
  'allow-account': { type: 'string', multiple: true },
  role: { type: 'string' },
  regressions: { type: 'string' },
  'no-save': { type: 'boolean' },
  'min-coverage': { type: 'string' },
  record: { type: 'string' },
  concurrency: { type: 'string' },
  'mask-account': { type: 'boolean' },
} as const;

/** Exit code of a run record: 0 conformant, 1 divergence, 3 inconclusive. */
export function exitCodeOf(record: RunRecord): number {
  if (record.coverageGate?.passed === false && record.verdict !== 'divergence') return 1;
  if ((record.baseline?.stale.length ?? 0) > 0 && record.verdict !== 'divergence') return 1;
  switch (record.verdict) {
    case 'conformant':
      return 0;
    case 'divergence':
      return 1;
    case 'inconclusive':
      return 3;
  }
}

function minCoverageOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= 100)) {
    throw new HarnessError(
      'BAD_FLAG',
      `--min-coverage: expected a percentage from 0 to 100, got '${JSON.stringify(value)}'.`,
    );
  }
  return n;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Turns parsed `run` flags into {@link RunFlags}. */
export function runFlagsOf(
  values: Record<string, unknown>,
  scenario: string | undefined,
): RunFlags {
  const reporters = list(values['reporter']);
  return {
    ...(scenario !== undefined ? { scenario } : {}),
    ...(str(values['target']) !== undefined ? { target: str(values['target']) as string } : {}),
    ...(str(values['endpoint']) !== undefined
      ? { endpoint: str(values['endpoint']) as string }
      : {}),
    mutants: list(values['mutant']),
    ...(str(values['runs']) !== undefined ? { runs: str(values['runs']) as string } : {}),
    ...(str(values['seed']) !== undefined ? { seed: str(values['seed']) as string } : {}),
    ...(str(values['max-commands']) !== undefined
      ? { maxCommands: str(values['max-commands']) as string }
      : {}),
    ...(str(values['out']) !== undefined ? { out: str(values['out']) as string } : {}),
    ...(str(values['reading']) !== undefined ? { reading: str(values['reading']) as string } : {}),
    ...(reporters.length > 0 ? { reporters } : {}),
    ...(str(values['time-budget']) !== undefined
      ? { timeBudget: str(values['time-budget']) as string }
      : {}),
    ...(str(values['shard']) !== undefined ? { shard: str(values['shard']) as string } : {}),
    allowAccounts: list(values['allow-account']),
    ...(str(values['role']) !== undefined ? { role: str(values['role']) as string } : {}),
    ...(str(values['regressions']) !== undefined
      ? { regressions: str(values['regressions']) as string }
      : {}),
    save: values['no-save'] !== true,
    ...(str(values['record']) !== undefined ? { record: str(values['record']) as string } : {}),
    maskAccount: values['mask-account'] === true,
    ...(str(values['concurrency']) !== undefined
      ? { concurrency: str(values['concurrency']) as string }
      : {}),
  };
}

/**
 * `lambda-conformance run [scenario] [flags]`: runs the suite, writes the reports, returns the exit
 * code. SIGINT/SIGTERM stop the run cleanly: sessions clean up, then the reports are written.
 */
export async function runCommand(
  args: readonly string[],
  io: Io,
  terminal: Terminal,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseFlags(
    'run',
    args,
    { ...RUN_FLAG_OPTIONS, ...BASELINE_FLAG_OPTIONS },
    true,
  );
  if (positionals.length > 1) {
    io.err(
      `run: expected at most one scenario file, got ${positionals.length}: ${positionals.join(' ')}`,
    );
    return 2;
  }
  const commandLine = ['npx lambda-conformance run', ...args].join(' ');
  // Loaded before the target is opened: a bad baseline file fails fast (exit 2).
  const baselineFlags = await readBaselineFlags(values);
  const resolved = await resolveRun(runFlagsOf(values, positionals[0]), signal, commandLine);
  const { opened } = resolved;
  const run =
    baselineFlags.baseline === undefined
      ? resolved.run
      : {
          ...resolved.run,
          knownRules: knownRulesFor(baselineFlags.baseline, resolved.run.targetInfo),
        };
  try {
    const reporters = createReporters(run.reporters, terminal);
    await opened.preflight();
    const minCoverage = minCoverageOf(values['min-coverage']);
    const ran = await withTraceRecorder(run.record, (recorder) =>
      runConformance(run, {
        onProgress: (p) => {
          for (const r of reporters)
            r.onProgress?.({
              ...p,
              ...(run.timeBudgetMs !== undefined ? { budgetMs: run.timeBudgetMs } : {}),
            });
        },
        ...(recorder !== undefined ? { recorder } : {}),
      }),
    );
    const record = minCoverage === undefined ? ran : withCoverageGate(ran, minCoverage);
    if (record.coverageGate?.passed === false) {
      io.err(
        `coverage gate: ${record.coverageGate.percent}% of rules exercised, below --min-coverage ${minCoverage}%. ` +
          `Never exercised: ${record.coverageGate.unexercised.join(', ')}`,
      );
    }
    const baselined = await applyBaselineFlags(record, baselineFlags, io);
    await mkdir(run.outDir, { recursive: true });
    for (const r of reporters)
      await r.finish(baselined.record, { ...terminal, outDir: run.outDir, spec: run.spec });
    return finishBaseline(baselined, baselineFlags, exitCodeOf(baselined.record), io);
  } finally {
    await opened.dispose();
  }
}
