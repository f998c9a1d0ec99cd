import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBody, send, sleep, startTestEmulator, SETTLE_MS } from './emulator.testkit.ts';
import type { Emulator } from './startEmulator.ts';

const FN = '/2015-03-31/functions';

describe('emulator control API', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startTestEmulator({ mutants: ['invoke-while-pending'] });
  });
  afterEach(() => emulator.close());

  it('reports health with the mutants and queued faults', async () => {
    const health = await send(emulator, 'GET', '/_conformance/health');
    expect(health.json).toEqual({
      status: 'ok',
      mutants: ['invoke-while-pending'],
      faults: { throttle: 0, serverError: 0, hang: 0 },
    });
  });

  it('switches mutants and refuses unknown ones with 400', async () => {
    const set = await send(emulator, 'PUT', '/_conformance/mutants', {
      mutants: ['list-carries-state'],
    });
    expect(set.json?.['mutants']).toEqual(['list-carries-state']);
    const bad = await send(emulator, 'PUT', '/_conformance/mutants', { mutants: ['no-such-bug'] });
    expect(bad.status).toBe(400);
    expect(bad.json?.['message']).toContain("'no-such-bug'");
    const malformed = await send(emulator, 'PUT', '/_conformance/mutants', { mutants: 'x' });
    expect(malformed.status).toBe(400);
  });

  it('injects an environment event into a function', async () => {
    await send(emulator, 'POST', FN, createBody('f1'));
    await sleep(SETTLE_MS);
    const injected = await send(emulator, 'POST', '/_conformance/events', {
      event: 'idle-reclaim',
      functionName: 'f1',
    });
    expect(injected.status).toBe(200);
    const got = await send(emulator, 'GET', `${FN}/f1/configuration`);
    expect(got.json).toMatchObject({ State: 'Inactive' });
    const unknown = await send(emulator, 'POST', '/_conformance/events', {
      event: 'meteor',
      functionName: 'f1',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json?.['message']).toContain('idle-reclaim');
  });

  it('resets every function', async () => {
    await send(emulator, 'POST', FN, createBody('f1'));
    expect((await send(emulator, 'POST', '/_conformance/reset')).status).toBe(200);
    expect((await send(emulator, 'GET', FN)).json).toEqual({ Functions: [] });
  });

  it('plays queued faults on Lambda requests only: throttle, then server error', async () => {
    await send(emulator, 'POST', '/_conformance/faults', { throttle: 1, serverError: 1 });
    const throttled = await send(emulator, 'GET', FN);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.json).toMatchObject({ Type: 'User', message: 'Rate exceeded' });
    expect((await send(emulator, 'GET', '/_conformance/health')).status).toBe(200);
    const failed = await send(emulator, 'GET', FN);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-amzn-errortype')).toBe('ServiceException');
    expect(failed.json).toHaveProperty('Message');
    expect((await send(emulator, 'GET', FN)).status).toBe(200);
    const bad = await send(emulator, 'POST', '/_conformance/faults', { hang: -1 });
    expect(bad.status).toBe(400);
  });

  it('holds a hung request until the server closes, and keeps answering others', async () => {
    await send(emulator, 'POST', '/_conformance/faults', { hang: 1 });
    const hung = send(emulator, 'GET', FN);
    const outcome = await Promise.race([
      hung.then(() => 'answered'),
      sleep(150).then(() => 'held'),
    ]);
    expect(outcome).toBe('held');
    expect((await send(emulator, 'GET', FN)).status).toBe(200);
    await emulator.close();
    await expect(hung).rejects.toThrow();
  });
});
