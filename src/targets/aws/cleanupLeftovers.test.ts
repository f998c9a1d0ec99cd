import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/startEmulator.ts';
import type { Io } from '../../text/Io.ts';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { DUMMY_CREDENTIALS } from './AwsTargetOptions.ts';
import { cleanupLeftovers } from './cleanupLeftovers.ts';
import { rawClient, startTestEmulator } from './aws.testkit.ts';
import { listFunctionNames } from '../../cli/awsCli.testkit.ts';

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

/** An Io whose lines (written with their `\n`) are kept without it. */
function capture(): { out: string[]; err: string[]; io: Io } {
  const out: string[] = [];
  const err: string[] = [];
  const lines = (into: string[]) => (s: string) => void into.push(...s.split('\n').slice(0, -1));
  return { out, err, io: { out: lines(out), err: lines(err) } };
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

  const remaining = async (): Promise<string[]> => (await listFunctionNames(emulator)).sort();

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
});
