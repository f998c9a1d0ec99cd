import { beforeAll, describe, expect, it } from 'vitest';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { resolveRun } from '../run/resolveRun.ts';
import type { Timing } from '../targets/Target.ts';
import { Execution, REAL_TIME_POLL_CAP_MS, UNDECIDED_GRACE_MS } from './Execution.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import type { TraceEntry } from './RunRecord.ts';
import { createRunTally, type RunTally } from './StepChecker.ts';

let run: ResolvedRun;
beforeAll(async () => {
  ({ run } = await resolveRun(
    undefined,
    { target: 'memory', save: false },
    { commandLine: 'test' },
  ));
});

const TIMING: Timing = { provisionMs: 2_000, updateMs: 10_000, versionMs: 500, reactivateMs: 500 };

/**
 * Runs `commands` on a memory session (its clock is virtual, so nothing really waits) with Settle
 * told the target runs on real time or not: the polling scheme is Settle's, whatever the clock.
 */
async function execute(
  commands: readonly HarnessCommand[],
  virtualTime: boolean,
): Promise<{ trace: TraceEntry[]; tally: RunTally; now: number }> {
  const session = await run.target.open({ runId: 'settle', timing: TIMING });
  const tally = createRunTally(run.spec);
  const execution = new Execution(run.spec, session, tally, {
    reading: run.reading,
    unobservable: new Set(),
    virtualTime,
  });
  try {
    for (const command of commands) await execution.execute(command);
    return { trace: execution.trace, tally, now: session.now() };
  } finally {
    await session.close();
  }
}

const op = (name: string, args: Record<string, string | number> = {}): HarnessCommand => ({
  kind: 'op',
  op: { name, fn: 'fn0', args },
});
const create = (packageType: 'Zip' | 'Image'): HarnessCommand =>
  op('CreateFunction', { packageType, code: 1, config: 1 });
const SETTLE: HarnessCommand = { kind: 'settle' };

function pollTimes(trace: readonly TraceEntry[]): number[] {
  return trace.filter((t) => t.command === 'GetFunction(fn0)').map((t) => t.at);
}

describe('Settle', () => {
  it(`on real time polls at most ${REAL_TIME_POLL_CAP_MS} ms apart; on virtual time the delay doubles`, async () => {
    const real = pollTimes((await execute([create('Zip'), SETTLE], false)).trace);
    const gaps = real.slice(1).map((t, i) => t - (real[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(REAL_TIME_POLL_CAP_MS + 50);
    // Provisioning takes 2 s: the poll that sees it done comes at most one capped delay later.
    expect(real.at(-1)).toBeLessThan(TIMING.provisionMs + REAL_TIME_POLL_CAP_MS + 100);
    const virtual = pollTimes((await execute([create('Zip'), SETTLE], true)).trace);
    expect(virtual.length).toBeLessThan(real.length);
    expect(virtual.at(-1)).toBeGreaterThan(TIMING.provisionMs + REAL_TIME_POLL_CAP_MS + 100);
  });

  const imageGoneMidUpdate: readonly HarnessCommand[] = [
    create('Image'),
    SETTLE,
    op('UpdateFunctionCode', { code: 2, revisionId: 'none' }),
    { kind: 'inject', event: 'image-deleted', fn: 'fn0' },
    SETTLE,
  ];

  it('on real time leaves a wait no answer can end undecided, in the trace and the tally, instead of polling until the bound', async () => {
    const { trace, tally, now } = await execute(imageGoneMidUpdate, false);
    const notes = trace.filter((t) => t.verdict === 'harness' && /undecidable/.test(t.observation));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.rules).toEqual(['update-completes']);
    expect(notes[0]?.observation).toMatch(/no answer to GetFunction tells state=Failed/);
    expect(tally.undecidable).toEqual([
      expect.objectContaining({ transitions: ['update-completes'], count: 1 }),
    ]);
    // Polled only for the grace a faulty target gets to show its fault, not until the update's
    // 5-minute bound.
    expect(now).toBeLessThan(TIMING.provisionMs + UNDECIDED_GRACE_MS + 2_000);
    expect(trace.every((t) => t.verdict !== 'divergence' && t.verdict !== 'inconclusive')).toBe(
      true,
    );
  });

  it('on virtual time polls on, as before (waiting costs nothing there)', async () => {
    const { trace, tally, now } = await execute(imageGoneMidUpdate, true);
    expect(trace.some((t) => /undecidable/.test(t.observation))).toBe(false);
    expect(tally.undecidable).toEqual([]);
    // The simulation's update completes after 10 s and changes the RevisionId: a poll saw it.
    expect(now).toBeGreaterThan(TIMING.updateMs);
  });
});
