import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Timing } from '../targets/Target.ts';
import { onEmulator, replayOn } from './awsCli.testkit.ts';

const SPEC = resolve('spec/lambda-lifecycle.yaml');
const TIMING: Timing = { provisionMs: 300, updateMs: 300, versionMs: 300, reactivateMs: 300 };

/** An Active function whose next update fails, updated, then waited for with FunctionUpdatedV2. */
const FAILED_UPDATE: readonly HarnessCommand[] = [
  {
    kind: 'op',
    op: { name: 'CreateFunction', fn: 'fn0', args: { packageType: 'Zip', code: 1, config: 1 } },
  },
  { kind: 'op', op: { name: 'WaitFunctionActiveV2', fn: 'fn0', args: {} } },
  { kind: 'inject', event: 'update-failure', fn: 'fn0' },
  {
    kind: 'op',
    op: { name: 'UpdateFunctionCode', fn: 'fn0', args: { code: 2, revisionId: 'none' } },
  },
  { kind: 'op', op: { name: 'WaitFunctionUpdatedV2', fn: 'fn0', args: {} } },
  { kind: 'op', op: { name: 'WaitFunctionExists', fn: 'fn0', args: {} } },
];

describe('the waiter family over HTTP: the real SDK waiters against the emulator', () => {
  it('catches failed-update-reports-successful with FunctionUpdatedV2, and the faithful emulator conforms', async () => {
    const mutated = await onEmulator(SPEC, TIMING, ['failed-update-reports-successful'], (run) =>
      replayOn(run, TIMING, FAILED_UPDATE),
    );
    const trace = mutated.trace.map((t) => `${t.command} → ${t.observation} [${t.verdict}]`);
    expect(mutated.verdict, trace.join('\n')).toBe('divergence');
    const verdict = mutated.divergence?.explain().verdict;
    expect(verdict?.expectations[0]?.ruleId).toBe('wait-updated-update-fails');
    expect(verdict?.expectations[0]?.reason).toBe(
      'WaiterState: expected FAILURE, observed SUCCESS',
    );
    const faithful = await onEmulator(SPEC, TIMING, [], (run) =>
      replayOn(run, TIMING, FAILED_UPDATE),
    );
    expect(faithful.verdict, faithful.trace.map((t) => t.observation).join('\n')).toBe(
      'conformant',
    );
    expect(
      faithful.trace.map((t) => t.observation).filter((o) => o.includes('WaiterState')),
    ).toEqual([
      'ok {WaiterState: SUCCESS}',
      'ok {WaiterState: FAILURE}',
      'ok {WaiterState: SUCCESS}',
    ]);
  }, 30_000);
});
