import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { fileFilled, spawnCli, type ChildCli } from './childCli.testkit.ts';
import { readRecord, tempDir } from './cli.testkit.ts';

const RUNS = 400_000;

/** A memory run of {@link RUNS} runs in a child process, once its first sequence has started. */
async function longRunStarted(): Promise<{ out: string; child: ChildCli }> {
  const out = await tempDir();
  const trace = join(out, 'trace.jsonl');
  const child = spawnCli([
    'run',
    'scenarios/default.yaml',
    ...['--runs', String(RUNS), '--time-budget', '10m', '--no-save'],
    ...['--reporter', 'json', '--out', out, '--record', trace],
  ]);
  // The trace's first line is written when the first sequence starts.
  expect(await fileFilled(trace, 30_000), child.stderr()).toBe(true);
  return { out, child };
}

// The memory target answers in the same turn of the event loop; it must still let signals in.
describe('SIGINT and SIGTERM on the memory target (issue 13)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s 1 s into a 400,000-run memory run: exit 3 within 2 s, with the report of what ran',
    async (signal) => {
      const { out, child } = await longRunStarted();
      try {
        await sleep(1000);
        child.kill(signal);
        const exit = await child.exitWithin(2000);
        expect(exit, `no exit within 2 s of ${signal}; stderr:\n${child.stderr()}`).toEqual({
          code: 3,
          signal: null,
        });
        expect(child.stderr()).toContain(`${signal} received, stopping`);
        const record = await readRecord(out);
        expect(record.stoppedBy).toBe('interrupted');
        expect(record.verdict).toBe('inconclusive');
        expect(record.runsCompleted).toBeGreaterThan(0);
        expect(record.runsCompleted).toBeLessThan(RUNS);
      } finally {
        child.dispose();
      }
    },
    60_000,
  );

  // GNU `timeout` sends SIGTERM to the process and then to its process group; npm/npx forward a
  // terminal's Ctrl-C to a child that already got it: one stop, delivered twice at once.
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s twice at once (as `timeout` or npm delivers it) is one stop: exit 3 with the report',
    async (signal) => {
      const { out, child } = await longRunStarted();
      try {
        await sleep(500);
        child.kill(signal);
        // A few ms apart, as a forwarding parent's copy arrives (at once, the two may merge; much
        // later, a run this small may already have ended, and the process be past its handlers).
        await sleep(5);
        child.kill(signal);
        const exit = await child.exitWithin(5000);
        expect(exit, `stderr:\n${child.stderr()}`).toEqual({ code: 3, signal: null });
        expect(child.stderr()).not.toContain('again: exiting at once');
        expect((await readRecord(out)).stoppedBy).toBe('interrupted');
      } finally {
        child.dispose();
      }
    },
    60_000,
  );
});
