import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/startEmulator.ts';
import { rawClient, startTestEmulator } from '../targets/aws/aws.testkit.ts';
import { DUMMY_CREDENTIALS } from '../targets/aws/AwsTargetOptions.ts';
import { buildHandlerZip } from '../targets/handler/buildHandlerZip.ts';
import { cleanupCommand } from './cleanupCommand.ts';
import { cli } from './cli.testkit.ts';
import { listFunctionNames } from './awsCli.testkit.ts';

const MINUTE = 60_000;

async function make(raw: LambdaClient, name: string, ageMs: number): Promise<void> {
  await raw.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: 'arn:aws:iam::123456789012:role/r',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: buildHandlerZip(1) },
      Tags: {
        'lambda-conformance:run': name,
        'lambda-conformance:created': new Date(Date.now() - ageMs).toISOString(),
      },
    }),
  );
}

describe('lambda-conformance cleanup', () => {
  let emulator: Emulator;
  let raw: LambdaClient;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    raw = rawClient(emulator);
    await make(raw, 'lc-old-fn0', 120 * MINUTE);
    await make(raw, 'lc-hour-fn0', 60 * MINUTE);
    await make(raw, 'lc-young-fn0', 10 * MINUTE);
  });
  afterEach(async () => {
    raw.destroy();
    await emulator.close();
  });

  const remaining = async (): Promise<string[]> => (await listFunctionNames(emulator)).sort();

  it('deletes what is older than --older-than 1h30m, one line each, and says how many', async () => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
    const code = await cleanupCommand(['--endpoint', emulator.url, '--older-than', '1h30m'], io, {
      env: {},
      credentials: DUMMY_CREDENTIALS,
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^deleted lc-old-fn0 \(run lc-old-fn0, created \S+, 2h(\d+s)? ago\)\ncleanup: deleted 1 function\n$/,
    );
    expect(await remaining()).toEqual(['lc-hour-fn0', 'lc-young-fn0']);
    let days = '';
    const io2 = { out: (s: string) => void (days += s), err: (s: string) => void (err += s) };
    const again = await cleanupCommand(['--endpoint', emulator.url, '--older-than', '2d'], io2, {
      env: {},
      credentials: DUMMY_CREDENTIALS,
    });
    expect([again, days, err]).toEqual([0, 'cleanup: deleted 0 functions\n', '']);
  });

  it('rejects bad flags and durations with exit 2 and one line naming the flag', async () => {
    const bad = await cli('cleanup', '--endpoint', emulator.url, '--older-than', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      "--older-than: expected a duration such as 500ms, 30s, 10m, 1h30m or 2d, got 'soon'.",
    );
    const unknown = await cli('cleanup', '--force');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^cleanup: unknown option --force\. /);
    expect(unknown.err.split('\n')).toHaveLength(1);
    expect(await remaining()).toHaveLength(3);
  });

  it('refuses real AWS without an allowed account (no network: injected STS)', async () => {
    let err = '';
    const io = { out: () => undefined, err: (s: string) => void (err += s) };
    const code = await cleanupCommand(
      ['--region', 'us-east-1', '--allow-account', '222222222222'],
      io,
      { env: {}, getCallerAccount: () => Promise.resolve('111111111111') },
    );
    expect(code).toBe(2);
    expect(err).toContain('111111111111');
    expect(err).toContain('--allow-account');
    expect(err.split('\n')).toHaveLength(2);
  });
});
