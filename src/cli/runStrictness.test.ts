import { describe, expect, it } from 'vitest';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

describe('run --strictness (API: strictness)', () => {
  it('records documented strictness in the run record, and a documented rule still diverges', async () => {
    const dir = await tempDir();
    const r = await cli(
      'run',
      'scenarios/default.yaml',
      '--strictness',
      'documented',
      '--mutant',
      'create-says-active',
      '--runs',
      '50',
      '--no-save',
      '--reporter',
      'json',
      '--out',
      dir,
    );
    expect(r.code).toBe(1);
    const record = await readRecord(dir);
    expect(record.strictness).toBe('documented');
    expect(record.divergences[0]?.ruleId).toBe('create');
  });

  it('refuses a value that is not a strictness with exit 2 and one line naming the flag', async () => {
    const r = await cli('run', '--strictness', 'lenient', '--runs', '1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--strictness: .*all or documented/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('check-trace --strictness', () => {
  it('checks a recorded real-AWS trace under documented strictness and says so in the record', async () => {
    const dir = await tempDir();
    const r = await cli(
      'check-trace',
      'traces/aws/function-lifecycle.jsonl',
      '--strictness',
      'documented',
      '--reporter',
      'json',
      '--out',
      dir,
    );
    expect(r.code).toBe(0);
    expect((await readRecord(dir)).strictness).toBe('documented');
  });
});
