import { describe, expect, it } from 'vitest';
import { rotationTour } from '../commands/tourRotation.ts';
import { REAL_TIME_PLAN_SHARE } from '../commands/plannedPrefix.ts';
import { resolveRun } from '../run/resolveRun.ts';
import { coverageTargets, reachableOfRun, toursOfRun } from './planTours.ts';
import { planLanes, tourSlotOf } from './planLanes.ts';
import { runConformance } from './runConformance.ts';
import { tourOptionsOf } from './runLane.ts';

// Issue 16: "with the emulator scenario's 100 runs, every rule that can be reached in real time".
// What real time can reach is the spec's: what a plan from the initial state reaches with the
// scenario's commands (no Wait: Wait* waiters weigh 0 there) and no time bound waited out
// (reachableOfRun). A third of real-time sequences start with a tour, in a rotation.
/** The shipped emulator scenario, resolved (at `concurrency` when given). */
function emulatorRun(concurrency?: number): ReturnType<typeof resolveRun> {
  return resolveRun(
    'scenarios/emulator.yaml',
    { save: false, reporters: [], ...(concurrency === undefined ? {} : { concurrency }) },
    { commandLine: 'test' },
  );
}

describe('the emulator scenario on real time', () => {
  it('starts each of its tours at least twice in 100 runs, from any seed, split or not', async () => {
    const { run, opened } = await emulatorRun();
    try {
      const tours = toursOfRun(run.spec, tourOptionsOf(run));
      expect(tours.length).toBeGreaterThan(1);
      for (const seed of [run.seed, 0, 5, 4095, 2 ** 31 - 1]) {
        for (const concurrency of [1, 8]) {
          const lanes = planLanes({ seed, runs: run.runs, shard: undefined, concurrency }, true);
          const starts = new Map<number, number>();
          for (const lane of lanes) {
            for (let index = 0; index < lane.runs; index++) {
              const turn = rotationTour(
                tourSlotOf(lane.seed, index),
                REAL_TIME_PLAN_SHARE,
                tours.length,
              );
              if (turn !== undefined) starts.set(turn, (starts.get(turn) ?? 0) + 1);
            }
          }
          expect(starts.size, `seed ${String(seed)}`).toBe(tours.length);
          expect(Math.min(...starts.values())).toBeGreaterThanOrEqual(2);
        }
      }
    } finally {
      await opened.dispose();
    }
  });

  it('exercises every rule and transition real time can reach, in a faithful run of its 100 runs', async () => {
    // Concurrency 4 (the scenario's is 1): the same rotation of tours (lane seeds carry their
    // slots), in a quarter of the time.
    const { run, opened } = await emulatorRun(4);
    try {
      const reachable = reachableOfRun(run.spec, tourOptionsOf(run));
      // Every rule but the waiters', which the scenario leaves out.
      const waiters = coverageTargets(run.spec).filter((id) => !reachable.has(id));
      expect(waiters.length).toBeGreaterThan(0);
      expect(waiters.filter((id) => !id.startsWith('wait-'))).toEqual([]);
      // No time budget: the claim is about runs, whatever the machine's load.
      const record = await runConformance({ ...run, timeBudgetMs: undefined });
      expect(record.verdict).toBe('conformant');
      expect(record.runsCompleted).toBe(100);
      const missed = record.coverage.filter((c) => reachable.has(c.id) && c.exercised === 0);
      expect(missed.map((c) => c.id)).toEqual([]);
    } finally {
      await opened.dispose();
    }
  }, 120_000);
});
