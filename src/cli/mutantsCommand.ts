import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Terminal } from '../reporters/Reporter.ts';
import { runConformance } from '../runner/runConformance.ts';
import { specMutants } from '../specMutants/specMutants.ts';
import type { Io } from './Io.ts';
import { parseFlags, intFlag } from './parseFlags.ts';
import { resolveRun, type RunFlags } from './resolveRun.ts';

/** One row of the mutation matrix. */
export interface MatrixRow {
  readonly mutant: string;
  /** `implementation` for catalogue mutants, else the spec mutation kind. */
  readonly kind: string;
  readonly caught: boolean;
  /** Property executions until the first failure, and milliseconds. */
  readonly runsToFailure?: number;
  readonly msToFailure?: number;
  /** Commands in the shrunk counterexample. */
  readonly shrunkLength?: number;
  readonly rule?: string;
  readonly equivalent?: boolean;
  readonly description: string;
}

function baseFlags(target: string, runs: string | undefined, seed: string | undefined): RunFlags {
  return {
    scenario: target === 'emulator' ? 'scenarios/emulator.yaml' : 'scenarios/default.yaml',
    mutants: [],
    allowAccounts: [],
    save: false,
    reporters: [],
    ...(runs !== undefined ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

function printMatrix(io: Io, rows: readonly MatrixRow[]): void {
  const header = ['mutant', 'caught', 'runs', 'time', 'shrunk', 'rule'];
  const lines = rows.map((r) => [
    r.mutant,
    r.equivalent === true ? 'equivalent' : r.caught ? 'yes' : 'NO',
    r.runsToFailure === undefined ? '-' : String(r.runsToFailure),
    r.msToFailure === undefined ? '-' : `${r.msToFailure}ms`,
    r.shrunkLength === undefined ? '-' : String(r.shrunkLength),
    r.rule ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const fmt = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  io.out(fmt(header));
  for (const l of lines) io.out(fmt(l));
}

/**
 * `lambda-conformance mutants`: `--list` prints the catalogue; otherwise runs the suite once per
 * mutant (`--target memory|emulator`, `--runs N`) and prints the mutation matrix, with `--spec`
 * also mutating the spec itself against the faithful memory target. Writes `mutants.json` to
 * `--out`; exit 1 when a mutant survives.
 */
export async function mutantsCommand(
  args: readonly string[],
  io: Io,
  _terminal: Terminal,
  signal?: AbortSignal,
): Promise<number> {
  const { values } = parseFlags(
    'mutants',
    args,
    {
      list: { type: 'boolean' },
      target: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      spec: { type: 'boolean' },
      'spec-runs': { type: 'string' },
    },
    false,
  );
  const { MUTANTS } = await import('../targets/memory/mutants.ts');
  if (values['list'] === true) {
    const width = Math.max(...MUTANTS.map((m) => m.name.length));
    for (const m of MUTANTS) io.out(`${m.name.padEnd(width)}  ${m.description}`);
    return 0;
  }
  const target = typeof values['target'] === 'string' ? values['target'] : 'memory';
  if (target !== 'memory' && target !== 'emulator') {
    io.err(`mutants: --target must be memory or emulator, got '${target}'.`);
    return 2;
  }
  const runs = typeof values['runs'] === 'string' ? values['runs'] : undefined;
  const seed = typeof values['seed'] === 'string' ? values['seed'] : undefined;
  intFlag('runs', runs);
  const rows: MatrixRow[] = [];
  for (const m of MUTANTS) {
    if (signal?.aborted === true) break;
    const { run, opened } = await resolveRun(
      { ...baseFlags(target, runs, seed), mutants: [m.name] },
      signal,
      `npx lambda-conformance run --mutant ${m.name}`,
    );
    try {
      const record = await runConformance(run);
      const d = record.divergences[0];
      rows.push({
        mutant: m.name,
        kind: 'implementation',
        caught: record.verdict === 'divergence',
        description: m.description,
        ...(d?.foundAfter !== undefined
          ? { runsToFailure: d.foundAfter.runs, msToFailure: Math.round(d.foundAfter.ms) }
          : {}),
        ...(d !== undefined
          ? { shrunkLength: d.trace.filter((t) => t.verdict !== 'harness').length, rule: d.ruleId }
          : {}),
      });
    } finally {
      await opened.dispose();
    }
  }
  if (values['spec'] === true) rows.push(...(await specMatrix(values['spec-runs'], seed, signal)));
  printMatrix(io, rows);
  const scored = rows.filter((r) => r.equivalent !== true);
  const implementation = rows.filter((r) => r.kind === 'implementation');
  io.out(
    `\nimplementation mutants caught: ${implementation.filter((r) => r.caught).length} / ${implementation.length}`,
  );
  if (values['spec'] === true) {
    const spec = scored.filter((r) => r.kind !== 'implementation');
    io.out(
      `spec mutants exposed: ${spec.filter((r) => r.caught).length} / ${spec.length} (${rows.length - scored.length} equivalent left out)`,
    );
  }
  const out = resolve(typeof values['out'] === 'string' ? values['out'] : 'reports');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'mutants.json'), `${JSON.stringify({ target, rows }, null, 2)}\n`);
  io.out(`matrix written to ${join(out, 'mutants.json')}`);
  return implementation.every((r) => r.caught) ? 0 : 1;
}

/** Runs the faithful memory target against every spec mutant: each must be exposed. */
async function specMatrix(
  runsFlag: unknown,
  seed: string | undefined,
  signal?: AbortSignal,
): Promise<MatrixRow[]> {
  const runs = typeof runsFlag === 'string' ? runsFlag : '300';
  const { run, opened } = await resolveRun(
    baseFlags('memory', runs, seed),
    signal,
    'mutants --spec',
  );
  const rows: MatrixRow[] = [];
  try {
    for (const mutant of specMutants(run.spec)) {
      if (signal?.aborted === true) break;
      const record = await runConformance({ ...run, spec: mutant.spec, regressionsDir: undefined });
      const d = record.divergences[0];
      rows.push({
        mutant: mutant.id,
        kind: mutant.kind,
        caught: record.verdict === 'divergence',
        equivalent: mutant.equivalent,
        description: mutant.description,
        ...(d?.foundAfter !== undefined
          ? { runsToFailure: d.foundAfter.runs, msToFailure: Math.round(d.foundAfter.ms) }
          : {}),
        ...(d !== undefined ? { rule: d.ruleId } : {}),
      });
    }
  } finally {
    await opened.dispose();
  }
  return rows;
}
