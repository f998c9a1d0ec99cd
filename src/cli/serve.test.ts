import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnCli } from './childCli.testkit.ts';
import { cli } from './cli.testkit.ts';
import { serveCommand } from './serveCommand.ts';

async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 1000; i += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

describe('lambda-conformance serve', () => {
  it('serves on an ephemeral port until aborted, then exits 0', async () => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
    const abort = new AbortController();
    const exit = serveCommand(
      ['--port', '0', '--pending-ms', '10', '--mutant', 'list-carries-state'],
      io,
      abort.signal,
    );
    const url = await until(
      () =>
        /^lambda-conformance emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out)?.[1],
    );
    const health = (await (await fetch(`${url}/_conformance/health`)).json()) as {
      mutants: string[];
    };
    expect(health.mutants).toEqual(['list-carries-state']);
    abort.abort();
    expect(await exit).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/\nlambda-conformance emulator stopped\n$/);
    await expect(fetch(`${url}/_conformance/health`)).rejects.toThrow();
  });

  it.each([
    [['--colour'], '--colour'],
    [['--port', 'many'], '--port'],
    [['--port', '70000'], '--port'],
    [['--port'], '--port'],
    [['--pending-ms', '-5'], '--pending-ms'],
    [['--image-pending-invoke', 'maybe'], '--image-pending-invoke'],
    [['extra'], 'extra'],
  ])('rejects %j with exit 2 and a one-line message naming %s', async (args, flag) => {
    const r = await cli('serve', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(flag);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('rejects an unknown mutant with exit 2', async () => {
    const r = await cli('serve', '--mutant', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain("'nope'");
  });

  it('reports a port that is taken with exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const r = await cli('serve', '--port', String(port));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`127.0.0.1:${String(port)}`);
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('prints usage for --help', async () => {
    const r = await cli('serve', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: lambda-conformance serve \[options\]/);
    expect(r.out).toContain('--pending-ms N');
  });
});

describe('lambda-conformance serve ended by a signal (issue 13)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s: the emulator’s own stop line, nothing about runs or reports, exit 0',
    async (signal) => {
      const child = spawnCli(['serve', '--port', '0']);
      try {
        await until(() => (/listening on http/.test(child.stdout()) ? true : undefined));
        child.kill(signal);
        expect(await child.exitWithin(10_000), child.stderr()).toEqual({ code: 0, signal: null });
        expect(child.stdout()).toMatch(
          /^lambda-conformance emulator listening on http:\/\/127\.0\.0\.1:\d+\nlambda-conformance emulator stopped\n$/,
        );
        expect(child.stderr()).toBe('');
      } finally {
        child.dispose();
      }
    },
    30_000,
  );
});
