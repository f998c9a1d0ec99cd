import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../runner/RunRecord.ts';
import { main } from './main.ts';
import { tempDir as madeTempDir } from '../text/tempDir.testkit.ts';

/** @internal Output and exit code of one in-process CLI call. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Captured text without its final newline, so that one line compares as itself. */
function text(chunks: readonly string[]): string {
  return chunks.join('').replace(/\n$/, '');
}

/**
 * @internal Runs the CLI in-process with captured output (CI set: plain console output). `out` and
 * `err` are everything written, without the final newline.
 */
export async function cli(...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: text(out), err: text(err) };
}

/** @internal A fresh temporary directory, removed when the test file's tests have ended. */
export function tempDir(prefix = 'lc-test-'): Promise<string> {
  return madeTempDir(prefix);
}

/** @internal The run record a run wrote to `dir`. */
export async function readRecord(dir: string): Promise<RunRecord> {
  return JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as RunRecord;
}
