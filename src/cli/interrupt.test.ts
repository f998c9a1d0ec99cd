import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import type { EmulatorOptions } from '../emulator/EmulatorOptions.ts';
import { emulatorScenario, listFunctionNames, readRecord, waitUntil } from './awsCli.testkit.ts';
import { tempDir } from './cli.testkit.ts';

interface Interrupted {
  /** Exit code and signal, or undefined when the CLI had not exited `exitWithinMs` after SIGINT. */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
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
  const child = spawn(
    process.execPath,
    ['bin/lambda-conformance.mjs', 'run', ...args, '--out', out, '--no-save'],
    {
      env: {
        ...process.env,
        CI: '1',
        NO_COLOR: '1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const exited = new Promise<Interrupted['exit']>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    const running = await waitUntil(
      async () => (await listFunctionNames(emulator)).some((n) => n.startsWith('lc-')),
      20_000,
    );
    expect(running, `no lc- function appeared; stderr:\n${stderr}`).toBe(true);
    await new Promise((r) => setTimeout(r, afterMs));
    child.kill('SIGINT');
    const exit = await Promise.race([
      exited,
      new Promise<undefined>((resolve) => setTimeout(resolve, exitWithinMs, undefined)),
    ]);
    return { exit, stderr, out };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('SIGINT during a run against an emulator endpoint', () => {
  let emulator: Emulator | undefined;
  const start = async (options: EmulatorOptions = {}): Promise<Emulator> => {
    emulator = await startEmulator({ ...options, port: 0 });
    return emulator;
  };
  afterEach(async () => {
    await emulator?.close();
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
});
