import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Observation, ObservedFields } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { FunctionMonitor } from './Monitor.ts';

const spec = await loadSpec('spec/lambda-lifecycle.yaml');
const op = (name: string, args: Operation['args'] = {}): Operation => ({ name, fn: 'fn0', args });
const ok = (fields: ObservedFields): Observation => ({ kind: 'ok', fields });
const CONFLICT: Observation = {
  kind: 'error',
  type: 'ResourceConflictException',
  status: 409,
  message:
    'The operation cannot be performed at this time. An update is in progress for resource: arn',
};
const UPDATING = {
  State: 'Active',
  LastUpdateStatus: 'InProgress',
  LastUpdateStatusReasonCode: 'Creating',
  LastUpdateStatusReason: 'The function is being created.',
  RevisionId: 'r3',
  codeRevision: 1,
};

/**
 * An Active function (code 1, configuration 1) whose configuration update to 2 is InProgress, and
 * a second update to 3 refused with 409: what the next read of $LATEST may show.
 */
function afterRefusedUpdate(): FunctionMonitor {
  const m = new FunctionMonitor(spec, { reading: 'seed' });
  const steps: [Operation, Observation, number][] = [
    [
      op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 }),
      ok({
        State: 'Pending',
        StateReasonCode: 'Creating',
        StateReason: 'The function is being created.',
        RevisionId: 'r1',
        PackageType: 'Zip',
        codeRevision: 1,
        configRevision: 1,
      }),
      0,
    ],
    [
      op('GetFunction'),
      ok({
        State: 'Active',
        LastUpdateStatus: 'Successful',
        RevisionId: 'r2',
        codeRevision: 1,
        configRevision: 1,
      }),
      1000,
    ],
    [
      op('UpdateFunctionConfiguration', { config: 2, revisionId: 'none' }),
      ok({ ...UPDATING, configRevision: 2 }),
      1001,
    ],
    [op('UpdateFunctionConfiguration', { config: 3, revisionId: 'none' }), CONFLICT, 1002],
  ];
  for (const [operation, observation, at] of steps) {
    expect(m.step(operation, observation, at, at).kind, operation.name).toBe('conformant');
  }
  return m;
}

describe('a refused write that is stored anyway', () => {
  it('is caught at the next read of $LATEST, which must show the accepted update', () => {
    const read = op('GetFunction');
    const faithful = afterRefusedUpdate().step(
      read,
      ok({ ...UPDATING, configRevision: 2 }),
      1003,
      1003,
    );
    expect(faithful.kind).toBe('conformant');
    const stored = afterRefusedUpdate().step(
      read,
      ok({ ...UPDATING, configRevision: 3 }),
      1003,
      1003,
    );
    expect(stored.kind).toBe('divergence');
    if (stored.kind !== 'divergence') return;
    expect(stored.expectations.map((e) => e.ruleId)).toContain('get-updating');
    expect(stored.expectations.map((e) => e.reason).join(' ')).toContain('configRevision');
  });
});
