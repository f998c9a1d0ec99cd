import { ListFunctionsCommand, ListTagsCommand } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/startEmulator.ts';
import type { AwsTarget } from './createAwsTarget.ts';
import {
  context,
  create,
  op,
  rawClient,
  sleep,
  startTestEmulator,
  testTarget,
  SETTLE_MS,
} from './aws.testkit.ts';

describe('aws target session against the emulator', () => {
  let emulator: Emulator;
  let target: AwsTarget;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    target = testTarget(emulator);
  });
  afterEach(async () => {
    target.dispose();
    await emulator.close();
  });

  it('declares its capabilities', () => {
    expect(target.name).toBe('aws');
    expect(target.capabilities).toEqual({
      virtualTime: false,
      events: [],
      packageTypes: ['Zip'],
      observesCode: true,
    });
  });

  it('walks the lifecycle: Pending, Active, InProgress, previous code, 409, 412, 404', async () => {
    const session = await target.open(context('life'));
    const created = await session.apply(create('fn0', 1, 1));
    expect(created).toMatchObject({ kind: 'ok', fields: { State: 'Pending', PackageType: 'Zip' } });
    expect(created.kind === 'ok' && 'LastUpdateStatus' in created.fields).toBe(false);
    expect(await session.apply(op('Invoke'))).toMatchObject({
      kind: 'error',
      type: 'ResourceConflictException',
      status: 409,
    });
    await session.advance(SETTLE_MS);
    expect(await session.apply(op('GetFunction'))).toMatchObject({
      kind: 'ok',
      fields: { State: 'Active', LastUpdateStatus: 'Successful' },
    });
    // The answer already shows the code $LATEST now holds (read back from CodeSha256).
    expect(await session.apply(op('UpdateFunctionCode', 'fn0', { code: 2 }))).toMatchObject({
      kind: 'ok',
      fields: { State: 'Active', LastUpdateStatus: 'InProgress', codeRevision: 2 },
    });
    expect(await session.apply(op('Invoke'))).toEqual({
      kind: 'ok',
      fields: { StatusCode: 200, ExecutedVersion: '$LATEST', ranCode: 1, ranConfig: 1 },
    });
    const conflict = await session.apply(op('UpdateFunctionConfiguration', 'fn0', { config: 2 }));
    expect(conflict).toMatchObject({
      kind: 'error',
      type: 'ResourceConflictException',
      status: 409,
    });
    expect(conflict.kind === 'error' && conflict.message).toContain('An update is in progress');
    await session.advance(SETTLE_MS);
    expect(await session.apply(op('Invoke'))).toMatchObject({ fields: { ranCode: 2 } });
    const stale = await session.apply(
      op('UpdateFunctionConfiguration', 'fn0', { config: 2, revisionId: 'stale' }),
    );
    expect(stale).toMatchObject({
      kind: 'error',
      type: 'PreconditionFailedException',
      status: 412,
    });
    expect(await session.apply(op('PublishVersion'))).toMatchObject({
      kind: 'ok',
      fields: { Version: '1', codeRevision: 2, configRevision: 1 },
    });
    expect(await session.apply(op('ListVersionsByFunction'))).toEqual({
      kind: 'ok',
      fields: { versionCount: 1, versionCode: 2, versionConfig: 1 },
    });
    expect(await session.apply(op('TagResource'))).toEqual({ kind: 'ok', fields: {} });
    expect(await session.apply(op('ListFunctions'))).toEqual({
      kind: 'ok',
      fields: { listed: true, stateFieldsListed: false },
    });
    expect(await session.apply(op('DeleteFunction'))).toEqual({ kind: 'ok', fields: {} });
    expect(await session.apply(op('GetFunction'))).toMatchObject({
      kind: 'error',
      type: 'ResourceNotFoundException',
      status: 404,
    });
    expect(await session.apply(op('Invoke'))).toMatchObject({ kind: 'error', status: 404 });
    await session.close();
  });

  it('names functions <prefix>-<runId>-<fn> and tags them with the run', async () => {
    const session = await target.open(context('tags'));
    await session.apply(create());
    const raw = rawClient(emulator);
    const { Functions = [] } = await raw.send(new ListFunctionsCommand({}));
    expect(Functions.map((f) => f.FunctionName)).toEqual(['lc-tags-fn0']);
    const tags = await fetch(
      `${emulator.url}/2017-03-31/tags/${encodeURIComponent(Functions[0]?.FunctionArn ?? '')}`,
    ).then((r) => r.json() as Promise<{ Tags: Record<string, string> }>);
    expect(tags.Tags['lambda-conformance:run']).toBe('tags');
    expect(Date.parse(tags.Tags['lambda-conformance:created'] ?? '')).toBeGreaterThan(0);
    raw.destroy();
    await session.close();
  });

  it('lists every page of ListFunctions', async () => {
    const session = await target.open(context('pages'));
    for (let i = 0; i < 53; i += 1) await session.apply(create(`f${String(i)}`));
    expect(await session.apply(op('ListFunctions', 'f52'))).toMatchObject({
      fields: { listed: true },
    });
    await session.close();
  });

  it('close() deletes every function it created, even in Pending, and is idempotent', async () => {
    const session = await target.open(context('closing'));
    await session.apply(create('fn0'));
    await session.apply(create('fn1'));
    await session.advance(SETTLE_MS);
    await session.apply(op('UpdateFunctionCode', 'fn1', { code: 2 }));
    await session.apply(create('fn2'));
    await session.close();
    await session.close();
    const raw = rawClient(emulator);
    expect((await raw.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    raw.destroy();
    await expect(session.apply(op('GetFunction'))).rejects.toMatchObject({
      code: 'SESSION_CLOSED',
    });
  });

  it('advance really waits, now() follows the wall clock, and an abort stops the wait', async () => {
    const abort = new AbortController();
    const session = await target.open(context('time', abort.signal));
    const before = session.now();
    await session.advance(30);
    expect(session.now() - before).toBeGreaterThanOrEqual(25);
    setTimeout(() => abort.abort(), 20);
    const started = Date.now();
    await session.advance(5000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await session.apply(op('GetFunction'))).toMatchObject({ kind: 'inconclusive' });
    await session.close();
  });

  it('tags by function ARN, also before the function exists: a 404, never a 400 for a bare name', async () => {
    const session = await target.open(context('tagarn'));
    expect(await session.apply(op('TagResource'))).toMatchObject({
      kind: 'error',
      type: 'ResourceNotFoundException',
      status: 404,
      message: expect.stringMatching(
        /^Function not found: arn:aws:lambda:us-east-1:\d{12}:function:/,
      ) as unknown,
    });
    await session.apply(create());
    await sleep(SETTLE_MS);
    expect(await session.apply(op('TagResource'))).toEqual({ kind: 'ok', fields: {} });
    await session.apply(op('DeleteFunction'));
    expect(await session.apply(op('TagResource'))).toMatchObject({ kind: 'error', status: 404 });
    await session.close();
  });

  it('untags and lists tags by function ARN: the tag TagResource set goes, each change gives a new RevisionId', async () => {
    const session = await target.open(context('untag'));
    for (const name of ['UntagResource', 'ListTags']) {
      expect(await session.apply(op(name))).toMatchObject({ kind: 'error', status: 404 });
    }
    await session.apply(create());
    await sleep(SETTLE_MS);
    const revision = async (): Promise<unknown> => {
      const read = await session.apply(op('GetFunction'));
      return read.kind === 'ok' ? read.fields['RevisionId'] : undefined;
    };
    const created = await revision();
    expect(await session.apply(op('TagResource'))).toEqual({ kind: 'ok', fields: {} });
    const tagged = await revision();
    const raw = rawClient(emulator);
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:lc-untag-fn0`;
    const listed = async (): Promise<Record<string, string>> =>
      (await raw.send(new ListTagsCommand({ Resource: arn }))).Tags ?? {};
    expect(await listed()).toHaveProperty('conformance-tag');
    expect(await session.apply(op('ListTags'))).toEqual({ kind: 'ok', fields: {} });
    expect(await session.apply(op('UntagResource'))).toEqual({ kind: 'ok', fields: {} });
    expect(await listed()).not.toHaveProperty('conformance-tag');
    const untagged = await revision();
    expect(new Set([created, tagged, untagged]).size).toBe(3);
    await session.close();
  });

  it('invokes with each invocation type: RequestResponse 200 with the result, Event 202 and DryRun 204 without one', async () => {
    const session = await target.open(context('types'));
    const invoke = (invocationType: string) =>
      session.apply(op('Invoke', 'fn0', { invocationType }));
    expect(await invoke('DryRun')).toMatchObject({ kind: 'error', status: 404 });
    await session.apply(create('fn0', 2, 3));
    await sleep(SETTLE_MS);
    expect(await invoke('RequestResponse')).toEqual({
      kind: 'ok',
      fields: { StatusCode: 200, ExecutedVersion: '$LATEST', ranCode: 2, ranConfig: 3 },
    });
    expect(await invoke('Event')).toMatchObject({ kind: 'ok', fields: { StatusCode: 202 } });
    expect(await invoke('DryRun')).toEqual({ kind: 'ok', fields: { StatusCode: 204 } });
    await session.close();
  });

  it('runs the real SDK waiters: FunctionActiveV2 and FunctionUpdatedV2 succeed once the transition is done, fail on a failed one; FunctionExists succeeds', async () => {
    const session = await target.open(context('waiters'));
    const waiter = async (name: string) => {
      const observed = await session.apply(op(name));
      return observed.kind === 'ok' ? observed.fields['WaiterState'] : observed;
    };
    await session.apply(create());
    expect(await waiter('WaitFunctionActiveV2')).toBe('SUCCESS');
    expect(await waiter('WaitFunctionExists')).toBe('SUCCESS');
    const read = await session.apply(op('GetFunction'));
    expect(read).toMatchObject({ kind: 'ok', fields: { State: 'Active' } });
    await session.apply(op('UpdateFunctionCode', 'fn0', { code: 2 }));
    expect(await waiter('WaitFunctionUpdatedV2')).toBe('SUCCESS');
    const inject = await fetch(`${emulator.url}/_conformance/events`, {
      method: 'POST',
      body: JSON.stringify({ event: 'update-failure', functionName: 'lc-waiters-fn0' }),
    });
    expect(inject.status).toBe(200);
    await session.apply(op('UpdateFunctionCode', 'fn0', { code: 3 }));
    expect(await waiter('WaitFunctionUpdatedV2')).toBe('FAILURE');
    await session.close();
  });

  it('injects events through the configured control request', async () => {
    target.dispose();
    target = testTarget(emulator, {
      events: {
        'idle-reclaim': {
          method: 'POST',
          url: `${emulator.url}/_conformance/events`,
          body: { event: '{event}', functionName: '{functionName}' },
        },
      },
    });
    expect(target.capabilities.events).toEqual(['idle-reclaim']);
    const session = await target.open(context('events'));
    await session.apply(create());
    await sleep(SETTLE_MS);
    await session.inject?.('idle-reclaim', 'fn0');
    expect(await session.apply(op('GetFunctionConfiguration'))).toMatchObject({
      fields: { State: 'Inactive' },
    });
    await expect(session.inject?.('image-deleted', 'fn0')).rejects.toMatchObject({
      code: 'EVENT_NOT_SUPPORTED',
    });
    await session.close();
  });
});
