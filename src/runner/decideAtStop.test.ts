import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Emulator } from '../emulator/startEmulator.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { withBounds } from '../spec/withBounds.ts';
import { context, startTestEmulator, testTarget } from '../targets/aws/aws.testkit.ts';
import type { AwsTarget } from '../targets/aws/createAwsTarget.ts';
import { DivergenceFound, Execution, RunInterrupted, STOP_GRACE_MS } from './Execution.ts';
import { createRunTally, type RunTally } from './StepChecker.ts';

let documented: Spec;
beforeAll(async () => {
  documented = await loadSpec('spec/lambda-lifecycle.yaml');
});

let emulator: Emulator | undefined;
let target: AwsTarget | undefined;
afterEach(async () => {
  target?.dispose();
  await emulator?.close();
});

const DAY = 24 * 60 * 60 * 1000;
const op = (name: string, args: Record<string, string | number> = {}): HarnessCommand => ({
  kind: 'op',
  op: { name, fn: 'fn0', args },
});
const create = op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 });
const update = op('UpdateFunctionCode', { code: 2, revisionId: 'none' });

/**
 * Runs CreateFunction, a wait for Active, an UpdateFunctionCode, then a long Wait that the "time
 * budget" cuts after `stopAfterMs`, and one more command, on the aws target over real HTTP against
 * an emulator whose updates take `updateMs`. Returns what the last command threw and the tally.
 */
async function cutDuringUpdate(options: {
  readonly updateMs: number;
  readonly spec: Spec;
  readonly stopAfterMs: number;
  readonly interrupted?: boolean;
}): Promise<{ thrown: unknown; tally: RunTally; trace: readonly string[] }> {
  emulator = await startTestEmulator({ pendingMs: 50, updateMs: options.updateMs });
  target = testTarget(emulator);
  const stop = new AbortController();
  const interrupt = new AbortController();
  const session = await target.open(context('stop', stop.signal));
  const tally = createRunTally(options.spec);
  const execution = new Execution(options.spec, session, tally, {
    reading: 'seed',
    unobservable: new Set(),
    virtualTime: false,
    signal: stop.signal,
    timeBudget: { interrupt: interrupt.signal },
  });
  let thrown: unknown;
  try {
    await execution.execute(create);
    await execution.execute({ kind: 'wait', ms: 300 });
    await execution.execute(op('GetFunction'));
    await execution.execute(update);
    setTimeout(() => {
      if (options.interrupted === true) interrupt.abort();
      stop.abort();
    }, options.stopAfterMs);
    await execution.execute({ kind: 'wait', ms: 60_000 });
    await execution.execute(op('Invoke'));
  } catch (error) {
    thrown = error;
  } finally {
    await session.close();
  }
  return { thrown, tally, trace: execution.trace.map((e) => `${e.command} ${e.observation}`) };
}

describe('the time budget stops a sequence while a transition is pending (real time)', () => {
  it('a transition found still pending past its (shortened) bound is a too-late divergence', async () => {
    const { spec } = withBounds(documented, { 'update-completes': 300 });
    const { thrown, tally } = await cutDuringUpdate({ updateMs: DAY, spec, stopAfterMs: 600 });
    expect(thrown).toBeInstanceOf(DivergenceFound);
    const verdict = (thrown as DivergenceFound).verdict;
    expect(verdict.category).toBe('too-late');
    expect(verdict.rules[0]).toBe('update-completes');
    expect(verdict.expectations[0]?.reason).toMatch(/^still not done after .* \(bound 300ms\)$/);
    expect(tally.inconclusive).toEqual([]);
  });

  it('one still pending within its bound is inconclusive, naming it and how long it has pended', async () => {
    const started = Date.now();
    const { thrown, tally } = await cutDuringUpdate({
      updateMs: DAY,
      spec: documented,
      stopAfterMs: 300,
    });
    expect(thrown).toBeInstanceOf(RunInterrupted);
    // The functions were read again for a while, not forever.
    expect(Date.now() - started).toBeLessThan(STOP_GRACE_MS + 5_000);
    expect(tally.inconclusive).toEqual([
      {
        command: 'GetFunction(fn0)',
        reason: expect.stringMatching(
          /^update-completes pending for \d.*s \(bound 5m\) when the time budget ended: whether it happens within its bound was not decided$/,
        ) as unknown,
      },
    ]);
  });

  it('a faithful target’s update that completes during the last reads leaves nothing undecided', async () => {
    const { thrown, tally, trace } = await cutDuringUpdate({
      updateMs: 400,
      spec: documented,
      stopAfterMs: 100,
    });
    expect(thrown).toBeInstanceOf(RunInterrupted);
    expect(tally.inconclusive).toEqual([]);
    expect(trace.at(-1)).toMatch(/^GetFunction\(fn0\) ok .*LastUpdateStatus: Successful/);
  });

  it('an interrupt (Ctrl-C) ends the sequence at once, with no last read', async () => {
    const { spec } = withBounds(documented, { 'update-completes': 300 });
    const { thrown, tally, trace } = await cutDuringUpdate({
      updateMs: DAY,
      spec,
      stopAfterMs: 600,
      interrupted: true,
    });
    expect(thrown).toBeInstanceOf(RunInterrupted);
    expect(tally.inconclusive).toEqual([]);
    expect(trace.at(-1)).toMatch(/^Wait\(60000\)/);
  });
});
