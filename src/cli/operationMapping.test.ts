import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/startEmulator.ts';
import { OPERATION_NAMES } from '../lambda/catalogue.ts';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import {
  context,
  create,
  sleep,
  startTestEmulator,
  testTarget,
  SETTLE_MS,
} from '../targets/aws/aws.testkit.ts';
import type { AwsTarget } from '../targets/aws/createAwsTarget.ts';
import { createMemoryTarget } from '../targets/memory/MemoryTarget.ts';
import type { TargetSession } from '../targets/Target.ts';

/**
 * "Adding one operation touches the places docs/ARCHITECTURE.md names for it, and a test fails when
 * a target does not map an operation the spec uses": every operation of the catalogue and of the
 * shipped spec is sent, with arguments the spec's inputs allow, to an Active function on the memory
 * target and on the aws target (over HTTP, to the built-in emulator). A target that does not map
 * one throws (HarnessError UNKNOWN_OPERATION) instead of observing the service's answer.
 */
const spec: Spec = await loadSpec('spec/lambda-lifecycle.yaml');
const names = [...new Set([...OPERATION_NAMES, ...spec.operations.keys()])].filter(
  (name) => name !== 'CreateFunction' && name !== 'DeleteFunction',
);

/** The operation with the first value each of its spec inputs allows. */
function operation(name: string): Operation {
  const args: Record<string, string | number> = {};
  for (const input of spec.operations.get(name)?.inputs ?? []) {
    const decl = spec.inputs.get(input);
    if (decl === undefined) continue;
    const first = decl.type === 'int' ? decl.min : decl.values[0];
    if (first !== undefined) args[input] = first;
  }
  return { name, fn: 'fn0', args };
}

/** Each operation answered by the service: a success or a refusal, never a harness error. */
function answered(): Record<string, unknown> {
  return Object.fromEntries(
    OPERATION_NAMES.filter((n) => n !== 'CreateFunction').map((n) => [
      n,
      expect.stringMatching(/^(ok|error)$/),
    ]),
  );
}

async function mapsEveryOperation(session: TargetSession, settle: () => Promise<void>) {
  expect(await session.apply(create())).toMatchObject({ kind: 'ok' });
  await settle();
  const observed: Record<string, string> = {};
  for (const name of names) {
    // PublishedVersionActive polls a published version for up to 26 minutes when there is none:
    // publish one first (earlier updates may still be in progress).
    if (name === 'WaitPublishedVersionActive') {
      await settle();
      expect(await session.apply(operation('PublishVersion'))).toMatchObject({ kind: 'ok' });
    }
    observed[name] = (await session.apply(operation(name))).kind;
  }
  observed['DeleteFunction'] = (await session.apply(operation('DeleteFunction'))).kind;
  await session.close();
  return observed;
}

describe('every operation the catalogue and the spec name is mapped by each target', () => {
  it('lists the spec operations in the catalogue', () => {
    for (const name of spec.operations.keys()) expect(OPERATION_NAMES).toContain(name);
    expect(names.length).toBe(OPERATION_NAMES.length - 2);
  });

  it('memory: every operation reaches the simulation and is answered', async () => {
    const session = await createMemoryTarget().open(context('map'));
    const observed = await mapsEveryOperation(session, () => session.advance(600_000));
    expect(observed).toEqual(answered());
  });

  describe('aws, over HTTP to the emulator', () => {
    let emulator: Emulator;
    let target: AwsTarget;
    beforeAll(async () => {
      emulator = await startTestEmulator();
      target = testTarget(emulator);
    });
    afterAll(async () => {
      target.dispose();
      await emulator.close();
    });

    it('every operation reaches the emulator and is answered', async () => {
      const session = await target.open(context('map'));
      const observed = await mapsEveryOperation(session, () => sleep(SETTLE_MS));
      expect(observed).toEqual(answered());
    });
  });
});
