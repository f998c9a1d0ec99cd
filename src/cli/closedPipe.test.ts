import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Runs `lambda-conformance ARGS | head -1` in bash with `pipefail`: head closes the pipe after the
 * first line while the CLI may still be writing. Resolves to the pipeline's exit code, its first
 * line and everything written to standard error.
 */
function pipedToHead(
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  const cli = ['bin/lambda-conformance.mjs', ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -o pipefail; "${process.execPath}" ${cli} | head -1`], {
      env: { ...process.env, CI: 'true' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('a closed standard output (… | head -1)', () => {
  it('ends the command quietly: exit 0, no EPIPE stack trace', async () => {
    const result = await pipedToHead('mutants', '--list');
    expect(result.out).toMatch(/^invoke-while-pending /);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });
});
