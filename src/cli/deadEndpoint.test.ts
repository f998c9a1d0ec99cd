import { describe, expect, it } from 'vitest';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/** A port nothing listens on: connections are refused at once. */
const DEAD = 'http://127.0.0.1:1';

describe('a dead endpoint', () => {
  it('ends a run inconclusive (exit 3) before any sequence, with its report and the cause', async () => {
    const dir = await tempDir();
    const r = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--endpoint',
      DEAD,
      '--no-save',
      '--reporter',
      'json',
      '--out',
      dir,
    );
    expect(r.code).toBe(3);
    const record = await readRecord(dir);
    expect(record.verdict).toBe('inconclusive');
    expect(record.operations).toBe(0);
    expect(record.runsCompleted).toBe(0);
    expect(record.coverage.every((c) => c.exercised === 0)).toBe(true);
    expect(record.inconclusive.map((i) => i.command)).toEqual(['preflight']);
    expect(record.inconclusive[0]?.reason).toMatch(/127\.0\.0\.1:1: the endpoint does not answer/);
  });

  it('ends diff inconclusive (exit 3), never "no differences"', async () => {
    const r = await cli(
      'diff',
      '--target',
      'memory',
      '--target',
      DEAD,
      '--runs',
      '3',
      '--out',
      await tempDir(),
    );
    expect(r.code).toBe(3);
    expect(r.err).toMatch(
      /^diff: inconclusive: http:\/\/127\.0\.0\.1:1: the endpoint does not answer/,
    );
  });
});
