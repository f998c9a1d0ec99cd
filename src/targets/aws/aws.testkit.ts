import { LambdaClient } from '@aws-sdk/client-lambda';
import { startEmulator } from '../../emulator/startEmulator.ts';
import type { Emulator } from '../../emulator/startEmulator.ts';
import type { EmulatorOptions } from '../../emulator/EmulatorOptions.ts';
import type { Operation } from '../../lambda/Operation.ts';
import type { SessionContext } from '../Target.ts';
import { DUMMY_CREDENTIALS } from './AwsTargetOptions.ts';
import type { AwsTargetOptions } from './AwsTargetOptions.ts';
import { createAwsTarget } from './createAwsTarget.ts';
import type { AwsTarget } from './createAwsTarget.ts';

/** @internal Long enough for any pending creation or update of the test delays to finish. */
export const SETTLE_MS = 300;

/** @internal Emulator delays for aws target tests. */
export const TEST_DELAYS: EmulatorOptions = {
  pendingMs: 150,
  updateMs: 250,
  versionMs: 20,
  reactivateMs: 50,
};

/** @internal An emulator on an ephemeral 127.0.0.1 port with short delays. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ ...TEST_DELAYS, ...options, host: '127.0.0.1', port: 0 });
}

/** @internal An aws target on `emulator` with dummy credentials and backoff that does not wait. */
export function testTarget(emulator: Emulator, options: AwsTargetOptions = {}): AwsTarget {
  return createAwsTarget({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: DUMMY_CREDENTIALS,
    sleep: () => Promise.resolve(),
    env: {},
    ...options,
  });
}

/** @internal A raw SDK client on `emulator` (for "foreign" functions and checks). */
export function rawClient(emulator: Emulator): LambdaClient {
  return new LambdaClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: 1,
  });
}

/** @internal A session context with a fixed run id. */
export function context(runId: string, signal?: AbortSignal): SessionContext {
  const timing = { provisionMs: 0, updateMs: 0, versionMs: 0, reactivateMs: 0 };
  return signal === undefined ? { runId, timing } : { runId, timing, signal };
}

/** @internal Shorthand for an operation. */
export function op(name: string, fn = 'fn0', args: Operation['args'] = {}): Operation {
  return { name, fn, args };
}

/** @internal CreateFunction(fn, Zip, code, config). */
export function create(fn = 'fn0', code = 1, config = 1): Operation {
  return op('CreateFunction', fn, { packageType: 'Zip', code, config });
}

/** @internal Waits `ms` of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
