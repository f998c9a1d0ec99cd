import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runServe } from './runServe.ts';

function capture(): {
  out: string[];
  err: string[];
  io: { out(s: string): void; err(s: string): void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s) => out.push(s), err: (s) => err.push(s) } };
}

async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

describe('runServe', () => {
  it('serves on an ephemeral port until aborted, then exits 0', async () => {
    const { out, err, io } = capture();
    const abort = new AbortController();
    const exit = runServe(
      ['--port', '0', '--pending-ms', '10', '--mutant', 'list-carries-state'],
      io,
      abort.signal,
    );
    const url = await until(
      () => /listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(out[0] ?? '')?.[1],
    );
    const health = (await (await fetch(`${url}/_conformance/health`)).json()) as {
      mutants: string[];
    };
    expect(health.mutants).toEqual(['list-carries-state']);
    abort.abort();
    expect(await exit).toBe(0);
    expect(err).toEqual([]);
    await expect(fetch(`${url}/_conformance/health`)).rejects.toThrow();
  });

  it.each([
    [['--colour'], '--colour'],
    [['--port', 'many'], '--port'],
    [['--port'], '--port'],
    [['--pending-ms', '-5'], '--pending-ms'],
    [['--image-pending-invoke', 'maybe'], '--image-pending-invoke'],
    [['extra'], 'extra'],
  ])('rejects %j with exit 2 and a message naming %s', async (args, flag) => {
    const { err, io } = capture();
    expect(await runServe(args, io)).toBe(2);
    expect(err[0]).toContain(flag);
    expect(err[0]).not.toContain('    at ');
  });

  it('rejects an unknown mutant with exit 2', async () => {
    const { err, io } = capture();
    expect(await runServe(['--mutant', 'nope'], io)).toBe(2);
    expect(err[0]).toContain("'nope'");
  });

  it('reports a port that is taken with exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const { err, io } = capture();
    expect(await runServe(['--port', String(port)], io)).toBe(2);
    expect(err[0]).toContain(`127.0.0.1:${String(port)}`);
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('prints usage for --help', async () => {
    const { out, io } = capture();
    expect(await runServe(['--help'], io)).toBe(0);
    expect(out[0]).toContain('usage: lambda-conformance serve');
  });
});
