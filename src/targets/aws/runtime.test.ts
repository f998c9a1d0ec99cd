import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/startEmulator.ts';
import { DEFAULT_RUNTIME } from '../../lambda/runtime.ts';
import { resolveAwsTargetOptions } from './AwsTargetOptions.ts';
import type { AwsTargetOptions } from './AwsTargetOptions.ts';
import {
  context,
  create,
  op,
  rawClient,
  SETTLE_MS,
  startTestEmulator,
  testTarget,
} from './aws.testkit.ts';
import { realFunctionName } from './runLabels.ts';

describe('the runtime of the functions the aws target creates', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  /** Creates fn0 over HTTP, invokes it once Active, and reads back its Runtime. */
  async function createAndRead(options: AwsTargetOptions, runId: string) {
    const target = testTarget(emulator, options);
    try {
      const session = await target.open(context(runId));
      expect(await session.apply(create('fn0', 3, 1))).toMatchObject({ kind: 'ok' });
      await session.advance(SETTLE_MS);
      const invoked = await session.apply(op('Invoke'));
      const name = realFunctionName('lc', runId, 'fn0');
      const got = await rawClient(emulator).send(new GetFunctionCommand({ FunctionName: name }));
      await session.close();
      return { runtime: got.Configuration?.Runtime, invoked };
    } finally {
      target.dispose();
    }
  }

  it('is nodejs24.x by default, and the async handler answers there', async () => {
    expect(DEFAULT_RUNTIME).toBe('nodejs24.x');
    const { runtime, invoked } = await createAndRead({}, 'rtdefault');
    expect(runtime).toBe('nodejs24.x');
    expect(invoked).toEqual({
      kind: 'ok',
      fields: { StatusCode: 200, ExecutedVersion: '$LATEST', ranCode: 3, ranConfig: 1 },
    });
  });

  it('is the one the options name', async () => {
    const { runtime } = await createAndRead({ runtime: 'nodejs22.x' }, 'rtnamed');
    expect(runtime).toBe('nodejs22.x');
  });

  it('must be a Node.js runtime identifier: anything else is refused by name', () => {
    for (const bad of ['python3.13', 'nodejs', 'nodejs24', 'node24.x', 'nodejs0.x']) {
      expect(() => resolveAwsTargetOptions({ runtime: bad, env: {} })).toThrow(
        expect.objectContaining({
          code: 'INVALID_AWS_TARGET_OPTION',
          message: `aws target runtime '${bad}' is not a Node.js runtime identifier such as nodejs24.x or nodejs22.x`,
        }) as Error,
      );
    }
  });
});
