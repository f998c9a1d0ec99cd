import { describe, expect, it } from 'vitest';
import { CREATED_FIELDS } from './answers.testkit.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Operation } from '../lambda/Operation.ts';
import { FunctionMonitor } from './Monitor.ts';

const spec = await loadSpec('spec/lambda-lifecycle.yaml');
const create: Operation = {
  name: 'CreateFunction',
  fn: 'fn0',
  args: { packageType: 'Zip', code: 2, config: 3 },
};
const monitor = (): FunctionMonitor => new FunctionMonitor(spec, { reading: 'seed' });

describe('fields a target derives and may not tell (codeRevision, configRevision, …)', () => {
  it('are checked when reported: the created code and configuration, nothing else', () => {
    const right = { ...CREATED_FIELDS, codeRevision: 2, configRevision: 3 };
    expect(monitor().step(create, { kind: 'ok', fields: right }, 0, 0).kind).toBe('conformant');
    for (const wrong of [
      { ...right, codeRevision: 1 },
      { ...right, configRevision: 2 },
      // A Zip hash of code the harness never deployed is reported as the hash.
      { ...right, codeRevision: 'q3Kx0bJ1c0vPqk4m9m0X0pZ0l0q3Kx0bJ1c0vPqk4m8=' },
    ]) {
      const verdict = monitor().step(create, { kind: 'ok', fields: wrong }, 0, 0);
      expect(verdict.kind, JSON.stringify(wrong)).toBe('divergence');
    }
  });

  it('are unknown, not absent, when missing: no constraint on them is checked', () => {
    expect(monitor().step(create, { kind: 'ok', fields: CREATED_FIELDS }, 0, 0).kind).toBe(
      'conformant',
    );
    // A field that is absent when missing still diverges (the create answer must carry StateReason).
    const withoutReason: Record<string, string> = { ...CREATED_FIELDS };
    delete withoutReason['StateReason'];
    expect(monitor().step(create, { kind: 'ok', fields: withoutReason }, 0, 0).kind).toBe(
      'divergence',
    );
  });
});
