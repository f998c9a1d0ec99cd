import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { emulatorScenario, listFunctionNames } from './awsCli.testkit.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, pendingMs: 200, updateMs: 200 });
});
afterAll(async () => {
  await emulator.close();
});

describe('time budget and replay on real-time targets', () => {
  it('stops the sequence in flight at the time budget, cleans up, and reports a conformant run', async () => {
    const dir = await tempDir();
    const scenario = await emulatorScenario(dir, emulator, {
      runs: 1000,
      maxCommands: 20,
      // No events: an idle reclaim's reactivation (2 s) outlasts the budget, and a run stopped
      // while one is pending is rightly inconclusive; since real-time sequences start with tours,
      // most runs of this seed ended in one.
      weights: { Wait: 0, Settle: 4, Inject: 0 },
    });
    const out = await tempDir();
    const started = Date.now();
    const r = await cli(
      'run',
      scenario,
      '--time-budget',
      '1500ms',
      '--out',
      out,
      '--no-save',
      '--reporter',
      'json',
    );
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const rec = await readRecord(out);
    expect(rec.stoppedBy).toBe('time-budget');
    expect(rec.verdict).toBe('conformant');
    expect(rec.inconclusive).toEqual([]);
    expect(rec.runsCompleted).toBeGreaterThan(0);
    expect(rec.runsCompleted).toBeLessThan(1000);
    expect(await listFunctionNames(emulator)).toEqual([]);
  });

  it('replays a counterexample found against a run-owned emulator without repeating its endpoint', async () => {
    const regressions = await tempDir();
    const found = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--mutant',
      'create-says-active',
      '--runs',
      '5',
      '--regressions',
      regressions,
      '--out',
      await tempDir(),
      '--reporter',
      'json',
    );
    expect(found.code).toBe(1);
    const [file] = await readdir(regressions);
    expect(file).toBeDefined();
    const replay = await cli('replay', join(regressions, file ?? ''));
    expect(replay.err).toBe('');
    expect(replay.out).toMatch(
      /on aws at emulator \(http:\/\/127\.0\.0\.1:\d+\) with create-says-active/,
    );
    expect(replay.out).toMatch(/Reproduced: divergence create \(/);
    // Exit codes as run's: the divergence is still there.
    expect(replay.code).toBe(1);
  });
});
