import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../errors/HarnessError.ts';
import type { Observation } from '../../lambda/Observation.ts';
import { EVENT_NAMES } from '../../lambda/catalogue.ts';
import type { Operation } from '../../lambda/Operation.ts';
import type { SessionContext, TargetSession } from '../Target.ts';
import { createMemoryTarget } from './MemoryTarget.ts';
import type { MemoryTargetOptions } from './MemoryTarget.ts';
import { TEST_TIMING } from './simulation.testkit.ts';

const CTX: SessionContext = { runId: 'r1', timing: TEST_TIMING };

function op(name: string, args: Operation['args'] = {}, fn = 'fn0'): Operation {
  return { name, fn, args };
}

const CREATE_ZIP = op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 });

async function open(options: MemoryTargetOptions = {}): Promise<TargetSession> {
  return createMemoryTarget(options).open(CTX);
}

function fields(observation: Observation): Record<string, unknown> {
  if (observation.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(observation)}`);
  return observation.fields;
}

describe('createMemoryTarget', () => {
  it('is named memory and declares every capability', () => {
    const target = createMemoryTarget();
    expect(target.name).toBe('memory');
    expect(target.capabilities).toEqual({
      virtualTime: true,
      events: [...EVENT_NAMES],
      packageTypes: ['Zip', 'Image'],
      observesCode: true,
    });
  });

  it('rejects an unknown mutant when it is created, not in the middle of a run', () => {
    expect(() => createMemoryTarget({ mutants: ['nope' as never] })).toThrow(HarnessError);
  });

  it('maps logical names to lc-<runId>-<fn>', async () => {
    const session = await open();
    await session.apply(CREATE_ZIP);
    expect(await session.apply(CREATE_ZIP)).toEqual({
      kind: 'error',
      type: 'ResourceConflictException',
      status: 409,
      message: 'Function already exist: lc-r1-fn0',
    });
    expect(fields(await session.apply(op('ListFunctions')))).toEqual({
      listed: true,
      stateFieldsListed: false,
    });
  });

  it('runs a Zip lifecycle on a virtual clock starting at 0', async () => {
    const session = await open();
    expect(session.now()).toBe(0);
    expect(fields(await session.apply(CREATE_ZIP))).toMatchObject({
      State: 'Pending',
      StateReasonCode: 'Creating',
      Version: '$LATEST',
      PackageType: 'Zip',
    });
    expect((await session.apply(op('Invoke'))).kind).toBe('error');
    await session.advance(TEST_TIMING.provisionMs);
    expect(session.now()).toBe(TEST_TIMING.provisionMs);
    expect(fields(await session.apply(op('GetFunction')))).toMatchObject({
      State: 'Active',
      LastUpdateStatus: 'Successful',
    });
    await session.apply(op('UpdateFunctionConfiguration', { config: 4 }));
    await session.advance(TEST_TIMING.updateMs);
    expect(fields(await session.apply(op('Invoke')))).toEqual({
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      ranCode: 1,
      ranConfig: 4,
    });
    expect(fields(await session.apply(op('PublishVersion')))).toMatchObject({
      Version: '1',
      codeRevision: 1,
      configRevision: 4,
    });
    expect(fields(await session.apply(op('ListVersionsByFunction')))).toEqual({
      versionCount: 1,
      versionCode: 1,
      versionConfig: 4,
    });
    expect(fields(await session.apply(op('TagResource')))).toEqual({});
    expect(fields(await session.apply(op('DeleteFunction')))).toEqual({});
    expect(await session.apply(op('GetFunctionConfiguration'))).toMatchObject({
      kind: 'error',
      status: 404,
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:lc-r1-fn0',
    });
  });

  it('updates an Image function with an image URI, chosen by the package type it was created with', async () => {
    const session = await open();
    await session.apply(op('CreateFunction', { packageType: 'Image', code: 2, config: 3 }));
    await session.advance(TEST_TIMING.provisionMs);
    expect(fields(await session.apply(op('UpdateFunctionCode', { code: 5 })))).toMatchObject({
      PackageType: 'Image',
      LastUpdateStatus: 'InProgress',
    });
    await session.advance(TEST_TIMING.updateMs);
    expect(fields(await session.apply(op('Invoke')))).toMatchObject({ ranCode: 5, ranConfig: 3 });
  });

  it("revisionId 'stale' sends a RevisionId that is not the latest: 412 PreconditionFailedException", async () => {
    const session = await open();
    await session.apply(CREATE_ZIP);
    await session.advance(TEST_TIMING.provisionMs);
    const neverIssued = await session.apply(op('PublishVersion', { revisionId: 'stale' }));
    expect(neverIssued).toMatchObject({ kind: 'error', status: 412 });
    await session.apply(op('GetFunction'));
    const firstObserved = await session.apply(
      op('UpdateFunctionCode', { code: 2, revisionId: 'stale' }),
    );
    expect(firstObserved).toMatchObject({ kind: 'error', type: 'PreconditionFailedException' });
    expect(fields(await session.apply(op('UpdateFunctionCode', { code: 2 })))).toMatchObject({
      LastUpdateStatus: 'InProgress',
    });
  });

  it('injects environment events into the named function', async () => {
    const session = await open();
    await session.apply(CREATE_ZIP);
    await session.advance(TEST_TIMING.provisionMs);
    await session.inject?.('idle-reclaim', 'fn0');
    expect(fields(await session.apply(op('GetFunctionConfiguration')))).toMatchObject({
      State: 'Inactive',
      StateReasonCode: 'Idle',
    });
  });

  it('switches on the mutants it was created with', async () => {
    const session = await open({ mutants: ['invoke-while-pending'] });
    await session.apply(CREATE_ZIP);
    expect(fields(await session.apply(op('Invoke')))).toMatchObject({ ranCode: 1 });
  });

  it('honours imagePendingInvoke refuse', async () => {
    const session = await open({ imagePendingInvoke: 'refuse' });
    await session.apply(op('CreateFunction', { packageType: 'Image', code: 1, config: 1 }));
    expect(await session.apply(op('Invoke'))).toMatchObject({ kind: 'error', status: 409 });
  });

  it('gives independent sessions: two sessions from one target share no function and no clock', async () => {
    const target = createMemoryTarget();
    const first = await target.open(CTX);
    const second = await target.open(CTX);
    await first.apply(CREATE_ZIP);
    await first.advance(5000);
    expect(second.now()).toBe(0);
    expect(await second.apply(op('GetFunction'))).toMatchObject({ kind: 'error', status: 404 });
    expect(fields(await second.apply(CREATE_ZIP))).toMatchObject({ State: 'Pending' });
    expect(fields(await first.apply(op('GetFunction')))).toMatchObject({ State: 'Active' });
  });

  it('rejects unknown operations, bad arguments, a negative advance and use after close', async () => {
    const session = await open();
    await expect(session.apply(op('PutFunctionConcurrency'))).rejects.toMatchObject({
      code: 'UNKNOWN_OPERATION',
    });
    await expect(session.apply(op('CreateFunction', { packageType: 'Jar' }))).rejects.toMatchObject(
      {
        code: 'INVALID_OPERATION_ARGS',
      },
    );
    await expect(
      session.apply(op('UpdateFunctionCode', { code: 1, revisionId: 'x' })),
    ).rejects.toMatchObject({
      code: 'INVALID_OPERATION_ARGS',
    });
    await expect(session.advance(-1)).rejects.toMatchObject({ code: 'INVALID_ADVANCE' });
    await session.close();
    await expect(session.apply(op('ListFunctions'))).rejects.toMatchObject({
      code: 'SESSION_CLOSED',
    });
  });

  it('rejects a session with an invalid timing', async () => {
    const target = createMemoryTarget();
    const bad = { runId: 'r', timing: { ...TEST_TIMING, updateMs: -5 } };
    await expect(target.open(bad)).rejects.toMatchObject({ code: 'INVALID_TIMING' });
  });
});
