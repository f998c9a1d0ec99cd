import {
  CreateFunctionCommand,
  GetFunctionCommand,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/startEmulator.ts';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import type { AwsTarget } from './createAwsTarget.ts';
import { createAwsTarget } from './createAwsTarget.ts';
import { context, create, op, rawClient, startTestEmulator, testTarget } from './aws.testkit.ts';

async function createForeign(raw: LambdaClient, name: string): Promise<void> {
  await raw.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: 'arn:aws:iam::123456789012:role/someone-else',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: buildHandlerZip(7) },
    }),
  );
}

describe('aws target safety', () => {
  let emulator: Emulator;
  let target: AwsTarget;
  let raw: LambdaClient;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    target = testTarget(emulator);
    raw = rawClient(emulator);
  });
  afterEach(async () => {
    raw.destroy();
    target.dispose();
    await emulator.close();
  });

  it('never changes or deletes a foreign function, even one with the name it would use', async () => {
    await createForeign(raw, 'lc-clash-fn0');
    const session = await target.open(context('clash'));
    expect(await session.apply(create('fn0'))).toMatchObject({
      kind: 'error',
      type: 'ResourceConflictException',
      status: 409,
    });
    // Reads are harmless and still observed.
    expect(await session.apply(op('GetFunction'))).toMatchObject({ kind: 'ok' });
    for (const name of [
      'UpdateFunctionCode',
      'UpdateFunctionConfiguration',
      'PublishVersion',
      'Invoke',
      'TagResource',
      'DeleteFunction',
    ]) {
      const observed = await session.apply(op(name, 'fn0', { code: 2, config: 2 }));
      expect(observed.kind).toBe('inconclusive');
      expect(observed.kind === 'inconclusive' && observed.reason).toContain(
        'not created by this run',
      );
    }
    await session.close();
    const foreign = await raw.send(new GetFunctionCommand({ FunctionName: 'lc-clash-fn0' }));
    expect(foreign.Configuration?.Role).toBe('arn:aws:iam::123456789012:role/someone-else');
    expect(foreign.Configuration?.Version).toBe('$LATEST');
    expect(foreign.Tags).toBeUndefined();
  });

  it("sends calls on a name no function holds yet, observing the service's 404", async () => {
    const session = await target.open(context('early'));
    for (const name of ['Invoke', 'UpdateFunctionCode', 'PublishVersion', 'DeleteFunction']) {
      expect(await session.apply(op(name, 'fn0', { code: 2 }))).toMatchObject({
        kind: 'error',
        type: 'ResourceNotFoundException',
        status: 404,
      });
    }
    await session.close();
  });

  it('adopts a function its own run tagged when the create answer was lost', async () => {
    const session = await target.open(context('lost'));
    // Another session of the same run id created it (as a lost create answer would leave it).
    const twin = await target.open(context('lost'));
    await twin.apply(create('fn0'));
    expect(await session.apply(op('Invoke'))).toMatchObject({ kind: 'error', status: 409 });
    await session.close();
    expect((await raw.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    await twin.close();
  });

  it('close() deletes only its own functions and leaves foreign ones', async () => {
    await createForeign(raw, 'lc-other-fn0');
    await createForeign(raw, 'unrelated');
    const session = await target.open(context('mine'));
    await session.apply(create('fn0'));
    await session.apply(create('fn1'));
    await session.close();
    const { Functions = [] } = await raw.send(new ListFunctionsCommand({}));
    expect(Functions.map((f) => f.FunctionName).sort()).toEqual(['lc-other-fn0', 'unrelated']);
  });

  it('an inconclusive create is confirmed by its run tag before the function is changed', async () => {
    const session = await target.open(context('unsure'));
    await fetch(`${emulator.url}/_conformance/faults`, {
      method: 'POST',
      body: '{"serverError":1}',
    });
    const created = await session.apply(create('fn0'));
    expect(created.kind).toBe('inconclusive');
    // The emulator's 500 came before the simulation: nothing exists, so the service's 404 is observed.
    expect(await session.apply(op('DeleteFunction'))).toMatchObject({ kind: 'error', status: 404 });
    // A foreign function appearing under that name is still never touched.
    await createForeign(raw, 'lc-unsure-fn0');
    await fetch(`${emulator.url}/_conformance/faults`, {
      method: 'POST',
      body: '{"serverError":1}',
    });
    expect((await session.apply(create('fn0'))).kind).toBe('inconclusive');
    expect(await session.apply(op('Invoke'))).toMatchObject({ kind: 'inconclusive' });
    await session.close();
    expect((await raw.send(new ListFunctionsCommand({}))).Functions).toHaveLength(1);
  });

  it('close() cleans up after an abort', async () => {
    const abort = new AbortController();
    const session = await target.open(context('aborted', abort.signal));
    await session.apply(create('fn0'));
    abort.abort();
    expect(await session.apply(create('fn1'))).toMatchObject({ kind: 'inconclusive' });
    await session.close();
    expect((await raw.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });

  it('preflight on real AWS refuses an account that is not allowed, without network', async () => {
    let asked = 0;
    const real = createAwsTarget({
      env: {},
      region: 'us-east-1',
      role: 'arn:aws:iam::111111111111:role/x',
      allowAccounts: ['222222222222'],
      getCallerAccount: () => {
        asked += 1;
        return Promise.resolve('111111111111');
      },
    });
    const refusal = real.preflight();
    await expect(refusal).rejects.toMatchObject({ code: 'ACCOUNT_NOT_ALLOWED' });
    await expect(refusal).rejects.toThrow(
      /111111111111.*--allow-account 111111111111.*allowAccounts/,
    );
    await expect(real.open(context('never'))).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_ALLOWED',
    });
    expect(asked).toBe(1);
    real.dispose();
  });

  it('preflight on real AWS accepts an allowed account and needs a role', async () => {
    const allowed = createAwsTarget({
      env: {},
      region: 'us-east-1',
      role: 'arn:aws:iam::111111111111:role/x',
      allowAccounts: ['111111111111'],
      getCallerAccount: () => Promise.resolve('111111111111'),
    });
    await expect(allowed.preflight()).resolves.toBeUndefined();
    allowed.dispose();
    const roleless = createAwsTarget({
      env: {},
      region: 'us-east-1',
      allowAccounts: ['111111111111'],
      getCallerAccount: () => Promise.resolve('111111111111'),
    });
    await expect(roleless.preflight()).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
    roleless.dispose();
    const failing = createAwsTarget({
      env: {},
      region: 'us-east-1',
      role: 'r',
      getCallerAccount: () => Promise.reject(new Error('no credentials')),
    });
    await expect(failing.preflight()).rejects.toMatchObject({ code: 'AWS_IDENTITY_FAILED' });
    failing.dispose();
  });

  it('preflight with an endpoint never asks STS', async () => {
    const guarded = testTarget(emulator, {
      getCallerAccount: () => Promise.reject(new Error('STS must not be called')),
    });
    await expect(guarded.preflight()).resolves.toBeUndefined();
    guarded.dispose();
  });
});
