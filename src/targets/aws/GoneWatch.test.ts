import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GONE_AFTER_MS, GoneWatch } from './GoneWatch.ts';

/** A port nothing listens on: connections are refused at once. */
const DEAD = 'http://127.0.0.1:1';

const silence = (since: number) => ({ since, requests: 3, detail: 'network error (ECONNREFUSED)' });

async function aborted(signal: AbortSignal, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!signal.aborted && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return signal.aborted;
}

describe('GoneWatch', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) =>
      server === undefined ? resolve() : server.close(() => resolve()),
    );
    server = undefined;
  });

  it('after a silence of GONE_AFTER_MS, an endpoint that refuses connections is gone', async () => {
    const since = Date.now() - GONE_AFTER_MS;
    const watch = new GoneWatch(DEAD, () => since);
    watch.onSilence(silence(since));
    expect(await aborted(watch.signal, 3000)).toBe(true);
    expect((watch.signal.reason as Error).message).toMatch(
      /^http:\/\/127\.0\.0\.1:1 stopped answering mid-run \(no answer for \d+\.\ds: network error \(ECONNREFUSED\); then connect ECONNREFUSED/,
    );
  });

  it('an answer heard in between (no silence any more) keeps it from trying', async () => {
    const since = Date.now() - GONE_AFTER_MS;
    const watch = new GoneWatch(DEAD, () => undefined);
    watch.onSilence(silence(since));
    expect(await aborted(watch.signal, 300)).toBe(false);
  });

  it('an endpoint that accepts connections is never gone, however silent', async () => {
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const since = Date.now() - 60_000;
    const watch = new GoneWatch(`http://127.0.0.1:${String(port)}`, () => since);
    watch.onSilence(silence(since));
    expect(await watch.confirm('an event request got no answer')).toBe(false);
    expect(watch.signal.aborted).toBe(false);
  });

  it('confirm tries at once; without an endpoint (real AWS) nothing is ever gone', async () => {
    expect(await new GoneWatch(DEAD, () => undefined).confirm('no answer')).toBe(true);
    const aws = new GoneWatch(undefined, () => 0);
    aws.onSilence(silence(0));
    expect(await aws.confirm('no answer')).toBe(false);
    expect(aws.signal.aborted).toBe(false);
  });
});
