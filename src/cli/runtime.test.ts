import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

describe('run --runtime', () => {
  it('refuses a runtime that is not a Node.js runtime identifier, in one line naming the flag', async () => {
    const result = await cli(
      'run',
      '--target',
      'aws',
      '--endpoint',
      'emulator',
      '--runtime',
      'python3.13',
    );
    expect(result).toEqual({
      code: 2,
      out: '',
      err: "--runtime: expected a Node.js runtime identifier such as nodejs24.x or nodejs22.x, got 'python3.13'.",
    });
  });

  it("refuses a scenario's target.runtime at its line and column", async () => {
    const dir = await tempDir();
    const scenario = join(dir, 'bad-runtime.yaml');
    await writeFile(scenario, 'name: r\ntarget:\n  name: aws\n  runtime: nodejs\n');
    const result = await cli('run', scenario, '--no-save');
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `${scenario}:4:12: target: 'runtime' must be a Node.js runtime identifier such as nodejs24.x or nodejs22.x, found 'nodejs'.`,
    );
  });

  it('runs the aws target with the runtime the flag names', async () => {
    const dir = await tempDir();
    const result = await cli(
      'run',
      '--target',
      'aws',
      '--endpoint',
      'emulator',
      '--runtime',
      'nodejs22.x',
      '--runs',
      '2',
      '--max-commands',
      '6',
      '--seed',
      '3',
      '--no-save',
      '--reporter',
      'json',
      '--out',
      dir,
    );
    expect([result.code, result.err]).toEqual([0, '']);
    expect((await readRecord(dir)).verdict).toBe('conformant');
  });
});
