import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import { createReporters } from '../reporters/registry.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { mergeRecords } from '../runner/mergeRecords.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Io } from './Io.ts';
import { parseFlags } from './parseFlags.ts';
import { exitCodeOf } from './runCommand.ts';

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
  const { values, positionals } = parseFlags(
    'merge',
    args,
    { out: { type: 'string' }, reporter: { type: 'string', multiple: true } },
    true,
  );
  if (positionals.length === 0) {
    io.err(
      'merge: expected the output directories of the shard runs, e.g. merge reports/shard-1 reports/shard-2',
    );
    return 2;
  }
  const inputs = await Promise.all(positionals.map(readRecord));
  const record = mergeRecords(inputs);
  const spec = await loadSpec(resolve(record.spec.file));
  const out = resolve(typeof values['out'] === 'string' ? values['out'] : 'reports');
  await mkdir(out, { recursive: true });
  const names = Array.isArray(values['reporter'])
    ? values['reporter'].flatMap((v) => String(v).split(','))
    : ['console', 'json', 'junit', 'markdown'];
  for (const reporter of createReporters(names, terminal))
    await reporter.finish(record, { ...terminal, outDir: out, spec });
  return exitCodeOf(record);
}
