import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/startEmulator.ts';
import { emulatorScenario, listFunctionNames, readRecord, waitUntil } from './awsCli.testkit.ts';
import { spawnCli } from './childCli.testkit.ts';
import { tempDir } from './cli.testkit.ts';

// Issue 13: "the emulator dying mid-run leads to a minute of generating against a dead endpoint,
// then exit 2 and no report".
describe('an endpoint that goes away mid-run', () => {
  it.each([
    ['operations only', { Wait: 0, Settle: 2, Inject: 0, CreateFunction: 4 }],
    ['with Inject events pending', { Wait: 0, Settle: 1, Inject: 20, CreateFunction: 4 }],
  ] as const)(
    '%s: the run ends inconclusive (exit 3) within seconds, with its report naming the cause',
    async (_name, weights) => {
      const emulator = await startEmulator({ port: 0, pendingMs: 100, updateMs: 100 });
      const dir = await tempDir();
      const scenario = await emulatorScenario(dir, emulator, {
        runs: 1000,
        maxCommands: 20,
        weights,
      });
      const child = spawnCli(['run', scenario, '--out', dir, '--no-save']);
      try {
        const running = await waitUntil(
          async () => (await listFunctionNames(emulator)).some((n) => n.startsWith('lc-')),
          20_000,
        );
        expect(running, child.stderr()).toBe(true);
        await sleep(300);
        await emulator.close();
        const exit = await child.exitWithin(20_000);
        expect(exit, `no exit within 20 s of the endpoint going away:\n${child.stderr()}`).toEqual({
          code: 3,
          signal: null,
        });
        const record = await readRecord(dir);
        expect(record.verdict).toBe('inconclusive');
        expect(record.divergences).toEqual([]);
        expect(record.stoppedBy).toBe('target-gone');
        expect(record.runsCompleted).toBeLessThan(1000);
        const gone = record.inconclusive.find((i) => i.command === 'target');
        expect(gone?.reason).toMatch(
          /^http:\/\/127\.0\.0\.1:\d+ stopped answering mid-run \(.*ECONNREFUSED/,
        );
      } finally {
        child.dispose();
        await emulator.close();
      }
    },
    40_000,
  );
});
