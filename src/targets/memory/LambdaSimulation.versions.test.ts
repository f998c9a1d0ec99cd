import { describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import {
  activeZip,
  arnOf,
  createZip,
  env,
  expectApiError,
  fixture,
  ran,
  TEST_TIMING,
} from './simulation.testkit.ts';

describe('LambdaSimulation: versions', () => {
  it('"Published versions also go through Pending." — version 1 is Pending (Creating) until versionMs, then Active with a new RevisionId; $LATEST gets a new RevisionId', () => {
    const f = fixture();
    activeZip(f, 'f');
    const latestBefore = f.sim.getFunctionConfiguration('f').RevisionId;
    const v1 = f.sim.publishVersion('f', {});
    expect(v1).toMatchObject({
      Version: '1',
      FunctionArn: `${arnOf('f')}:1`,
      State: 'Pending',
      StateReasonCode: 'Creating',
    });
    expect(v1.RevisionId).not.toBe(latestBefore);
    expect(f.sim.getFunctionConfiguration('f').RevisionId).not.toBe(latestBefore);
    expectApiError(() => f.sim.invoke('f', '1', '{}'), 'ResourceConflictException', 409);
    f.advance(TEST_TIMING.versionMs);
    const active = f.sim.getFunctionConfiguration('f', '1');
    expect(active).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
    expect(active.RevisionId).not.toBe(v1.RevisionId);
    expect(f.sim.invoke('f', '1', '{}').ExecutedVersion).toBe('1');
  });

  it('"A standalone PublishVersion on an already-Active, non-VPC zip function returned State: Active" — with versionMs 0 the version is Active at once', () => {
    const f = fixture({ timing: { ...TEST_TIMING, versionMs: 0 } });
    activeZip(f, 'f');
    expect(f.sim.publishVersion('f', {})).toMatchObject({ Version: '1', State: 'Active' });
  });

  it("publishes nothing when code and configuration equal the latest version's, and answers that version", () => {
    const f = fixture();
    activeZip(f, 'f');
    const v1 = f.sim.publishVersion('f', {});
    const latest = f.sim.getFunctionConfiguration('f').RevisionId;
    const again = f.sim.publishVersion('f', { Description: 'ignored' });
    expect(again).toEqual(v1);
    expect(f.sim.getFunctionConfiguration('f').RevisionId).toBe(latest);
    expect(f.sim.listVersionsByFunction('f').Versions.map((v) => v.Version)).toEqual([
      '$LATEST',
      '1',
    ]);
  });

  it('publishes N+1 after a change; a version keeps the code and configuration it froze; numbers are never reused', () => {
    const f = fixture();
    activeZip(f, 'f', 1, 1);
    f.sim.publishVersion('f', {});
    f.sim.updateFunctionConfiguration('f', { Environment: env(2) });
    f.advance(TEST_TIMING.updateMs);
    expect(f.sim.publishVersion('f', {}).Version).toBe('2');
    f.sim.deleteFunction('f', '2');
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(3) });
    f.advance(TEST_TIMING.updateMs);
    expect(f.sim.publishVersion('f', {}).Version).toBe('3');
    f.advance(TEST_TIMING.versionMs);
    expect(ran(f.sim.invoke('f', '1', '{}'))).toEqual({ code: 1, config: 1 });
    expect(ran(f.sim.invoke('f', '3', '{}'))).toEqual({ code: 3, config: 2 });
    expectApiError(() => f.sim.invoke('f', '2', '{}'), 'ResourceNotFoundException', 404);
  });

  it('"PublishVersion with a mismatched CodeSha256: InvalidParameterValueException, 400"', () => {
    const f = fixture();
    activeZip(f, 'f');
    const error = expectApiError(
      () => f.sim.publishVersion('f', { CodeSha256: 'abc' }),
      'InvalidParameterValueException',
      400,
    );
    expect(error.message).toContain('CodeSHA256 (abc) is different from current CodeSHA256');
  });

  it('ListVersionsByFunction lists $LATEST and every published version', () => {
    const f = fixture();
    activeZip(f, 'f', 1, 1);
    f.sim.publishVersion('f', {});
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    f.advance(TEST_TIMING.updateMs);
    f.sim.publishVersion('f', {});
    const versions = f.sim.listVersionsByFunction('f').Versions;
    expect(versions.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
  });
});

describe('LambdaSimulation: listing and deletion', () => {
  it('"The ListFunctions operation returns a subset of the FunctionConfiguration fields." — no State or LastUpdateStatus members', () => {
    const f = fixture();
    activeZip(f, 'a');
    createZip(f, 'b');
    const listed = f.sim.listFunctions().Functions;
    expect(listed.map((c) => c.FunctionName)).toEqual(['a', 'b']);
    for (const entry of listed) {
      for (const key of [
        'State',
        'StateReason',
        'StateReasonCode',
        'LastUpdateStatus',
        'LastUpdateStatusReason',
        'LastUpdateStatusReasonCode',
      ]) {
        expect(entry).not.toHaveProperty(key);
      }
      expect(entry.RevisionId).toEqual(expect.any(String));
    }
  });

  it('"GetFunction or DeleteFunction after DeleteFunction: the same 404." — the function and its versions are gone at once', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.publishVersion('f', {});
    f.sim.deleteFunction('f');
    expectApiError(() => f.sim.getFunction('f'), 'ResourceNotFoundException', 404);
    expectApiError(
      () => f.sim.getFunctionConfiguration('f', '1'),
      'ResourceNotFoundException',
      404,
    );
    expectApiError(() => f.sim.deleteFunction('f'), 'ResourceNotFoundException', 404);
    expect(f.sim.listFunctions().Functions).toEqual([]);
    createZip(f, 'f');
    expect(f.sim.listVersionsByFunction('f').Versions).toHaveLength(1);
  });

  it('accepts names, partial ARNs and full ARNs, with qualifiers', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.publishVersion('f', {});
    expect(f.sim.getFunctionConfiguration(arnOf('f')).Version).toBe('$LATEST');
    expect(f.sim.getFunctionConfiguration('123456789012:function:f:1').Version).toBe('1');
    expect(f.sim.getFunctionConfiguration('f:$LATEST').Version).toBe('$LATEST');
    expectApiError(
      () => f.sim.getFunctionConfiguration('f:1', '2'),
      'InvalidParameterValueException',
      400,
    );
  });

  it('reset drops every function; setMutants checks names', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.reset();
    expect(f.sim.listFunctions().Functions).toEqual([]);
    f.sim.setMutants(['list-carries-state']);
    expect([...f.sim.mutants]).toEqual(['list-carries-state']);
    expect(() => f.sim.setMutants(['no-such-bug'])).toThrow(/unknown mutant 'no-such-bug'/);
  });
});
