import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import { packagePaths } from '../package/packagePaths.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { probeOutDirectory } from './probeOut.ts';
import { resolveRun } from '../run/resolveRun.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import { runConformance } from '../runner/runConformance.ts';
import { runPool } from '../runner/runPool.ts';
import { specMutants } from '../specMutants/specMutants.ts';
import type { MutantInfo } from '../targets/memory/mutants.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

/** The file mutants writes into `--out`. */
const MATRIX_FILE = 'mutants.json';

/** The options of `mutants`. */
interface MutantsOptions {
  readonly list?: boolean;
  readonly target?: string;
  readonly runs?: number;
  readonly seed?: number;
  readonly out?: string;
  readonly spec?: boolean;
  readonly specRuns?: number;
  readonly jobs?: number;
}

/** `mutants`: the catalogue (mutants, then profiles), or the mutation matrix of a target. */
export const MUTANTS_SPEC: CommandSpec<MutantsOptions> = {
  options: {
    list: {
      flag: 'list',
      kind: 'boolean',
      help: 'print the catalogue of mutants, then the profiles (sets of mutants), one per line',
    },
    target: {
      flag: 'target',
      kind: 'text',
      value: 'memory|emulator',
      choices: ['memory', 'emulator'],
      help: "where the mutants run: the memory target or the built-in emulator (default: the scenario's, else memory)",
    },
    runs: { ...RUN_OPTION_TABLE.runs, help: 'generated sequences per mutant' },
    seed: RUN_OPTION_TABLE.seed,
    out: { ...RUN_OPTION_TABLE.out, help: 'where mutants.json goes (default reports/)' },
    spec: {
      flag: 'spec',
      kind: 'boolean',
      help: 'also mutate the spec and check the faithful memory target exposes each mutant',
    },
    specRuns: {
      flag: 'spec-runs',
      kind: 'integer',
      min: 1,
      value: 'N',
      help: 'generated sequences per spec mutant (default 300)',
    },
    jobs: {
      flag: 'jobs',
      kind: 'integer',
      min: 1,
      value: 'N',
      help: 'mutants run at once (default 1; 8 with --target emulator, whose runs mostly wait on real time)',
    },
  },
  positionals: true,
  description:
    "Runs the scenario (default: the package's default.yaml, or emulator.yaml with --target emulator) once per mutant. Exit 1 when an implementation mutant survives.",
};

/** One row of the mutation matrix. */
export interface MatrixRow {
  readonly mutant: string;
  /** `implementation` for catalogue mutants, else the spec mutation kind. */
  readonly kind: string;
  readonly caught: boolean;
  /** Property executions until the first failure, and milliseconds. */
  readonly runsToFailure?: number;
  readonly msToFailure?: number;
  /** Commands in the shrunk counterexample (on real time, as found: not shrunk). */
  readonly shrunkLength?: number;
  readonly rule?: string;
  readonly equivalent?: boolean;
  /**
   * Set on a real-time target for a mutant whose counterexamples all need a transition to miss its
   * time bound ({@link MutantInfo.needsBound}): not caught, and not counted as a survivor.
   */
  readonly beyondRealTime?: boolean;
  readonly description: string;
}

/** Where the mutants run: a scenario file and the target options that override it. */
interface MutantsSetup {
  readonly scenario: string;
  /** `--target`, when given: `memory` or `emulator`. */
  readonly target: string | undefined;
  readonly options: RunOptions;
}

/** The target options `--target memory|emulator` stands for. */
function targetOptions(target: string | undefined): RunOptions {
  if (target === 'emulator') return { target: 'aws', endpoint: 'emulator' };
  return target === 'memory' ? { target: 'memory' } : {};
}

/**
 * The scenario the mutants run: the one given, else the package's own `default.yaml` (memory) or
 * `emulator.yaml` (`--target emulator`), found from anywhere.
 */
function setupOf(positionals: readonly string[], target: string | undefined): MutantsSetup {
  if (positionals.length > 1) {
    throw new HarnessError(
      'BAD_FLAG',
      `mutants: expected at most one scenario file, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const [given] = positionals;
  if (given !== undefined) {
    return { scenario: given, target, options: targetOptions(target) };
  }
  const shipped = target === 'emulator' ? 'emulator.yaml' : 'default.yaml';
  return {
    scenario: join(packagePaths().scenarios, shipped),
    target,
    options: {},
  };
}

function baseOptions(runs: number | undefined, seed: number | undefined): RunOptions {
  return {
    save: false,
    reporters: [],
    // The matrix asks whether, and how soon, each mutant is caught: the first divergence decides.
    bail: true,
    ...(runs !== undefined ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

function printMatrix(io: Io, rows: readonly MatrixRow[]): void {
  const header = ['mutant', 'caught', 'runs', 'time', 'shrunk', 'rule'];
  const lines = rows.map((r) => [
    r.mutant,
    r.equivalent === true
      ? 'equivalent'
      : r.caught
        ? 'yes'
        : r.beyondRealTime === true
          ? 'needs bound'
          : 'NO',
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
  io.out(`${fmt(header)}\n`);
  for (const l of lines) io.out(`${fmt(l)}\n`);
}

/**
 * `lambda-conformance mutants [scenario.yaml]`: `--list` prints the catalogue and the profiles; otherwise runs the
 * scenario once per mutant (the package's default or emulator scenario when none is given;
 * `--target memory|emulator` overrides its target, `--runs N` its runs) and prints the mutation
 * matrix, with `--spec` also mutating the scenario's spec against the faithful memory target. Writes `mutants.json` to
 * `--out`; exit 1 when a mutant survives.
 */
export async function mutantsCommand(
  args: readonly string[],
  io: Io,
  _terminal: Terminal,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = readArgv('mutants', MUTANTS_SPEC, args);
  const { MUTANTS } = await import('../targets/memory/mutants.ts');
  if (values.list === true) {
    const { MUTANT_AND_PROFILE_NAMES, MUTANT_PROFILES } =
      await import('../targets/memory/mutantProfiles.ts');
    const width = Math.max(...MUTANT_AND_PROFILE_NAMES.map((name) => name.length));
    for (const m of MUTANTS) io.out(`${m.name.padEnd(width)}  ${m.description}\n`);
    for (const p of MUTANT_PROFILES) {
      io.out(`${p.name.padEnd(width)}  profile: ${p.mutants.join(', ')}. ${p.description}\n`);
    }
    return 0;
  }
  const setup = setupOf(positionals, values.target);
  const out = await probeOutDirectory(values.out, [MATRIX_FILE], 'the mutation matrix');
  const { runs, seed } = values;
  // `memory` or `emulator`, as --target names them; read from the runs' target.
  let target = setup.target ?? 'memory';
  // Real time mostly waits (provisioning, updates, Settle polls): several mutants share the time.
  const jobs = values.jobs ?? (setup.target === 'emulator' ? 8 : 1);
  const rowOf = async (m: MutantInfo): Promise<MatrixRow> => {
    const { run, opened } = await resolveRun(
      setup.scenario,
      { ...baseOptions(runs, seed), ...setup.options, mutants: [m.name] },
      { commandLine: `npx lambda-conformance run --mutant ${m.name}`, signal },
    );
    target =
      run.targetInfo.endpoint?.startsWith('emulator') === true ? 'emulator' : run.targetInfo.name;
    try {
      // Real time: each shrink step really waits (tours are long), and the matrix asks only
      // whether and how soon a mutant is caught; `run --mutant NAME --bail` shrinks one.
      const virtual = run.target.capabilities.virtualTime;
      //
      // No time budget either: the matrix claims a mutant is caught within the scenario's runs,
      // whatever the machine's load (at --jobs 8 on 2 cores the emulator scenario's 60 s budget
      // ended two mutants' runs before the runs that catch them, 26 and 31).
      const record = await runConformance({
        ...run,
        timeBudgetMs: undefined,
        ...(virtual ? {} : { maxShrinks: 0 }),
      });
      const d = record.divergences[0];
      const caught = record.verdict === 'divergence';
      return {
        mutant: m.name,
        kind: 'implementation',
        caught,
        ...(!caught && m.needsBound === true && !virtual ? { beyondRealTime: true } : {}),
        description: m.description,
        ...(d?.foundAfter !== undefined
          ? { runsToFailure: d.foundAfter.runs, msToFailure: Math.round(d.foundAfter.ms) }
          : {}),
        ...(d !== undefined
          ? { shrunkLength: d.trace.filter((t) => t.verdict !== 'harness').length, rule: d.ruleId }
          : {}),
      };
    } finally {
      await opened.dispose();
    }
  };
  const rows: MatrixRow[] = await runPool(
    MUTANTS as readonly MutantInfo[],
    jobs,
    () => signal?.aborted === true,
    rowOf,
  );
  if (values.spec === true)
    rows.push(...(await specMatrix(setup.scenario, values.specRuns ?? 300, seed, signal)));
  printMatrix(io, rows);
  const scored = rows.filter((r) => r.equivalent !== true);
  const implementation = rows.filter((r) => r.kind === 'implementation');
  const beyond = implementation.filter((r) => r.beyondRealTime === true).length;
  io.out(
    `\nimplementation mutants caught: ${implementation.filter((r) => r.caught).length} / ${implementation.length - beyond}` +
      (beyond > 0
        ? ` (${beyond} left out: a time bound must pass, real time cannot wait it out)`
        : '') +
      '\n',
  );
  if (values.spec === true) {
    const spec = scored.filter((r) => r.kind !== 'implementation');
    io.out(
      `spec mutants exposed: ${spec.filter((r) => r.caught).length} / ${spec.length} (${rows.length - scored.length} equivalent left out)\n`,
    );
  }
  await makeDirectory(out);
  const matrix = { target, scenario: setup.scenario, rows };
  await writeFile(join(out, MATRIX_FILE), `${JSON.stringify(matrix, null, 2)}\n`);
  io.out(`matrix written to ${join(out, MATRIX_FILE)}\n`);
  return implementation.every((r) => r.caught || r.beyondRealTime === true) ? 0 : 1;
}

/** Runs the faithful memory target against every spec mutant of the scenario's spec: each must be exposed. */
async function specMatrix(
  scenario: string,
  runs: number,
  seed: number | undefined,
  signal?: AbortSignal,
): Promise<MatrixRow[]> {
  const options = { ...baseOptions(runs, seed), ...targetOptions('memory') };
  const { run, opened } = await resolveRun(scenario, options, {
    commandLine: 'mutants --spec',
    signal,
  });
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
