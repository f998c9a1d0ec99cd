import { CREATED } from './answers.testkit.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { FunctionMonitor } from './Monitor.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

const listVersions: Operation = { name: 'ListVersionsByFunction', fn: 'fn0', args: {} };
const get: Operation = { name: 'GetFunction', fn: 'fn0', args: {} };
const updateConfig: Operation = {
  name: 'UpdateFunctionConfiguration',
  fn: 'fn0',
  args: { config: 1, revisionId: 'stale' },
};
const create: Operation = {
  name: 'CreateFunction',
  fn: 'fn0',
  args: { packageType: 'Zip', code: 1, config: 1 },
};
const notFound: Observation = {
  kind: 'error',
  type: 'ResourceNotFoundException',
  status: 404,
  message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:fn0',
};
const ruleOf = (v: ReturnType<FunctionMonitor['step']>): string | undefined =>
  v.kind === 'divergence' ? v.expectations[0]?.ruleId : undefined;

describe('going on after a read that diverged', () => {
  // moto answers ListVersionsByFunction for a function that does not exist with an empty list.
  // That is one divergence; the function still does not exist, and what follows must not be
  // blamed on rules of states it never reached.
  it('a read answered with a kind no possible state allows keeps the states it had', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    const listed = m.step(listVersions, { kind: 'ok', fields: { versionCount: 0 } }, 0, 0);
    expect(ruleOf(listed)).toBe('list-versions-absent');
    m.recover();
    expect(m.step(updateConfig, notFound, 1, 1).kind).toBe('conformant');
    expect(m.step(get, notFound, 2, 2).kind).toBe('conformant');
    const created = m.step(create, CREATED, 3, 3);
    expect(created.kind).toBe('conformant');
  });

  it('a read whose kind was allowed but whose content diverged still re-anchors on what it says', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    const createdOk = m.step(create, CREATED, 0, 0);
    expect(createdOk.kind).toBe('conformant');
    // Inactive right after creation: GetFunction's answer is allowed in kind, wrong in content.
    const inactive = m.step(
      get,
      {
        kind: 'ok',
        fields: { State: 'Inactive', LastUpdateStatus: 'Successful', RevisionId: 'r2' },
      },
      1,
      1,
    );
    expect(inactive.kind).toBe('divergence');
    m.recover();
    // The read re-anchored on Inactive: Pending is gone, so a Pending answer now diverges again.
    const pendingAgain = m.step(
      get,
      {
        kind: 'ok',
        fields: {
          State: 'Pending',
          StateReasonCode: 'Creating',
          StateReason: 'The function is being created.',
          RevisionId: 'r2',
        },
      },
      2,
      2,
    );
    expect(pendingAgain.kind).toBe('divergence');
  });
});
