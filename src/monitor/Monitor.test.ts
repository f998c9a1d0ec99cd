import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { stateKey } from './AbstractState.ts';
import { FunctionMonitor } from './Monitor.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

const create: Operation = {
  name: 'CreateFunction',
  fn: 'fn0',
  args: { packageType: 'Zip', code: 1, config: 1 },
};
const get: Operation = { name: 'GetFunction', fn: 'fn0', args: {} };
const invoke: Operation = { name: 'Invoke', fn: 'fn0', args: {} };
const updateCode = (code: number): Operation => ({
  name: 'UpdateFunctionCode',
  fn: 'fn0',
  args: { code, revisionId: 'none' },
});
const ok = (fields: Record<string, string | number | boolean>): Observation => ({
  kind: 'ok',
  fields,
});
const conflict = (message: string): Observation => ({
  kind: 'error',
  type: 'ResourceConflictException',
  status: 409,
  message,
});
/** The reason members of a function being created, as recorded. */
const CREATING = { StateReasonCode: 'Creating', StateReason: 'The function is being created.' };
/** LastUpdateStatus InProgress with the reason members recorded with it. */
const IN_PROGRESS = {
  LastUpdateStatus: 'InProgress',
  LastUpdateStatusReasonCode: 'Creating',
  LastUpdateStatusReason: 'The function is being created.',
};
const PENDING_MSG =
  'The operation cannot be performed at this time. The function is currently in the following state: Pending';

function created(m: FunctionMonitor, at = 0): void {
  const v = m.step(
    create,
    ok({ State: 'Pending', ...CREATING, RevisionId: 'r1', PackageType: 'Zip' }),
    at,
    at,
  );
  expect(v.kind).toBe('conformant');
}

describe('FunctionMonitor', () => {
  it('accepts the documented CreateFunction response and rejects State Active in it', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    created(m);
    const bad = new FunctionMonitor(spec, { reading: 'seed' });
    const v = bad.step(create, ok({ State: 'Active', RevisionId: 'r1', PackageType: 'Zip' }), 0, 0);
    expect(v.kind).toBe('divergence');
    expect(v.kind === 'divergence' && v.expectations[0]?.ruleId).toBe('create');
  });

  it('keeps Pending and Active possible after creation until an observation decides', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    created(m);
    expect(m.step(invoke, conflict(PENDING_MSG), 10, 10).kind).toBe('conformant');
    expect(m.step(get, ok({ State: 'Pending', ...CREATING, RevisionId: 'r1' }), 20, 20).kind).toBe(
      'conformant',
    );
    expect(
      m.step(get, ok({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' }), 30, 30)
        .kind,
    ).toBe('conformant');
  });

  it('blames an Invoke that succeeded while the function was provably still Pending', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    created(m);
    expect(m.step(invoke, ok({ ranCode: 1, ranConfig: 1, StatusCode: 200 }), 0, 0).kind).toBe(
      'conformant',
    );
    const v = m.step(get, ok({ State: 'Pending', ...CREATING, RevisionId: 'r1' }), 1, 1);
    expect(v.kind).toBe('divergence');
    const explained = m.explainDivergence();
    expect(explained?.culprit?.operation).toEqual(invoke);
    expect(explained?.expectations[0]?.ruleId).toBe('invoke-pending-creating');
    expect(explained?.category).toBe('forbidden-accepted');
  });

  it('reports a transition that misses its time bound as too late, naming the bound', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    created(m);
    const minutes = 60_000;
    const v = m.step(
      get,
      ok({ State: 'Pending', ...CREATING, RevisionId: 'r1' }),
      16 * minutes,
      16 * minutes,
    );
    expect(v.kind).toBe('divergence');
    if (v.kind !== 'divergence') return;
    expect(v.category).toBe('too-late');
    expect(v.expectations[0]?.ruleId).toBe('provisioning-completes');
    expect(v.expectations[0]?.reason).toMatch(/bound 5m/);
  });

  it('requires a new RevisionId after a transition and the same one when nothing happened', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    created(m);
    expect(
      m.step(get, ok({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r1' }), 5, 5)
        .kind,
    ).toBe('divergence');
    const n = new FunctionMonitor(spec, { reading: 'seed' });
    created(n);
    expect(n.step(get, ok({ State: 'Pending', ...CREATING, RevisionId: 'other' }), 5, 5).kind).toBe(
      'divergence',
    );
  });

  it('checks that invocations during an update run the previous code', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    created(m);
    m.step(get, ok({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' }), 10, 10);
    m.step(updateCode(2), ok({ State: 'Active', ...IN_PROGRESS, RevisionId: 'r3' }), 20, 20);
    m.step(get, ok({ State: 'Active', ...IN_PROGRESS, RevisionId: 'r3' }), 30, 30);
    const v = m.step(invoke, ok({ ranCode: 2, ranConfig: 1 }), 40, 40);
    expect(v.kind === 'divergence' && v.category).toBe('wrong-code');
    const unobservable = new FunctionMonitor(spec, {
      reading: 'seed',
      unobservable: new Set(['ranCode', 'ranConfig']),
    });
    created(unobservable);
    unobservable.step(
      get,
      ok({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' }),
      10,
      10,
    );
    expect(unobservable.step(invoke, ok({ StatusCode: 200 }), 40, 40).kind).toBe('conformant');
  });

  it('keeps every possibility after an inconclusive observation', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    expect(m.step(create, { kind: 'inconclusive', reason: 'timeout' }, 0, 0).kind).toBe(
      'inconclusive',
    );
    expect(
      m.step(
        get,
        {
          kind: 'error',
          type: 'ResourceNotFoundException',
          status: 404,
          message: 'Function not found: x',
        },
        1,
        1,
      ).kind,
    ).toBe('conformant');
    const n = new FunctionMonitor(spec, { reading: 'seed' });
    n.step(create, { kind: 'inconclusive', reason: 'timeout' }, 0, 0);
    expect(n.step(get, ok({ State: 'Pending', ...CREATING, RevisionId: 'x' }), 1, 1).kind).toBe(
      'conformant',
    );
  });

  it('follows the run reading for Image invocations while Pending', () => {
    const image: Operation = { ...create, args: { ...create.args, packageType: 'Image' } };
    const created = ok({
      State: 'Pending',
      ...CREATING,
      RevisionId: 'r1',
      PackageType: 'Image',
    });
    const seed = new FunctionMonitor(spec, { reading: 'seed' });
    seed.step(image, created, 0, 0);
    seed.step(get, ok({ State: 'Pending', ...CREATING, RevisionId: 'r1' }), 1, 1);
    expect(seed.step(invoke, ok({ ranCode: 1, ranConfig: 1 }), 1, 1).kind).toBe('conformant');
    const current = new FunctionMonitor(spec, { reading: 'current' });
    current.step(image, created, 0, 0);
    current.step(get, ok({ State: 'Pending', ...CREATING, RevisionId: 'r1' }), 1, 1);
    expect(current.step(invoke, ok({ ranCode: 1, ranConfig: 1 }), 1, 1).kind).toBe('divergence');
  });

  it('under strictness documented, reports what breaks an inferred rule as information and still enforces the documented ones', () => {
    const inactive = ok({
      State: 'Inactive',
      StateReasonCode: 'SomethingElse',
      LastUpdateStatus: 'Successful',
      RevisionId: 'r3',
    });
    const idle = (strictness: 'all' | 'documented'): FunctionMonitor => {
      const m = new FunctionMonitor(spec, { reading: 'seed', strictness });
      created(m);
      m.step(get, ok({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' }), 5, 5);
      m.inject('idle-reclaim', 6);
      return m;
    };
    // get-inactive-idle is inferred: StateReasonCode Idle is an assumption.
    const all = idle('all').step(get, inactive, 7, 7);
    expect(all.kind === 'divergence' && all.rules).toContain('get-inactive-idle');
    const m = idle('documented');
    expect(m.step(get, inactive, 7, 7)).toEqual({
      kind: 'unspecified',
      rules: ['get-inactive-idle'],
    });
    // invoke-inactive is documented: a successful invocation of the Inactive function still diverges.
    const v = m.step(invoke, ok({ ranCode: 1, ranConfig: 1, StatusCode: 200 }), 8, 8);
    expect(v.kind === 'divergence' && v.rules).toContain('invoke-inactive');
  });

  it('under strictness documented, reports a passed inferred time bound as information, not a divergence', () => {
    const late = 16 * 60_000;
    const pending = ok({ State: 'Pending', ...CREATING, RevisionId: 'r1' });
    const m = new FunctionMonitor(spec, { reading: 'seed', strictness: 'documented' });
    created(m);
    // provisioning-completes' 5-minute bound is the SDK waiter's budget: inferred.
    const informed = m.step(get, pending, late, late);
    expect(informed.kind).toBe('unspecified');
    expect(informed.rules).toContain('provisioning-completes');
    expect(informed.rules).toContain('get-pending-creating');
    const all = new FunctionMonitor(spec, { reading: 'seed', strictness: 'all' });
    created(all);
    const v = all.step(get, pending, late, late);
    expect(v.kind === 'divergence' && v.category).toBe('too-late');
  });

  it('never adds a state that neither the previous set nor the observation justifies', () => {
    // The set after a step is a subset of the successors of the set before it, computed independently.
    const observations: Observation[] = [
      ok({ State: 'Pending', ...CREATING, RevisionId: 'a' }),
      ok({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'b' }),
      ok({ State: 'Active', ...IN_PROGRESS, RevisionId: 'c' }),
      ok({ ranCode: 1, ranConfig: 1 }),
      conflict('An update is in progress for resource: x'),
      { kind: 'inconclusive', reason: 'throttled' },
    ];
    const ops: Operation[] = [
      create,
      get,
      invoke,
      updateCode(2),
      { name: 'DeleteFunction', fn: 'fn0', args: {} },
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...ops), fc.constantFrom(...observations), fc.nat(120_000)),
          { maxLength: 12 },
        ),
        (steps) => {
          const m = new FunctionMonitor(spec, { reading: 'seed' });
          let t = 0;
          for (const [op, obs, dt] of steps) {
            t += dt;
            const before = new Set(m.possibleStates.map(stateKey));
            const reference = new FunctionMonitor(spec, { reading: 'seed' });
            // A monitor that observed everything as inconclusive allows a superset of what the real one allows.
            Object.assign(reference, { states: [...m.possibleStates] });
            reference.step(op, { kind: 'inconclusive', reason: 'reference' }, t, t);
            const allowed = new Set(
              reference.possibleStates.map((s) =>
                stateKey({ ...s, revision: { last: null, status: 'same' }, since: 0 }),
              ),
            );
            const v = m.step(op, obs, t, t);
            if (v.kind === 'divergence') {
              expect(new Set(m.possibleStates.map(stateKey))).toEqual(before);
              return;
            }
            for (const s of m.possibleStates) {
              expect(
                allowed.has(stateKey({ ...s, revision: { last: null, status: 'same' }, since: 0 })),
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
