import { beforeAll, describe, expect, it } from 'vitest';
import { FunctionMonitor } from '../monitor/Monitor.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { eventHasEffect } from './eventEffect.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

const op = (name: string, args: Operation['args'] = {}): Operation => ({ name, fn: 'fn0', args });
const ok = (fields: Record<string, string | number>): Observation => ({ kind: 'ok', fields });
/** The CreateFunction answer: Pending, with the reason members recorded with it. */
const CREATED_FIELDS = {
  State: 'Pending',
  StateReasonCode: 'Creating',
  StateReason: 'The function is being created.',
  RevisionId: 'r1',
  PackageType: 'Zip',
};
const EVENTS = ['idle-reclaim', 'image-deleted', 'provisioning-failure', 'update-failure'];

/** The events that have an effect on the function `m` watches, as the generator would ask. */
function effective(m: FunctionMonitor): string[] {
  return EVENTS.filter((e) => eventHasEffect(spec, m.possibleStates, e, 'seed'));
}

/** Checks one observation at `at`; it must conform, or the test is about something else. */
function step(
  m: FunctionMonitor,
  operation: Operation,
  fields: Record<string, string | number>,
  at: number,
): void {
  expect(m.step(operation, ok(fields), at, at).kind).toBe('conformant');
}

/** A monitor of a Zip function created at 0 and read Active at 1000. */
function activeZip(): FunctionMonitor {
  const m = new FunctionMonitor(spec, { reading: 'seed' });
  const create = op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 });
  step(m, create, { ...CREATED_FIELDS }, 0);
  step(
    m,
    op('GetFunction'),
    { State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' },
    1000,
  );
  return m;
}

describe('eventHasEffect: an event only where the spec gives it an effect', () => {
  it('none for a function that does not exist', () => {
    expect(effective(new FunctionMonitor(spec, { reading: 'seed' }))).toEqual([]);
  });

  it('every event the function’s package type allows once it exists', () => {
    expect(effective(activeZip())).toEqual([
      'idle-reclaim',
      'provisioning-failure',
      'update-failure',
    ]);
  });

  it('counts the states async transitions may have reached: reclaim right after a create', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    const create = op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 });
    step(m, create, { ...CREATED_FIELDS }, 0);
    // Only Pending was observed, but provisioning may have completed since.
    expect(effective(m)).toContain('idle-reclaim');
  });

  it('never an arming event while the function may already be armed', () => {
    const m = activeZip();
    m.inject('update-failure', 2000);
    expect(effective(m)).toEqual(['idle-reclaim', 'provisioning-failure']);
    m.inject('provisioning-failure', 2000);
    expect(effective(m)).toEqual(['idle-reclaim']);
    // An update consumes the armed failure: once it has failed, arming has an effect again.
    step(
      m,
      op('UpdateFunctionCode', { code: 2, revisionId: 'none' }),
      {
        State: 'Active',
        LastUpdateStatus: 'InProgress',
        LastUpdateStatusReasonCode: 'Creating',
        LastUpdateStatusReason: 'The function is being created.',
        RevisionId: 'r3',
      },
      3000,
    );
    expect(effective(m)).not.toContain('update-failure');
    step(
      m,
      op('GetFunction'),
      {
        State: 'Active',
        LastUpdateStatus: 'Failed',
        LastUpdateStatusReasonCode: 'InternalError',
        LastUpdateStatusReason: 'An internal error occurred.',
        RevisionId: 'r3',
      },
      4000,
    );
    expect(effective(m)).toContain('update-failure');
  });

  it('none for an event no transition of the spec is triggered by', () => {
    expect(eventHasEffect(spec, activeZip().possibleStates, 'meteor', 'seed')).toBe(false);
  });
});
