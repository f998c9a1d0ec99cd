import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/startEmulator.ts';
import { HarnessError } from '../../errors/HarnessError.ts';
import type { AwsTargetOptions } from './AwsTargetOptions.ts';
import {
  context,
  create,
  op,
  rawClient,
  sleep,
  startTestEmulator,
  testTarget,
} from './aws.testkit.ts';
import type { AwsTarget } from './createAwsTarget.ts';
import { startFaultProxy } from './faultProxy.testkit.ts';
import type { FaultProxy, FaultProxyOptions } from './faultProxy.testkit.ts';
import { cleanupCommand } from '../../cli/cleanupCommand.ts';

const FUNCTIONS = '/2015-03-31/functions';

/** Requests of one operation, as the proxy sees them. */
const CREATE = (method: string, path: string): boolean => method === 'POST' && path === FUNCTIONS;
const GET_FUNCTION = (method: string, path: string): boolean =>
  method === 'GET' && /^\/2015-03-31\/functions\/[^/]+$/.test(path);
const DELETE = (method: string): boolean => method === 'DELETE';
const UPDATE_CODE = (method: string, path: string): boolean =>
  method === 'PUT' && path.endsWith('/code');

/** A request test that holds for the first matching request only. */
function once(test: (method: string, path: string) => boolean): (m: string, p: string) => boolean {
  let used = false;
  return (method, path) => {
    if (used || !test(method, path)) return false;
    used = true;
    return true;
  };
}

describe('aws target behind a faulty proxy: only well-formed Lambda answers are judged', () => {
  let emulator: Emulator;
  let proxy: FaultProxy | undefined;
  let target: AwsTarget | undefined;
  let raw: LambdaClient;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    raw = rawClient(emulator);
  });
  afterEach(async () => {
    target?.dispose();
    target = undefined;
    await proxy?.close();
    proxy = undefined;
    raw.destroy();
    await emulator.close();
  });

  /** A target whose endpoint is a proxy playing `fault` on every matching request, `limit` times. */
  async function behind(
    fault: FaultProxyOptions['fault'],
    match: FaultProxyOptions['match'],
    limit: number,
    options: AwsTargetOptions = {},
    play: Partial<FaultProxyOptions> = {},
  ): Promise<AwsTarget> {
    proxy = await startFaultProxy({
      upstream: emulator.url,
      fault,
      rate: 1,
      limit,
      ...(match === undefined ? {} : { match }),
      ...play,
    });
    target = testTarget(
      { url: proxy.url, port: 0, close: () => Promise.resolve() },
      {
        callTimeoutMs: 500,
        ...options,
      },
    );
    return target;
  }

  async function remaining(): Promise<string[]> {
    const { Functions = [] } = await raw.send(new ListFunctionsCommand({}));
    return Functions.map((f) => f.FunctionName ?? '');
  }

  it.each([
    ['nonJson', 'an HTML body'],
    ['truncated', 'a body cut short'],
    ['resetAfter', 'a connection reset after it was applied'],
  ] as const)(
    'a CreateFunction answered with %s (%s) is inconclusive, and close() sweeps the function',
    async (fault, _what) => {
      const session = await (await behind(fault, CREATE, 1)).open(context('lost'));
      const created = await session.apply(create());
      expect(created.kind).toBe('inconclusive');
      expect(proxy?.stats.injected).toBe(1);
      // The function exists: the emulator applied the create.
      expect(await remaining()).toEqual(['lc-lost-fn0']);
      await session.close();
      expect(await remaining()).toEqual([]);
    },
  );

  it.each([
    ['html502', /unreadable answer, SyntaxError \(502\): Unexpected token '<'/],
    ['html503', /unreadable answer, SyntaxError \(503\)/],
    ['truncated', /unreadable answer/],
    ['nonJson', /unreadable answer/],
    ['serverError', /ServiceException \(500\)/],
  ] as const)(
    '%s: retried on a read, inconclusive (never an error observation) on a write',
    async (fault, reason) => {
      const getOnce = once(GET_FUNCTION);
      const updateOnce = once(UPDATE_CODE);
      const session = await (
        await behind(fault, (m, p) => getOnce(m, p) || updateOnce(m, p), 2)
      ).open(context('flaky'));
      expect(await session.apply(create())).toMatchObject({ kind: 'ok' });
      await sleep(300);
      // The first matching request, a GetFunction, is faulted and retried.
      expect(await session.apply(op('GetFunction'))).toMatchObject({
        kind: 'ok',
        fields: { State: 'Active' },
      });
      const updated = await session.apply(op('UpdateFunctionCode', 'fn0', { code: 2 }));
      expect(updated.kind).toBe('inconclusive');
      expect(updated.kind === 'inconclusive' && updated.reason).toMatch(reason);
      expect(updated.kind === 'inconclusive' && updated.reason).toContain('not retried');
      expect(proxy?.stats.injected).toBe(2);
      await session.close();
      expect(await remaining()).toEqual([]);
    },
  );

  it.each(['throttling400', 'throttling429', 'tooManyRequests'] as const)(
    '%s is throttling: a write is retried, as the throttled request was not executed',
    async (fault) => {
      const session = await (await behind(fault, CREATE, 2)).open(context('throttled'));
      expect(await session.apply(create())).toMatchObject({
        kind: 'ok',
        fields: { State: 'Pending' },
      });
      expect(proxy?.stats.injected).toBe(2);
      await session.close();
      expect(await remaining()).toEqual([]);
    },
  );

  it.each([
    ['serverError', 3],
    ['resetBefore', 3],
    ['hang', 2],
    ['html503', 3],
  ] as const)(
    'a DeleteFunction that fails (%s, %d times) at close is retried',
    async (fault, n) => {
      const session = await (await behind(fault, DELETE, n)).open(context('stubborn'));
      await session.apply(create());
      await session.close();
      expect(proxy?.stats.injected).toBe(n);
      expect(await remaining()).toEqual([]);
    },
  );

  it('what cannot be deleted in time is named with the command that removes it', async () => {
    let broken = true;
    const stubborn = await behind('serverError', (m) => broken && DELETE(m), 1000, {
      cleanupTimeoutMs: 200,
      sleep: (ms) => sleep(Math.min(ms, 20)),
    });
    const session = await stubborn.open(context('left-behind'));
    await session.apply(create());
    const closing = session.close();
    await expect(closing).rejects.toBeInstanceOf(HarnessError);
    const error = (await closing.catch((e: unknown) => e)) as HarnessError;
    expect(error.code).toBe('CLEANUP_FAILED');
    expect(error.message).toContain('could not delete lc-left-behind-fn0: DeleteFunction:');
    const url = proxy?.url ?? '';
    const command = `lambda-conformance cleanup --endpoint ${url} --region us-east-1 --run left-behind`;
    expect(error.message).toContain(`remove what is left with: ${command}`);
    expect(await remaining()).toEqual(['lc-left-behind-fn0']);
    // The printed command removes it (the function is younger than any --older-than default).
    broken = false;
    const out: string[] = [];
    const args = command.split(' ').slice(2);
    const code = await cleanupCommand(
      args,
      { out: (s) => out.push(s), err: (s) => out.push(s) },
      {
        env: {},
      },
    );
    expect(out.at(-1)).toBe('cleanup: deleted 1 function\n');
    expect(code).toBe(0);
    expect(await remaining()).toEqual([]);
  });

  it('a function whose create answer was lost, and that cannot be read in time, is named too', async () => {
    let broken = false;
    const unsure = await behind(
      'resetBefore',
      (m, p) => CREATE(m, p) || (broken && GET_FUNCTION(m, p)),
      1000,
      { cleanupTimeoutMs: 200, sleep: (ms) => sleep(Math.min(ms, 20)) },
    );
    const session = await unsure.open(context('unsure'));
    // The reset comes before the request reaches the emulator: nothing exists, but no one knows.
    expect((await session.apply(create())).kind).toBe('inconclusive');
    broken = true;
    await expect(session.close()).rejects.toThrow(
      /lc-unsure-fn0: may exist \(its CreateFunction answer was lost\) and could not be read; remove what is left with: lambda-conformance cleanup .* --run unsure$/,
    );
  });

  it('a create cut off by the call timeout and applied later is still found and deleted', async () => {
    const slow = await behind(
      'delay',
      CREATE,
      1,
      { callTimeoutMs: 300, sleep },
      { delayMs: [700, 700] },
    );
    const session = await slow.open(context('late'));
    const created = await session.apply(create());
    expect(created.kind === 'inconclusive' && created.reason).toContain('timeout after 300ms');
    // Nothing exists yet: the proxy still holds the request, and delivers it later.
    expect(await remaining()).toEqual([]);
    await session.close();
    expect(proxy?.stats.injected).toBe(1);
    // Long after the delayed create landed, nothing is left.
    await sleep(800);
    expect(await remaining()).toEqual([]);
  });

  it('retries the deletes through an outage longer than the retries of one call', async () => {
    proxy = await startFaultProxy({
      upstream: emulator.url,
      fault: 'outage',
      outageAfter: 3,
      outageMs: 1500,
    });
    target = testTarget(
      { url: proxy.url, port: 0, close: () => Promise.resolve() },
      {
        callTimeoutMs: 500,
        // One call's two attempts cannot outlast the outage; the cleanup's rounds must.
        retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 400 },
        sleep,
      },
    );
    const session = await target.open(context('outage'));
    await session.apply(create());
    await session.apply(op('GetFunction'));
    const started = Date.now();
    // Its DeleteFunction is the third request: it starts the outage.
    await session.close();
    expect(proxy.stats.injected).toBe(1);
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(await remaining()).toEqual([]);
  });
});
