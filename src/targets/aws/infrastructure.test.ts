import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/startEmulator.ts';
import type { AwsTarget } from './createAwsTarget.ts';
import {
  context,
  create,
  op,
  sleep,
  startTestEmulator,
  testTarget,
  SETTLE_MS,
} from './aws.testkit.ts';

async function queueFaults(emulator: Emulator, faults: object): Promise<void> {
  const response = await fetch(`${emulator.url}/_conformance/faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
  });
  expect(response.status).toBe(200);
}

async function pendingFaults(emulator: Emulator): Promise<unknown> {
  const health = await fetch(`${emulator.url}/_conformance/health`);
  return ((await health.json()) as { faults: unknown }).faults;
}

describe('aws target under infrastructure trouble', () => {
  let emulator: Emulator;
  let target: AwsTarget;
  const sleeps: number[] = [];
  beforeEach(async () => {
    sleeps.length = 0;
    emulator = await startTestEmulator();
    target = testTarget(emulator, {
      callTimeoutMs: 300,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
  });
  afterEach(async () => {
    target.dispose();
    await emulator.close();
  });

  it('retries a throttled read with backoff until it succeeds', async () => {
    const session = await target.open(context('throttle'));
    await session.apply(create());
    await queueFaults(emulator, { throttle: 2 });
    expect(await session.apply(op('GetFunction'))).toMatchObject({
      kind: 'ok',
      fields: { PackageType: 'Zip' },
    });
    expect(sleeps).toHaveLength(2);
    // Retry-After: 1 is honoured.
    expect(sleeps.every((ms) => ms >= 1000)).toBe(true);
    await session.close();
  });

  it('retries a throttled mutating call too: a throttled request was not executed', async () => {
    const session = await target.open(context('throttle-mut'));
    await queueFaults(emulator, { throttle: 1 });
    expect(await session.apply(create())).toMatchObject({ kind: 'ok' });
    await session.close();
  });

  it('gives up on persistent throttling with an inconclusive observation', async () => {
    const session = await target.open(context('throttle-many'));
    await queueFaults(emulator, { throttle: 100 });
    const observed = await session.apply(op('GetFunctionConfiguration'));
    expect(observed.kind).toBe('inconclusive');
    expect(observed.kind === 'inconclusive' && observed.reason).toMatch(
      /throttled .*after 4 attempts/,
    );
    expect(target.apiCalls).toBe(4);
    await fetch(`${emulator.url}/_conformance/reset`, { method: 'POST' });
    await session.close();
  });

  it('retries a read after a 500', async () => {
    const session = await target.open(context('read-500'));
    await queueFaults(emulator, { serverError: 1 });
    expect(await session.apply(op('ListFunctions'))).toMatchObject({ kind: 'ok' });
    await session.close();
  });

  it('never retries a mutating call after a 500: inconclusive at once', async () => {
    const session = await target.open(context('mut-500'));
    await session.apply(create());
    await sleep(SETTLE_MS);
    await queueFaults(emulator, { serverError: 2 });
    const observed = await session.apply(op('UpdateFunctionCode', 'fn0', { code: 2 }));
    expect(observed.kind).toBe('inconclusive');
    expect(observed.kind === 'inconclusive' && observed.reason).toContain('ServiceException (500)');
    expect(await pendingFaults(emulator)).toMatchObject({ serverError: 1 });
    await queueFaults(emulator, {});
    await fetch(`${emulator.url}/_conformance/reset`, { method: 'POST' });
    await session.close();
  });

  it('marks a hung request inconclusive after the call timeout', async () => {
    const session = await target.open(context('hang'));
    await queueFaults(emulator, { hang: 1 });
    const started = Date.now();
    const observed = await session.apply(op('GetFunction'));
    expect(observed).toMatchObject({ kind: 'inconclusive' });
    expect(observed.kind === 'inconclusive' && observed.reason).toContain('timeout after 300ms');
    expect(Date.now() - started).toBeLessThan(2000);
    await session.close();
  });

  it('marks an endpoint gone mid-run inconclusive, retrying reads only', async () => {
    const url = emulator.url;
    const offline = testTarget({ url, port: 0, close: () => Promise.resolve() });
    // Opened while the endpoint answers (the preflight probe), then the endpoint goes away.
    const session = await offline.open(context('offline'));
    await emulator.close();
    const read = await session.apply(op('GetFunction'));
    expect(read.kind === 'inconclusive' && read.reason).toMatch(/network error.*after 4 attempts/);
    const write = await session.apply(create());
    expect(write.kind === 'inconclusive' && write.reason).toContain('not retried');
    offline.dispose();
  });

  it('stops at the API budget with API_BUDGET_EXHAUSTED, across sessions', async () => {
    target.dispose();
    target = testTarget(emulator, { maxApiCalls: 3 });
    const first = await target.open(context('budget-a'));
    await first.apply(create());
    await first.apply(op('GetFunction'));
    const second = await target.open(context('budget-b'));
    await second.apply(op('GetFunction'));
    await expect(second.apply(op('GetFunction'))).rejects.toMatchObject({
      code: 'API_BUDGET_EXHAUSTED',
    });
    // Cleanup is never refused, so nothing is left behind.
    await first.close();
    expect(target.apiCalls).toBe(4);
  });
});

describe('the preflight probe', () => {
  it('refuses to open a session on an endpoint that accepts no connection: TARGET_UNREACHABLE', async () => {
    const dead = testTarget({ url: 'http://127.0.0.1:1', port: 1, close: () => Promise.resolve() });
    await expect(dead.open(context('dead'))).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE' });
    dead.dispose();
  });
});
