import { describe, expect, it } from 'vitest';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

describe('a run of one sequence', () => {
  it('checks at least one operation: the seed whose only sequence was empty (exit 3, 0 operations) is conformant', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      '--runs',
      '1',
      '--seed',
      '557225772',
      '--no-save',
      '--reporter',
      'json',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    const record = await readRecord(out);
    expect(record.runsCompleted).toBe(1);
    expect(record.operations).toBeGreaterThan(0);
    expect(record.verdict).toBe('conformant');
  });
});
