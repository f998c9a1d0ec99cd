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
  TEST_TIMING,
} from './simulation.testkit.ts';
import type { Fixture } from './simulation.testkit.ts';

function failedZip(f: Fixture, name: string): void {
  createZip(f, name);
  f.sim.inject('provisioning-failure', name);
  f.advance(TEST_TIMING.provisionMs);
}

describe('LambdaSimulation: Failed', () => {
  it('"When function creation fails, Lambda sets the function state to failed" — Invoke is 409 "…in the following state: Failed"', () => {
    const f = fixture();
    failedZip(f, 'f');
    const error = expectApiError(
      () => f.sim.invoke('f', undefined, '{}'),
      'ResourceConflictException',
      409,
    );
    expect(error.message).toBe(
      'The operation cannot be performed at this time. The function is currently in the following state: Failed',
    );
  });

  it("\"The resource <arn> is currently in the following state: 'Failed'. StateReasonCode: '<code>'\" — for UpdateFunctionCode, UpdateFunctionConfiguration and PublishVersion", () => {
    const f = fixture();
    failedZip(f, 'f');
    const expected = `The operation cannot be performed at this time. The resource ${arnOf('f')} is currently in the following state: 'Failed'. StateReasonCode: 'InternalError'`;
    const calls = [
      () => f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) }),
      () => f.sim.updateFunctionConfiguration('f', { Environment: env(2) }),
      () => f.sim.publishVersion('f', {}),
    ];
    for (const call of calls) {
      expect(expectApiError(call, 'ResourceConflictException', 409).message).toBe(expected);
    }
  });

  it('"you must delete and recreate the function" — TagResource, Get*, List* and DeleteFunction work on a Failed function', () => {
    const f = fixture();
    failedZip(f, 'f');
    f.sim.tagResource(arnOf('f'), { a: 'b' });
    expect(f.sim.getFunction('f').Configuration.State).toBe('Failed');
    expect(f.sim.listFunctions().Functions).toHaveLength(1);
    expect(f.sim.listVersionsByFunction('f').Versions).toHaveLength(1);
    f.sim.deleteFunction('f');
    createZip(f, 'f');
    f.advance(TEST_TIMING.provisionMs);
    expect(f.sim.getFunctionConfiguration('f').State).toBe('Active');
  });

  it('"If the corresponding container image no longer exists on Amazon ECR …, the function enters the Failed state, and Lambda returns a failure for any function invocations."', () => {
    const f = fixture();
    createImage(f, 'i');
    f.advance(TEST_TIMING.provisionMs);
    const before = f.sim.getFunctionConfiguration('i').RevisionId;
    f.sim.inject('image-deleted', 'i');
    const config = f.sim.getFunctionConfiguration('i');
    expect(config).toMatchObject({ State: 'Failed', StateReasonCode: 'ImageDeleted' });
    expect(config.RevisionId).not.toBe(before);
    expectApiError(() => f.sim.invoke('i', undefined, '{}'), 'ResourceConflictException', 409);
    const error = expectApiError(
      () => f.sim.updateFunctionCode('i', { ImageUri: imageUriFor(2) }),
      'ResourceConflictException',
      409,
    );
    expect(error.message).toContain("StateReasonCode: 'ImageDeleted'");
  });

  it('image-deleted while Pending or Inactive fails the function, and a pending provisioning or reactivation no longer completes', () => {
    const f = fixture();
    createImage(f, 'p');
    f.sim.inject('image-deleted', 'p');
    createImage(f, 'r');
    f.advance(TEST_TIMING.provisionMs);
    f.sim.inject('idle-reclaim', 'r');
    expectApiError(
      () => f.sim.invoke('r', undefined, '{}'),
      'CodeArtifactUserPendingException',
      409,
    );
    f.sim.inject('image-deleted', 'r');
    f.advance(TEST_TIMING.reactivateMs + TEST_TIMING.provisionMs);
    expect(f.sim.getFunctionConfiguration('p').State).toBe('Failed');
    expect(f.sim.getFunctionConfiguration('r').State).toBe('Failed');
  });

  it('image-deleted is ignored by Zip functions, and every event is ignored for an unknown function', () => {
    const f = fixture();
    activeZip(f, 'f');
    const before = f.sim.getFunctionConfiguration('f');
    f.sim.inject('image-deleted', 'f');
    expect(f.sim.getFunctionConfiguration('f')).toEqual(before);
    for (const event of [
      'idle-reclaim',
      'image-deleted',
      'provisioning-failure',
      'update-failure',
    ] as const) {
      expect(() => f.sim.inject(event, 'nope')).not.toThrow();
    }
  });
});
