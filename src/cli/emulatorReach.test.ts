import { describe, expect, it } from 'vitest';
import { resolveRun } from '../run/resolveRun.ts';
import { reachableOfRun } from '../runner/planTours.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

// Issue 16: "with the emulator scenario's 100 runs, every rule that can be reached in real time".
// Real time cannot wait out the spec's 5-minute bounds: what it can reach is what some plan of the
// scenario's commands reaches without a Wait (reachableOfRun). The mutants it catches are checked by
// `mutants --target emulator` in .ci/run.
describe('run scenarios/emulator.yaml at its default runs', () => {
  it('exercises every rule and transition that can be reached in real time', async () => {
    const { run, opened } = await resolveRun(
      'scenarios/emulator.yaml',
      { save: false, reporters: [] },
      { commandLine: 'test' },
    );
    await opened.dispose();
    const reachable = reachableOfRun(run.spec, {
      reading: run.reading,
      capabilities: run.target.capabilities,
      weights: run.weights,
      maxCommands: run.maxCommands,
    });
    expect(run.runs).toBe(100);
    expect(reachable.size).toBeGreaterThan(100);
    const out = await tempDir();
    const r = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--out',
      out,
      '--no-save',
      '--reporter',
      'json',
      // The claim is about runs, whatever the machine's load.
      '--time-budget',
      '10m',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rec = await readRecord(out);
    expect(rec.runsCompleted).toBe(100);
    const missed = rec.coverage.filter((c) => reachable.has(c.id) && c.exercised === 0);
    expect(missed.map((c) => c.id)).toEqual([]);
  }, 180_000);
});
