import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { MEMORY_CAPABILITIES } from '../targets/memory/MemoryTarget.ts';
import type { Capabilities } from '../targets/Target.ts';
import { commandArbitrary } from './buildCommands.ts';
import { formatCommand } from './HarnessCommand.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

function sample(weights: Record<string, number>, capabilities: Capabilities = MEMORY_CAPABILITIES) {
  return fc.sample(
    commandArbitrary(spec, { functions: 2, maxCommands: 10, weights, capabilities }),
    { seed: 1, numRuns: 2000 },
  );
}

describe('commandArbitrary', () => {
  it('leaves out commands weighted 0', () => {
    const cmds = sample({ Settle: 0, Wait: 1, TagResource: 0 });
    expect(cmds.some((c) => c.kind === 'settle')).toBe(false);
    expect(cmds.some((c) => c.kind === 'op' && c.op.name === 'TagResource')).toBe(false);
    expect(cmds.some((c) => c.kind === 'wait')).toBe(true);
  });

  it('generates every spec operation with all its inputs, and events only the target can inject', () => {
    // Every operation weighed (the SDK waiters weigh 0 unless a scenario weighs them).
    const cmds = sample(Object.fromEntries([...spec.operations.keys()].map((name) => [name, 1])));
    const names = new Set(cmds.flatMap((c) => (c.kind === 'op' ? [c.op.name] : [])));
    expect([...names].sort()).toEqual([...spec.operations.keys()].sort());
    for (const c of cmds) {
      if (c.kind !== 'op') continue;
      expect(Object.keys(c.op.args).sort()).toEqual(
        [...(spec.operations.get(c.op.name)?.inputs ?? [])].sort(),
      );
    }
    const noEvents = sample(
      {},
      { ...MEMORY_CAPABILITIES, events: [], packageTypes: ['Zip'], virtualTime: false },
    );
    expect(noEvents.some((c) => c.kind === 'inject')).toBe(false);
    expect(noEvents.some((c) => c.kind === 'op' && c.op.args['packageType'] === 'Image')).toBe(
      false,
    );
    expect(
      Math.max(...noEvents.flatMap((c) => (c.kind === 'wait' ? [c.ms] : []))),
    ).toBeLessThanOrEqual(5_000);
  });

  it('prints commands as stable replay calls', () => {
    expect(
      formatCommand({
        kind: 'op',
        op: { name: 'UpdateFunctionCode', fn: 'fn0', args: { revisionId: 'stale', code: 3 } },
      }),
    ).toBe('UpdateFunctionCode(fn0, code=3, revisionId=stale)');
    expect(formatCommand({ kind: 'inject', event: 'idle-reclaim', fn: 'fn1' })).toBe(
      'Inject(idle-reclaim, fn1)',
    );
    expect(formatCommand({ kind: 'wait', ms: 1500 })).toBe('Wait(1500)');
  });
  it('refuses weights that leave nothing to generate, naming the commands to weigh', () => {
    const zero = Object.fromEntries(
      [...spec.operations.keys(), 'Wait', 'Settle', 'Inject'].map((name) => [name, 0]),
    );
    expect(() => sample(zero)).toThrow(
      expect.objectContaining({
        name: 'HarnessError',
        code: 'NOTHING_TO_GENERATE',
        message: expect.stringContaining('give one of CreateFunction,') as unknown,
      }),
    );
    // Inject alone is enough where the target can inject events, not where it cannot.
    const injectOnly = { ...zero, Inject: 1 };
    expect(sample(injectOnly).every((c) => c.kind === 'inject')).toBe(true);
    const noEvents = { ...MEMORY_CAPABILITIES, events: [] };
    expect(() => sample(injectOnly, noEvents)).toThrow(
      expect.objectContaining({ code: 'NOTHING_TO_GENERATE' }),
    );
  });
});
