import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { imageUriFor } from '../handler/imageUri.ts';
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

const IN_PROGRESS = `The operation cannot be performed at this time. An update is in progress for resource: ${arnOf('f')}`;

describe('LambdaSimulation: updates', () => {
  it('"UpdateFunctionCode / UpdateFunctionConfiguration response (200): State Active, LastUpdateStatus InProgress, LastUpdateStatusReason The function is being created., LastUpdateStatusReasonCode Creating"', () => {
    const f = fixture();
    activeZip(f, 'f');
    const before = f.sim.getFunctionConfiguration('f').RevisionId;
    const response = f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    expect(response).toMatchObject({
      State: 'Active',
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    });
    expect(response.RevisionId).not.toBe(before);
    f.advance(TEST_TIMING.updateMs);
    const done = f.sim.getFunctionConfiguration('f');
    expect(done.LastUpdateStatus).toBe('Successful');
    expect(done).not.toHaveProperty('LastUpdateStatusReason');
    expect(done).not.toHaveProperty('LastUpdateStatusReasonCode');
    expect(done.RevisionId).not.toBe(response.RevisionId);
  });

  it('"Invocations continue to use the function\'s previous code and configuration until the update completes." — then the new code and configuration are live', () => {
    const f = fixture();
    activeZip(f, 'f', 1, 1);
    f.sim.updateFunctionConfiguration('f', { Environment: env(2) });
    expect(ran(f.sim.invoke('f', undefined, '{}'))).toEqual({ code: 1, config: 1 });
    f.advance(TEST_TIMING.updateMs);
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(3) });
    expect(ran(f.sim.invoke('f', undefined, '{}'))).toEqual({ code: 1, config: 2 });
    f.advance(TEST_TIMING.updateMs);
    expect(ran(f.sim.invoke('f', undefined, '{}'))).toEqual({ code: 3, config: 2 });
  });

  it('"Invocations that occur while an image update is in progress run the code from the previous image."', () => {
    const f = fixture();
    createImage(f, 'i', 1);
    f.advance(TEST_TIMING.provisionMs);
    f.sim.updateFunctionCode('i', { ImageUri: imageUriFor(2) });
    expect(ran(f.sim.invoke('i', undefined, '{}')).code).toBe(1);
    f.advance(TEST_TIMING.updateMs);
    expect(ran(f.sim.invoke('i', undefined, '{}')).code).toBe(2);
  });

  it('"The following operations fail: UpdateFunctionCode, UpdateFunctionConfiguration, PublishVersion, TagResource" while InProgress, with the unqualified ARN, and nothing of them is stored', () => {
    const f = fixture();
    activeZip(f, 'f', 1, 1);
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    const staged = f.sim.getFunctionConfiguration('f');
    const calls = [
      () => f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(5) }),
      () => f.sim.updateFunctionConfiguration('f', { Environment: env(5) }),
      () => f.sim.publishVersion('f', {}),
      () => f.sim.tagResource(arnOf('f'), { a: 'b' }),
    ];
    for (const call of calls) {
      expect(expectApiError(call, 'ResourceConflictException', 409).message).toBe(IN_PROGRESS);
    }
    expect(f.sim.getFunctionConfiguration('f')).toEqual(staged);
    expect(f.sim.listTags(arnOf('f')).Tags).toEqual({});
    expect(f.sim.listVersionsByFunction('f').Versions).toHaveLength(1);
    f.advance(TEST_TIMING.updateMs);
    expect(ran(f.sim.invoke('f', undefined, '{}'))).toEqual({ code: 2, config: 1 });
  });

  it('"Other operations, including invocation, work while updates are in progress." — Get*, List* and DeleteFunction', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    expect(f.sim.getFunction('f').Configuration.LastUpdateStatus).toBe('InProgress');
    expect(f.sim.listVersionsByFunction('f').Versions).toHaveLength(1);
    expect(f.sim.listFunctions().Functions).toHaveLength(1);
    f.sim.deleteFunction('f');
    expectApiError(() => f.sim.getFunctionConfiguration('f'), 'ResourceNotFoundException', 404);
  });

  it('"When an update fails … The function\'s State remains Active. Invocations continue to use the function\'s previous code and configuration."', () => {
    const f = fixture();
    activeZip(f, 'f', 1, 1);
    f.sim.inject('update-failure', 'f');
    const accepted = f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    f.advance(TEST_TIMING.updateMs);
    const config = f.sim.getFunctionConfiguration('f');
    expect(config).toMatchObject({
      State: 'Active',
      LastUpdateStatus: 'Failed',
      LastUpdateStatusReasonCode: 'InternalError',
    });
    expect(config.RevisionId).not.toBe(accepted.RevisionId);
    expect(ran(f.sim.invoke('f', undefined, '{}'))).toEqual({ code: 1, config: 1 });
  });

  it('"Functions can only be updated if they are in the Active or Inactive state." — an update after a failed one is accepted and succeeds', () => {
    const f = fixture();
    activeZip(f, 'f', 1, 1);
    f.sim.inject('update-failure', 'f');
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    f.advance(TEST_TIMING.updateMs);
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(3) });
    f.advance(TEST_TIMING.updateMs);
    expect(f.sim.getFunctionConfiguration('f').LastUpdateStatus).toBe('Successful');
    expect(ran(f.sim.invoke('f', undefined, '{}')).code).toBe(3);
  });

  it('"Function errors do not change the HTTP status." — a throwing handler answers 200 with FunctionError Unhandled', () => {
    const f = fixture();
    activeZip(f, 'f');
    const throwing = zipSync({
      'index.js': strToU8('exports.handler = () => { throw new Error("x"); };'),
    });
    f.sim.updateFunctionCode('f', { ZipFile: throwing });
    f.advance(TEST_TIMING.updateMs);
    const response = f.sim.invoke('f', undefined, '{}');
    expect(response).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
    expect(JSON.parse(response.Payload)).toEqual({ errorType: 'Error', errorMessage: 'x' });
  });

  it('UpdateFunctionConfiguration replaces Environment.Variables as a whole and keeps what it does not name', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.updateFunctionConfiguration('f', {
      Description: 'd',
      Environment: { Variables: { A: '1' } },
    });
    f.advance(TEST_TIMING.updateMs);
    f.sim.updateFunctionConfiguration('f', { Timeout: 9 });
    const config = f.sim.getFunctionConfiguration('f');
    expect(config).toMatchObject({
      Description: 'd',
      Timeout: 9,
      Environment: { Variables: { A: '1' } },
    });
  });
});
