import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../reporters/run-record.schema.json' with { type: 'json' };
import { cli, readRecord, tempDir } from './cli.testkit.ts';

describe('run scenarios/emulator.yaml --concurrency 64', () => {
  // Among seed 2's 100 sequences (chosen when real-time tours came in a rotation, lane seeds
  // carrying their slots; seed 5 before), one deletes a function's image while an update may still be in progress: the
  // Failed function's GetFunction does not show LastUpdateStatus, so no answer can tell whether the
  // update completed, and Settle used to poll until the time budget ended the run.
  it('completes, leaving the wait no answer can end undecided instead of polling until the time budget', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--concurrency',
      '64',
      '--runs',
      '100',
      '--seed',
      '2',
      '--time-budget',
      '45s',
      '--out',
      out,
      '--no-save',
      '--reporter',
      'console,json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rec = await readRecord(out);
    expect(rec.stoppedBy).toBe('completed');
    expect(rec.runsCompleted).toBe(100);
    expect(rec.verdict).toBe('conformant');
    const undecided = (rec.undecidable ?? []).flatMap((u) => u.transitions);
    expect(undecided.some((t) => t === 'update-completes' || t === 'update-fails')).toBe(true);
    expect(r.out).toMatch(/Undecidable waits \(\d+\)/);
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate(rec), JSON.stringify(validate.errors)).toBe(true);
  });
});
