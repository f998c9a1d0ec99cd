import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Operation } from '../lambda/Operation.ts';
import { FunctionMonitor } from './Monitor.ts';

const spec = await loadSpec('spec/lambda-lifecycle.yaml');
const create: Operation = {
  name: 'CreateFunction',
  fn: 'fn0',
  args: { packageType: 'Zip', code: 1, config: 1 },
};
const get: Operation = { name: 'GetFunction', fn: 'fn0', args: {} };
const monitor = (): FunctionMonitor => new FunctionMonitor(spec, { reading: 'seed' });

describe('an ok observation whose body was not recorded (imported traces)', () => {
  it('leaves the fields it lacks unknown, where a recorded body lacking them diverges', () => {
    const recorded = monitor().step(create, { kind: 'ok', fields: {} }, 0, 0);
    expect(recorded.kind).toBe('divergence');
    const unrecorded = monitor().step(create, { kind: 'ok', fields: {}, unrecorded: true }, 0, 0);
    expect(unrecorded.kind).toBe('conformant');
  });

  it('still checks the fields it has', () => {
    const m = monitor();
    const partial = m.step(
      create,
      { kind: 'ok', fields: { State: 'Active' }, unrecorded: true },
      0,
      0,
    );
    expect(partial.kind).toBe('divergence');
  });

  it('still needs the call to have succeeded where the spec says so, and keeps the RevisionId track', () => {
    const m = monitor();
    m.step(create, { kind: 'ok', fields: {}, unrecorded: true }, 0, 0);
    const active = { State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' };
    expect(m.step(get, { kind: 'ok', fields: active }, 1000, 1000).kind).toBe('conformant');
    // Nothing happened since: an unrecorded read changes nothing, the RevisionId must stay.
    expect(m.step(get, { kind: 'ok', fields: {}, unrecorded: true }, 2000, 2000).kind).toBe(
      'conformant',
    );
    const moved = m.step(get, { kind: 'ok', fields: { ...active, RevisionId: 'r3' } }, 3000, 3000);
    expect(moved.kind).toBe('divergence');
  });
});
