import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import {
  createReporters,
  reportFilesNamed,
  reportFilesOf,
  withCiReporter,
} from '../reporters/registry.ts';
import { probeOutDirectory } from './probeOut.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { mergeRecords } from '../runner/mergeRecords.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { DEFAULT_REPORTERS } from '../run/defaults.ts';
import { exitCodeOf } from '../run/exitCodeOf.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';
import { recordedSpecFile } from './recordedSpec.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

/** `merge`: the shards' output directories, and where the joined report goes. */
export const MERGE_SPEC: CommandSpec<Pick<RunOptions, 'out' | 'reporters'>> = {
  options: {
    out: { ...RUN_OPTION_TABLE.out, help: 'where the joined report goes (default reports/)' },
    reporters: {
      ...RUN_OPTION_TABLE.reporters,
      help: 'which reporters run (default console,json,junit,markdown; github-actions too in GitHub Actions)',
    },
  },
  positionals: true,
  description:
    'Joins the run.json of the shards of one suite (run --shard i/n). Exit code as for run.',
};

async function readRecord(dir: string): Promise<{ file: string; record: RunRecord }> {
  const file = join(resolve(dir), 'run.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new HarnessError(
      'MERGE_INPUT',
      `merge: cannot read ${file}: pass the --out directories of the shard runs.`,
      { cause },
    );
  }
  try {
    const record = JSON.parse(text) as RunRecord;
    if (record.version !== 1 || !Array.isArray(record.coverage))
      throw new Error('not a run record (version 1)');
    return { file, record };
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new HarnessError('MERGE_INPUT', `merge: ${file}: ${why}.`, { cause });
  }
}

/**
 * `lambda-conformance merge <dirs…> [--out DIR] [--reporter …]`: joins the `run.json` of the shards
 * of one suite (a CI matrix with `--shard i/n`) into one report. Exit code as for `run`.
 */
export async function mergeCommand(
  args: readonly string[],
  io: Io,
  terminal: Terminal,
): Promise<number> {
  const { values, positionals } = readArgv('merge', MERGE_SPEC, args);
  if (positionals.length === 0) {
    io.err(
      'merge: expected the output directories of the shard runs, e.g. merge reports/shard-1 reports/shard-2\n',
    );
    return 2;
  }
  const names = values.reporters ?? withCiReporter(DEFAULT_REPORTERS, terminal.env);
  const out = await probeOutDirectory(values.out, reportFilesNamed(names), 'the joined reports');
  const inputs = await Promise.all(positionals.map(readRecord));
  const record = mergeRecords(inputs);
  const spec = await loadSpec(recordedSpecFile(record.spec.file));
  await makeDirectory(out);
  const reporters = createReporters(names, terminal);
  const reportFiles = reportFilesOf(reporters);
  for (const reporter of reporters)
    await reporter.finish(record, { ...terminal, outDir: out, spec, reportFiles });
  return exitCodeOf(record);
}
