import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { controlEventRequests } from '../emulator/controlRoutes.ts';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import type { EmulatorOptions } from '../emulator/EmulatorOptions.ts';
import { startFaultProxy, type FaultProxy } from '../targets/aws/faultProxy.testkit.ts';
import { emulatorScenario, listFunctionNames, readRecord, waitUntil } from './awsCli.testkit.ts';
import { spawnCli, type ChildCli, type ChildExit } from './childCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';
import { SAME_STOP_MS } from './main.ts';

interface Interrupted {
  /** Exit code and signal, or undefined when the CLI had not exited `exitWithinMs` after SIGINT. */
  readonly exit: ChildExit | undefined;
  readonly stderr: string;
  readonly out: string;
}

/**
 * Spawns the real CLI with `args` against `emulator`, waits until ListFunctions shows one of the
 * run's functions, waits `afterMs` more, sends SIGINT and waits (at most `exitWithinMs`) for the exit.
 */
async function interruptRun(
  emulator: Emulator,
  args: readonly string[],
  afterMs: number,
  exitWithinMs = 20_000,
): Promise<Interrupted> {
  const out = await tempDir();
  const child = spawnCli(['run', ...args, '--out', out, '--no-save']);
  try {
    await runningOn(emulator, child);
    await sleep(afterMs);
    child.kill('SIGINT');
    const exit = await child.exitWithin(exitWithinMs);
    return { exit, stderr: child.stderr(), out };
  } finally {
    child.dispose();
  }
}

/** Waits until the run of `child` has a function on `emulator`. */
async function runningOn(emulator: Emulator, child: ChildCli): Promise<void> {
  const running = await waitUntil(
    async () => (await listFunctionNames(emulator)).some((n) => n.startsWith('lc-')),
    20_000,
  );
  expect(running, `no lc- function appeared; stderr:\n${child.stderr()}`).toBe(true);
}

/**
 * A scenario for the aws target through `proxy` (events straight to the emulator's control API),
 * with the default 30 s call timeout: only an abort ends a request the proxy holds sooner.
 */
async function proxiedScenario(dir: string, emulator: Emulator, proxy: FaultProxy) {
  const scenario = {
    name: 'held',
    spec: resolve('spec/lambda-lifecycle.yaml'),
    target: { name: 'aws', endpoint: proxy.url, events: controlEventRequests(emulator.url) },
    runs: 1000,
    maxCommands: 12,
    seed: 20261123,
    functions: 1,
    weights: { Wait: 0, Settle: 2, CreateFunction: 4 },
    reporters: ['json'],
  };
  const file = join(dir, 'held.yaml');
  await writeFile(file, `${JSON.stringify(scenario, null, 2)}\n`);
  return file;
}

describe('SIGINT during a run against an emulator endpoint', () => {
  let emulator: Emulator | undefined;
  let proxy: FaultProxy | undefined;
  const start = async (options: EmulatorOptions = {}): Promise<Emulator> => {
    emulator = await startEmulator({ ...options, port: 0 });
    return emulator;
  };
  afterEach(async () => {
    await proxy?.close();
    await emulator?.close();
    proxy = undefined;
  });

  it('stops, deletes every function the run created, writes the report and exits 3', async () => {
    const em = await start();
    const r = await interruptRun(
      em,
      ['--target', 'aws', '--endpoint', em.url, '--runs', '1000', '--reporter', 'console,json'],
      300,
    );
    expect(r.exit, `the CLI did not exit within 20 s of SIGINT; stderr:\n${r.stderr}`).toEqual({
      code: 3,
      signal: null,
    });
    expect(r.stderr).toMatch(/SIGINT received, stopping/);
    const rec = await readRecord(r.out);
    expect(rec.stoppedBy).toBe('interrupted');
    expect(rec.verdict).toBe('inconclusive');
    expect(await listFunctionNames(em)).toEqual([]);
  });

  // After SIGINT, `advance` returns at once: a Settle whose transition is still pending must stop
  // polling instead of spinning until the spec's 15-minute bound has passed in wall time.
  it('stops promptly when interrupted while a Settle waits for a transition', async () => {
    const dir = await tempDir();
    const em = await start({ pendingMs: 5000, updateMs: 5000 });
    const scenario = await emulatorScenario(dir, em, {
      runs: 100,
      maxCommands: 10,
      weights: { Wait: 0, Settle: 20 },
    });
    const r = await interruptRun(em, [scenario, '--reporter', 'json'], 1500, 8000);
    expect(r.exit, `the CLI did not exit within 8 s of SIGINT; stderr:\n${r.stderr}`).toEqual({
      code: 3,
      signal: null,
    });
    expect((await readRecord(r.out)).stoppedBy).toBe('interrupted');
    expect(await listFunctionNames(em)).toEqual([]);
  });

  // Issue 13: "against an unresponsive endpoint Ctrl-C takes 30 s" (the call timeout).
  it('against an endpoint that stops answering: the held call is aborted, cleanup is bounded, exit 3 within 15 s naming what is left', async () => {
    const em = await start({ pendingMs: 100, updateMs: 100 });
    let holding = false;
    proxy = await startFaultProxy({
      upstream: em.url,
      fault: 'hang',
      rate: 1,
      match: () => holding,
    });
    const dir = await tempDir();
    const child = spawnCli([
      'run',
      await proxiedScenario(dir, em, proxy),
      '--out',
      dir,
      '--no-save',
    ]);
    try {
      await runningOn(em, child);
      holding = true;
      await sleep(500);
      child.kill('SIGINT');
      const exit = await child.exitWithin(15_000);
      expect(exit, `no exit within 15 s of SIGINT; stderr:\n${child.stderr()}`).toEqual({
        code: 3,
        signal: null,
      });
      const record = await readRecord(dir);
      expect(record.stoppedBy).toBe('interrupted');
      const cleanup = record.inconclusive.find((i) => i.command === 'cleanup');
      expect(cleanup?.reason).toMatch(
        /remove what is left with: lambda-conformance cleanup --endpoint/,
      );
    } finally {
      child.dispose();
    }
  }, 40_000);

  // Issue 13: "a SIGINT landing on an in-flight CreateFunction that the server applied late leaked
  // the function".
  it('a CreateFunction cut off by SIGINT and applied by the endpoint afterwards is found and deleted', async () => {
    const em = await start({ pendingMs: 100, updateMs: 100 });
    let armed = false;
    let heldAt: number | undefined;
    proxy = await startFaultProxy({
      upstream: em.url,
      fault: 'delay',
      rate: 1,
      // Held for 1 s, then forwarded although the client gave up: applied after the SIGINT.
      delayMs: [1000, 1000],
      match: (method, path) => {
        if (!armed || method !== 'POST' || path !== '/2015-03-31/functions') return false;
        heldAt ??= Date.now();
        return true;
      },
    });
    const dir = await tempDir();
    const child = spawnCli([
      'run',
      await proxiedScenario(dir, em, proxy),
      '--out',
      dir,
      '--no-save',
    ]);
    try {
      await runningOn(em, child);
      armed = true;
      expect(await waitUntil(() => Promise.resolve(heldAt !== undefined), 10_000)).toBe(true);
      await sleep(200);
      child.kill('SIGINT');
      const sentAt = Date.now();
      const exit = await child.exitWithin(15_000);
      expect(exit, child.stderr()).toEqual({ code: 3, signal: null });
      // The create really was applied after the interruption, while the run cleaned up.
      expect((heldAt ?? 0) + 1000).toBeGreaterThan(sentAt);
      expect((await readRecord(dir)).stoppedBy).toBe('interrupted');
      expect(await listFunctionNames(em)).toEqual([]);
    } finally {
      child.dispose();
    }
  }, 40_000);

  it('a second SIGINT exits at once (130), naming the functions that may be left and the command that removes them', async () => {
    const em = await start({ pendingMs: 100, updateMs: 100 });
    let holding = false;
    proxy = await startFaultProxy({
      upstream: em.url,
      fault: 'hang',
      rate: 1,
      match: () => holding,
    });
    const dir = await tempDir();
    const child = spawnCli([
      'run',
      await proxiedScenario(dir, em, proxy),
      '--out',
      dir,
      '--no-save',
    ]);
    try {
      await runningOn(em, child);
      holding = true;
      await sleep(500);
      child.kill('SIGINT');
      // Cleanup is now waiting on the held endpoint.
      await waitUntil(() => Promise.resolve(/SIGINT received/.test(child.stderr())), 5000);
      // Past the window in which a second signal is the same stop delivered twice.
      await sleep(SAME_STOP_MS + 300);
      child.kill('SIGINT');
      const exit = await child.exitWithin(1000);
      expect(exit, `no exit within 1 s of the second SIGINT; stderr:\n${child.stderr()}`).toEqual({
        code: 130,
        signal: null,
      });
      const stderr = child.stderr();
      expect(stderr).toMatch(/SIGINT again: exiting at once, without the report/);
      const left = /may be left behind: (.*); remove with: (.*)$/m.exec(stderr);
      expect(left, stderr).not.toBeNull();
      const names = (left?.[1] ?? '').split(', ');
      const onEmulator = await listFunctionNames(em);
      expect(onEmulator.length).toBeGreaterThan(0);
      for (const name of onEmulator) expect(names).toContain(name);
      // The printed command, pasted as is once the endpoint answers again, removes them.
      holding = false;
      const args = (left?.[2] ?? '').split(' ');
      expect(args.slice(0, 4)).toEqual(['lambda-conformance', 'cleanup', '--endpoint', proxy.url]);
      const removed = await cli(...args.slice(1));
      expect(removed.code, removed.err).toBe(0);
      expect(await listFunctionNames(em)).toEqual([]);
    } finally {
      child.dispose();
    }
  }, 40_000);
});
