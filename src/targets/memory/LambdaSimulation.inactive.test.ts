import { describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import {
  activeZip,
  arnOf,
  createImage,
  env,
  expectApiError,
  fixture,
  ran,
  TEST_TIMING,
} from './simulation.testkit.ts';
import type { Fixture } from './simulation.testkit.ts';

function inactiveZip(f: Fixture, name: string): void {
  activeZip(f, name);
  f.sim.inject('idle-reclaim', name);
}

describe('LambdaSimulation: Inactive', () => {
  it('"A function becomes inactive when it has been idle long enough for Lambda to reclaim the external resources" — idle-reclaim: State Inactive, StateReasonCode Idle, new RevisionId', () => {
    const f = fixture();
    activeZip(f, 'f');
    const before = f.sim.getFunctionConfiguration('f').RevisionId;
    f.sim.inject('idle-reclaim', 'f');
    const config = f.sim.getFunctionConfiguration('f');
    expect(config).toMatchObject({
      State: 'Inactive',
      StateReasonCode: 'Idle',
      StateReason: 'The function is currently idle.',
      LastUpdateStatus: 'Successful',
    });
    expect(config.RevisionId).not.toBe(before);
  });

  it('idle-reclaim is ignored while Pending or while an update is InProgress', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    const updating = f.sim.getFunctionConfiguration('f');
    f.sim.inject('idle-reclaim', 'f');
    expect(f.sim.getFunctionConfiguration('f')).toEqual(updating);
    f.sim.createFunction({
      FunctionName: 'g',
      Role: 'r',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: buildHandlerZip(1) },
    });
    f.sim.inject('idle-reclaim', 'g');
    expect(f.sim.getFunctionConfiguration('g').State).toBe('Pending');
  });

  it('"When you try to invoke a function that is inactive, the invocation fails and Lambda sets the function to pending state until the function resources are recreated." — 409 CodeArtifactUserPendingException, Pending Restoring, then Active', () => {
    const f = fixture();
    inactiveZip(f, 'f');
    const before = f.sim.getFunctionConfiguration('f').RevisionId;
    const error = expectApiError(
      () => f.sim.invoke('f', undefined, '{}'),
      'CodeArtifactUserPendingException',
      409,
    );
    expect(error.message).toBe(
      'Lambda is initializing your function. It will be ready to invoke shortly.',
    );
    const restoring = f.sim.getFunctionConfiguration('f');
    expect(restoring).toMatchObject({
      State: 'Pending',
      StateReasonCode: 'Restoring',
      StateReason: 'The function is being restored.',
    });
    expect(restoring.RevisionId).not.toBe(before);
    expectApiError(() => f.sim.invoke('f', undefined, '{}'), 'ResourceConflictException', 409);
    f.advance(TEST_TIMING.reactivateMs);
    const active = f.sim.getFunctionConfiguration('f');
    expect(active.State).toBe('Active');
    expect(active).not.toHaveProperty('StateReasonCode');
    expect(active.RevisionId).not.toBe(restoring.RevisionId);
    expect(ran(f.sim.invoke('f', undefined, '{}'))).toEqual({ code: 1, config: 1 });
  });

  it('an Image function restoring after Inactive refuses invocations, though one being created answers them (imagePendingInvoke allow)', () => {
    const f = fixture();
    createImage(f, 'img');
    expect(ran(f.sim.invoke('img', undefined, '{}'))).toEqual({ code: 1, config: 1 });
    f.advance(TEST_TIMING.provisionMs);
    f.sim.inject('idle-reclaim', 'img');
    expectApiError(
      () => f.sim.invoke('img', undefined, '{}'),
      'CodeArtifactUserPendingException',
      409,
    );
    expect(f.sim.getFunctionConfiguration('img').StateReasonCode).toBe('Restoring');
    expectApiError(() => f.sim.invoke('img', undefined, '{}'), 'ResourceConflictException', 409);
  });

  it('while Restoring, updates are refused with StateReasonCode Restoring', () => {
    const f = fixture();
    inactiveZip(f, 'f');
    expectApiError(
      () => f.sim.invoke('f', undefined, '{}'),
      'CodeArtifactUserPendingException',
      409,
    );
    const error = expectApiError(
      () => f.sim.updateFunctionConfiguration('f', { Environment: env(2) }),
      'ResourceConflictException',
      409,
    );
    expect(error.message).toBe(
      `The operation cannot be performed at this time. The resource ${arnOf('f')} is currently in the following state: 'Pending'. StateReasonCode: 'Restoring'`,
    );
  });

  it('"If Lambda fails to recreate the resources, the function is set to the inactive state."', () => {
    const f = fixture();
    inactiveZip(f, 'f');
    f.sim.inject('provisioning-failure', 'f');
    expectApiError(
      () => f.sim.invoke('f', undefined, '{}'),
      'CodeArtifactUserPendingException',
      409,
    );
    const restoring = f.sim.getFunctionConfiguration('f');
    f.advance(TEST_TIMING.reactivateMs);
    const config = f.sim.getFunctionConfiguration('f');
    expect(config).toMatchObject({ State: 'Inactive', StateReasonCode: 'Idle' });
    expect(config.RevisionId).not.toBe(restoring.RevisionId);
  });

  it('"Functions can only be updated if they are in the Active or Inactive state." — an Inactive function accepts updates and stays Inactive', () => {
    const f = fixture();
    inactiveZip(f, 'f');
    const response = f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    expect(response).toMatchObject({ State: 'Inactive', LastUpdateStatus: 'InProgress' });
    f.advance(TEST_TIMING.updateMs);
    expect(f.sim.getFunctionConfiguration('f')).toMatchObject({
      State: 'Inactive',
      LastUpdateStatus: 'Successful',
    });
  });

  it('PublishVersion, TagResource, Get*, List* and DeleteFunction work on an Inactive function', () => {
    const f = fixture();
    inactiveZip(f, 'f');
    expect(f.sim.publishVersion('f', {}).Version).toBe('1');
    f.sim.tagResource(arnOf('f'), { a: 'b' });
    expect(f.sim.getFunction('f').Tags).toEqual({ a: 'b' });
    expect(f.sim.listVersionsByFunction('f').Versions).toHaveLength(2);
    expect(f.sim.listFunctions().Functions).toHaveLength(1);
    f.sim.deleteFunction('f');
    expectApiError(() => f.sim.getFunction('f'), 'ResourceNotFoundException', 404);
  });
});
