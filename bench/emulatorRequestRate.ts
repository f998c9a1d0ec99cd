import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator } from '../src/emulator/startEmulator.ts';
import { resolveRun } from '../src/run/resolveRun.ts';
import { runConformance } from '../src/runner/runConformance.ts';

/** The emulator scenario as shipped (100 runs, real time), at one concurrency. */
async function emulatorScenario(
  concurrency: number,
): Promise<{ ms: number; operations: number; verdict: string }> {
  const { run, opened } = await resolveRun(
    'scenarios/emulator.yaml',
    { save: false, reporters: [], concurrency },
    { commandLine: 'bench' },
  );
  try {
    const start = performance.now();
    const record = await runConformance({ ...run, timeBudgetMs: undefined });
    return {
      ms: Math.round(performance.now() - start),
      operations: record.operations,
      verdict: record.verdict,
    };
  } finally {
    await opened.dispose();
  }
}

/**
 * GetFunction calls per second through the same SDK client setup, `concurrency` at a time, for
 * `seconds`, against a fresh built-in emulator: the ceiling the harness's request rate compares with.
 */
async function rawSdkRate(concurrency: number, seconds: number): Promise<number> {
  const emulator = await startEmulator({ port: 0, pendingMs: 0, updateMs: 0 });
  const client = new LambdaClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    await client.send(
      new CreateFunctionCommand({
        FunctionName: 'bench-raw',
        Role: 'arn:aws:iam::123456789012:role/bench',
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Code: { ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]) },
      }),
    );
    let calls = 0;
    const end = performance.now() + seconds * 1000;
    const worker = async (): Promise<void> => {
      while (performance.now() < end) {
        await client.send(new GetFunctionCommand({ FunctionName: 'bench-raw' }));
        calls += 1;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return Math.round(calls / ((performance.now() - start) / 1000));
  } finally {
    client.destroy();
    await emulator.close();
  }
}

/**
 * Issue 16 item 5: the shipped emulator scenario at concurrency 16 and 64 (64 must not be slower),
 * and the harness's checked operations per second at 64 beside a raw SDK loop's requests per
 * second against the same emulator.
 */
export async function emulatorRequestRate(): Promise<{
  c16Ms: number;
  c64Ms: number;
  harnessOpsPerSec: number;
  rawSdkPerSec: number;
  verdicts: string;
}> {
  const c16 = await emulatorScenario(16);
  const c64 = await emulatorScenario(64);
  const rawSdkPerSec = await rawSdkRate(64, 5);
  return {
    c16Ms: c16.ms,
    c64Ms: c64.ms,
    harnessOpsPerSec: Math.round(c64.operations / (c64.ms / 1000)),
    rawSdkPerSec,
    verdicts: `${c16.verdict}/${c64.verdict}`,
  };
}
