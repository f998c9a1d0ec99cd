import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Start-up: wall time of `lambda-conformance run` with one run until the process has checked its
 * first operation, measured as the process's own time to the first trace line (`--record`), plus
 * the whole one-run command for reference. Median of `repeats`.
 */
export function startup(repeats: number): { firstOperationMs: number; wholeRunMs: number } {
  const first: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'lc-bench-'));
    const trace = join(dir, 'trace.jsonl');
    const start = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        'bin/lambda-conformance.mjs',
        'run',
        '--runs',
        '1',
        '--no-save',
        '--reporter',
        'json',
        '--out',
        dir,
        '--record',
        trace,
      ],
      {
        env: { ...process.env, LAMBDA_CONFORMANCE_MARK_START: String(start) },
        encoding: 'utf8',
      },
    );
    whole.push(Date.now() - start);
    if (r.status !== 0) throw new Error(`run failed: ${r.stderr}`);
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { startedAt: string };
    // The run record's startedAt is taken just before the first operation is generated.
    first.push(Date.parse(record.startedAt) - start);
  }
  const median = (xs: number[]): number =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { firstOperationMs: median(first), wholeRunMs: median(whole) };
}
