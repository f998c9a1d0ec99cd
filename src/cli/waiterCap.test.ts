import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { startEmulator } from '../emulator/startEmulator.ts';
import { resolveRun } from '../run/resolveRun.ts';
import type { ReplayOutcome } from '../runner/replay.ts';
import type { Timing } from '../targets/Target.ts';
import { emulatorScenario, replayOn } from './awsCli.testkit.ts';
import { tempDir } from './cli.testkit.ts';

const SPEC = resolve('spec/lambda-lifecycle.yaml');
const TIMING: Timing = { provisionMs: 300, updateMs: 300, versionMs: 300, reactivateMs: 300 };

const op = (name: string, args: Record<string, string | number> = {}): HarnessCommand => ({
  kind: 'op',
  op: { name, fn: 'fn0', args },
});
const CREATE = op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 });

/**
 * Replays `commands` on the aws target over HTTP against an emulator with `mutants` on, from a
 * scenario with the given shorter `bounds`; answers the outcome and how long it took.
 */
async function replayTimed(
  commands: readonly HarnessCommand[],
  options: { mutants?: readonly string[]; bounds?: Readonly<Record<string, string>> } = {},
): Promise<{ outcome: ReplayOutcome; ms: number; waiters: string[] }> {
  const emulator = await startEmulator({
    port: 0,
    mutants: options.mutants ?? [],
    pendingMs: TIMING.provisionMs,
    updateMs: TIMING.updateMs,
    versionMs: TIMING.versionMs,
    reactivateMs: TIMING.reactivateMs,
  });
  try {
    const file = await emulatorScenario(await tempDir(), emulator, { spec: SPEC });
    if (options.bounds !== undefined) {
      const scenario = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...scenario, bounds: options.bounds }));
    }
    const { run, opened } = await resolveRun(file, { save: false }, { commandLine: 'test' });
    try {
      const started = Date.now();
      const outcome = await replayOn(run, TIMING, commands);
      const waiters = outcome.trace
        .filter((t) => t.command.startsWith('Wait'))
        .map((t) => `${t.command} → ${t.observation} [${t.verdict}]`);
      return { outcome, ms: Date.now() - started, waiters };
    } finally {
      await opened.dispose();
    }
  } finally {
    await emulator.close();
  }
}

// The SDK waiters' own budgets are 300 s (FunctionActiveV2, FunctionUpdatedV2) and 20 s
// (FunctionExists): a waiter that cannot succeed used to poll for all of it on real time.
describe('SDK waiters on real time poll only as long as the spec bounds call for', () => {
  it('end an Inactive function’s and a missing function’s waits after a few checks, judged as at their budget', async () => {
    const { outcome, ms, waiters } = await replayTimed([
      op('WaitFunctionExists'),
      op('WaitFunctionActiveV2'),
      CREATE,
      { kind: 'settle' },
      { kind: 'inject', event: 'idle-reclaim', fn: 'fn0' },
      op('WaitFunctionActiveV2'),
      op('WaitFunctionExists'),
    ]);
    expect(outcome.verdict, waiters.join('\n')).toBe('conformant');
    expect(waiters).toEqual([
      'WaitFunctionExists(fn0) → ok {WaiterState: TIMEOUT} [conformant]',
      expect.stringMatching(/^WaitFunctionActiveV2\(fn0\) → ok \{WaiterState: (TIMEOUT|FAILURE)\}/),
      'WaitFunctionActiveV2(fn0) → ok {WaiterState: TIMEOUT} [conformant]',
      'WaitFunctionExists(fn0) → ok {WaiterState: SUCCESS} [conformant]',
    ]);
    const rules = outcome.trace.flatMap((t) => t.rules);
    expect(rules).toContain('wait-exists-absent');
    expect(rules).toContain('wait-active-inactive');
    // Three waits that time out: 3 s or so each, not 20 + 300 + 300 s.
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it('still judge a Failed function’s waits as the spec says: FunctionActiveV2 fails, FunctionUpdatedV2 does not succeed', async () => {
    const { outcome, ms, waiters } = await replayTimed([
      CREATE,
      { kind: 'inject', event: 'provisioning-failure', fn: 'fn0' },
      { kind: 'settle' },
      op('WaitFunctionActiveV2'),
      op('WaitFunctionUpdatedV2'),
    ]);
    expect(outcome.verdict, waiters.join('\n')).toBe('conformant');
    expect(waiters[0]).toBe('WaitFunctionActiveV2(fn0) → ok {WaiterState: FAILURE} [conformant]');
    expect(waiters[1]).toMatch(
      /^WaitFunctionUpdatedV2\(fn0\) → ok \{WaiterState: (TIMEOUT|FAILURE)\} \[conformant\]$/,
    );
    expect(outcome.trace.flatMap((t) => t.rules)).toContain('wait-active-failed');
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it('wait for a pending transition until its bound (the scenario’s), and a waiter that times out where the spec expects success is a divergence', async () => {
    // stuck-in-progress: the second accepted update of a function never completes.
    const commands: HarnessCommand[] = [
      CREATE,
      { kind: 'settle' },
      op('UpdateFunctionCode', { code: 2, revisionId: 'none' }),
      { kind: 'settle' },
      op('UpdateFunctionCode', { code: 3, revisionId: 'none' }),
      op('WaitFunctionUpdatedV2'),
    ];
    const bounds = { 'update-completes': '2s' };
    const stuck = await replayTimed(commands, { mutants: ['stuck-in-progress'], bounds });
    expect(stuck.outcome.verdict, stuck.waiters.join('\n')).toBe('divergence');
    expect(stuck.waiters).toEqual([
      'WaitFunctionUpdatedV2(fn0) → ok {WaiterState: TIMEOUT} [divergence]',
    ]);
    // The update's 2 s bound and the grace, not the waiter's 300 s.
    expect(stuck.ms).toBeLessThan(30_000);
    const faithful = await replayTimed(commands, { bounds });
    expect(faithful.outcome.verdict, faithful.waiters.join('\n')).toBe('conformant');
    expect(faithful.waiters).toEqual([
      'WaitFunctionUpdatedV2(fn0) → ok {WaiterState: SUCCESS} [conformant]',
    ]);
  }, 90_000);
});
