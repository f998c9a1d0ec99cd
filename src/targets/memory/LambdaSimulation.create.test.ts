import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { imageUriFor } from '../handler/imageUri.ts';
import {
  activeZip,
  arnOf,
  createImage,
  createZip,
  env,
  expectApiError,
  fixture,
  ran,
  TEST_TIMING,
} from './simulation.testkit.ts';

const STATE_REASON_KEYS = ['StateReason', 'StateReasonCode'];
const UPDATE_KEYS = ['LastUpdateStatus', 'LastUpdateStatusReason', 'LastUpdateStatusReasonCode'];

describe('LambdaSimulation: creation', () => {
  it('"CreateFunction response (201): State Pending, StateReason, StateReasonCode Creating. No LastUpdateStatus key at all."', () => {
    const config = createZip(fixture(), 'f');
    expect(config).toMatchObject({
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
      Version: '$LATEST',
      FunctionArn: arnOf('f'),
    });
    for (const key of UPDATE_KEYS) expect(config).not.toHaveProperty(key);
  });

  it('"After create completes (GetFunction): State Active, LastUpdateStatus Successful, with no StateReason* and no LastUpdateStatusReason* keys" — and a new RevisionId', () => {
    const f = fixture();
    const created = createZip(f, 'f');
    f.advance(TEST_TIMING.provisionMs - 1);
    expect(f.sim.getFunctionConfiguration('f').State).toBe('Pending');
    f.advance(1);
    const config = f.sim.getFunction('f').Configuration;
    expect(config).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
    for (const key of [
      ...STATE_REASON_KEYS,
      'LastUpdateStatusReason',
      'LastUpdateStatusReasonCode',
    ]) {
      expect(config).not.toHaveProperty(key);
    }
    expect(config.RevisionId).not.toBe(created.RevisionId);
  });

  it('"Failed – Indicates that resource configuration or provisioning encountered an error." — an armed provisioning failure ends creation in State Failed', () => {
    const f = fixture();
    const created = createZip(f, 'f');
    f.sim.inject('provisioning-failure', 'f');
    f.advance(TEST_TIMING.provisionMs);
    const config = f.sim.getFunctionConfiguration('f');
    expect(config).toMatchObject({ State: 'Failed', StateReasonCode: 'InternalError' });
    expect(config.StateReason).toEqual(expect.any(String));
    expect(config.RevisionId).not.toBe(created.RevisionId);
  });

  it('"Create a name that already exists: ResourceConflictException, 409, Function already exist: <name>"', () => {
    const f = fixture();
    createZip(f, 'f');
    const error = expectApiError(() => createZip(f, 'f'), 'ResourceConflictException', 409);
    expect(error.message).toBe('Function already exist: f');
  });

  it('"Unknown function: ResourceNotFoundException, 404, Function not found: arn:aws:lambda:<region>:<acct>:function:<name>" — for every operation', () => {
    const { sim } = fixture();
    const calls = [
      () => sim.getFunction('nope'),
      () => sim.getFunctionConfiguration('nope'),
      () => sim.updateFunctionCode('nope', { ZipFile: buildHandlerZip(1) }),
      () => sim.updateFunctionConfiguration('nope', { Environment: env(2) }),
      () => sim.invoke('nope', undefined, '{}'),
      () => sim.publishVersion('nope', {}),
      () => sim.listVersionsByFunction('nope'),
      () => sim.tagResource(arnOf('nope'), { a: 'b' }),
      () => sim.deleteFunction('nope'),
    ];
    for (const call of calls) {
      const error = expectApiError(call, 'ResourceNotFoundException', 404);
      expect(error.message).toBe(`Function not found: ${arnOf('nope')}`);
    }
  });

  it('stores PackageType, environment and tags; CodeSha256 is the base64 SHA-256 of the zip or of the image URI', () => {
    const f = fixture();
    const zip = f.sim.createFunction({
      FunctionName: 'z',
      Role: 'r',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: buildHandlerZip(4) },
      Environment: env(7),
      Tags: { team: 'x' },
    });
    const image = createImage(f, 'i', 5);
    const sha = (data: Uint8Array | string): string =>
      createHash('sha256').update(data).digest('base64');
    expect(zip).toMatchObject({ PackageType: 'Zip', CodeSha256: sha(buildHandlerZip(4)) });
    expect(zip.Environment).toEqual(env(7));
    expect(image).toMatchObject({ PackageType: 'Image', CodeSha256: sha(imageUriFor(5)) });
    expect(f.sim.listTags(arnOf('z')).Tags).toEqual({ team: 'x' });
    expect(f.sim.getFunction('i').Code).toEqual({
      RepositoryType: 'ECR',
      ImageUri: imageUriFor(5),
    });
  });
});

describe('LambdaSimulation: Pending', () => {
  it('"Lambda does not invoke a function during pending state." — Invoke on a Pending Zip function is 409 ResourceConflictException', () => {
    const f = fixture();
    createZip(f, 'f');
    const error = expectApiError(
      () => f.sim.invoke('f', undefined, '{}'),
      'ResourceConflictException',
      409,
    );
    expect(error.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    );
  });

  it('"While the state is Pending, you can invoke the function" (container images) — an Image function runs its live code', () => {
    const f = fixture();
    createImage(f, 'i', 3, 2);
    expect(ran(f.sim.invoke('i', undefined, '{}'))).toEqual({ code: 3, config: 2 });
  });

  it('"You can\'t invoke the function until it reaches the Active state." — with imagePendingInvoke refuse, an Image function is refused like a Zip one', () => {
    const f = fixture({ imagePendingInvoke: 'refuse' });
    createImage(f, 'i');
    expectApiError(() => f.sim.invoke('i', undefined, '{}'), 'ResourceConflictException', 409);
  });

  it('"The following operations fail while function creation is pending:" UpdateFunctionCode, UpdateFunctionConfiguration, PublishVersion — and TagResource ("Any invocations or other API actions that operate on the function will fail.")', () => {
    const f = fixture();
    createZip(f, 'f');
    const expected = `The operation cannot be performed at this time. The resource ${arnOf('f')} is currently in the following state: 'Pending'. StateReasonCode: 'Creating'`;
    const calls = [
      () => f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) }),
      () => f.sim.updateFunctionConfiguration('f', { Environment: env(2) }),
      () => f.sim.publishVersion('f', {}),
      () => f.sim.tagResource(arnOf('f'), { a: 'b' }),
    ];
    for (const call of calls) {
      expect(expectApiError(call, 'ResourceConflictException', 409).message).toBe(expected);
    }
    expect(f.sim.listTags(arnOf('f')).Tags).toEqual({});
    f.advance(TEST_TIMING.provisionMs);
    expect(ran(f.sim.invoke('f', undefined, '{}'))).toEqual({ code: 1, config: 1 });
  });

  it('"GetFunction and GetFunctionConfiguration evidently work, because they are what the waiters poll." — Get*, List* and DeleteFunction work while Pending', () => {
    const f = fixture();
    createZip(f, 'f');
    expect(f.sim.getFunction('f').Configuration.State).toBe('Pending');
    expect(f.sim.getFunctionConfiguration('f').State).toBe('Pending');
    expect(f.sim.listVersionsByFunction('f').Versions).toHaveLength(1);
    expect(f.sim.listFunctions().Functions).toHaveLength(1);
    f.sim.deleteFunction('f');
    expectApiError(() => f.sim.getFunction('f'), 'ResourceNotFoundException', 404);
  });

  it('"Functions can only be successfully invoked while active." — an Active Zip function runs its code with its environment', () => {
    const f = fixture();
    activeZip(f, 'f', 6, 9);
    const response = f.sim.invoke('f', undefined, '{}');
    expect(response).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(response).not.toHaveProperty('FunctionError');
    expect(ran(response)).toEqual({ code: 6, config: 9 });
  });
});
