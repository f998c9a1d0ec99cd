import { CreateFunctionCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/startEmulator.ts';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { DUMMY_CREDENTIALS } from './AwsTargetOptions.ts';
import { cleanupLeftovers } from './cleanupLeftovers.ts';
import { rawClient, startTestEmulator } from './aws.testkit.ts';
import { runCleanup } from './runCleanup.ts';

const HOUR = 3_600_000;
const NOW = Date.now();

function iso(msBeforeNow: number): string {
  return new Date(NOW - msBeforeNow).toISOString();
}

async function make(raw: LambdaClient, name: string, tags?: Record<string, string>): Promise<void> {
  await raw.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: 'arn:aws:iam::123456789012:role/r',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: buildHandlerZip(1) },
      ...(tags === undefined ? {} : { Tags: tags }),
    }),
  );
}

function capture(): {
  out: string[];
  err: string[];
  io: { out(s: string): void; err(s: string): void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s) => out.push(s), err: (s) => err.push(s) } };
}

describe('cleanupLeftovers', () => {
  let emulator: Emulator;
  let raw: LambdaClient;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    raw = rawClient(emulator);
    const run = (id: string, age: number) => ({
      'lambda-conformance:run': id,
      'lambda-conformance:created': iso(age),
    });
    await make(raw, 'lc-old-fn0', run('old', 2 * HOUR));
    await make(raw, 'lc-old-fn1', run('old', 3 * HOUR));
    await make(raw, 'lc-young-fn0', run('young', HOUR / 2));
    await make(raw, 'lc-untagged-fn0');
    await make(raw, 'lc-badtime-fn0', {
      'lambda-conformance:run': 'x',
      'lambda-conformance:created': 'soon',
    });
    await make(raw, 'someone-else', run('old', 5 * HOUR));
  });
  afterEach(async () => {
    raw.destroy();
    await emulator.close();
  });

  async function remaining(): Promise<string[]> {
    const { Functions = [] } = await raw.send(new ListFunctionsCommand({}));
    return Functions.map((f) => f.FunctionName ?? '').sort();
  }

  it('deletes only prefixed, run-tagged functions older than the limit, and prints each', async () => {
    const { out, io } = capture();
    const count = await cleanupLeftovers({
      endpoint: emulator.url,
      credentials: DUMMY_CREDENTIALS,
      env: {},
      olderThanMs: HOUR,
      io,
      now: () => NOW,
    });
    expect(count).toBe(2);
    expect(out).toEqual([
      expect.stringMatching(/^deleted lc-old-fn0 \(run old, created .*, 2h ago\)$/),
      expect.stringMatching(/^deleted lc-old-fn1 \(run old/),
    ]);
    expect(await remaining()).toEqual([
      'lc-badtime-fn0',
      'lc-untagged-fn0',
      'lc-young-fn0',
      'someone-else',
    ]);
  });

  it('runs as the cleanup command with --endpoint and --older-than', async () => {
    const { out, err, io } = capture();
    const code = await runCleanup(['--endpoint', emulator.url, '--older-than', '20m'], io, {
      env: {},
      credentials: DUMMY_CREDENTIALS,
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.at(-1)).toBe('cleanup: deleted 3 functions');
    expect(await remaining()).toEqual(['lc-badtime-fn0', 'lc-untagged-fn0', 'someone-else']);
  });

  it('deletes the functions of the runs --run names, whatever their age, and nothing else', async () => {
    const { out, err, io } = capture();
    const code = await runCleanup(
      ['--endpoint', emulator.url, '--run', 'young', '--run', 'x'],
      io,
      { env: {}, credentials: DUMMY_CREDENTIALS },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      'deleted lc-badtime-fn0 (run x, created at an unknown time)',
      expect.stringMatching(/^deleted lc-young-fn0 \(run young, created .*, 30m\S* ago\)$/),
      'cleanup: deleted 2 functions',
    ]);
    expect(await remaining()).toEqual([
      'lc-old-fn0',
      'lc-old-fn1',
      'lc-untagged-fn0',
      'someone-else',
    ]);
  });

  it('refuses --run with --older-than, and a --run that is no run id, with exit 2', async () => {
    const both = capture();
    expect(await runCleanup(['--run', 'old', '--older-than', '1h'], both.io)).toBe(2);
    expect(both.err).toEqual([
      'cleanup: give --run (that run, whatever its age) or --older-than, not both',
    ]);
    const bad = capture();
    expect(await runCleanup(['--run', 'a b'], bad.io)).toBe(2);
    expect(bad.err[0]).toBe("cleanup: --run expects a run id (letters, digits, - or _), got 'a b'");
    expect(await remaining()).toHaveLength(6);
  });

  it('rejects bad flags and durations with exit 2', async () => {
    const bad = capture();
    expect(await runCleanup(['--older-than', 'soon'], bad.io)).toBe(2);
    expect(bad.err[0]).toContain('--older-than');
    const unknown = capture();
    expect(await runCleanup(['--force'], unknown.io)).toBe(2);
    expect(unknown.err[0]).toContain('--force');
    expect(await remaining()).toHaveLength(6);
  });

  it('refuses real AWS without an allowed account (no network: injected STS)', async () => {
    const { err, io } = capture();
    const code = await runCleanup(
      ['--region', 'us-east-1', '--allow-account', '222222222222'],
      io,
      {
        env: {},
        getCallerAccount: () => Promise.resolve('111111111111'),
      },
    );
    expect(code).toBe(2);
    expect(err[0]).toContain('111111111111');
    expect(err[0]).toContain('--allow-account');
  });
});
