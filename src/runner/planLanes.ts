import { TOUR_SLOTS } from '../commands/tourRotation.ts';
import type { ResolvedRun } from './ResolvedRun.ts';

/** One lane's share of the work: its own seed and number of runs. */
export interface Lane {
  readonly index: number;
  readonly seed: number;
  readonly runs: number;
}

/** Mixes the base seed with a shard and lane index (deterministic, well spread). */
function laneSeed(seed: number, shard: number, lane: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [shard, lane]) {
    h = Math.imul(h ^ (v + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return h & 0x7fffffff;
}

/** `n` modulo {@link TOUR_SLOTS}, never negative. */
function slotMod(n: number): number {
  return ((n % TOUR_SLOTS) + TOUR_SLOTS) % TOUR_SLOTS;
}

/**
 * The slot in the rotation of tours (see `rotationTour`) of the sequence at index `run` (0-based,
 * fast-check's run index) of a lane with seed `seed`: the seed's slot, then one more per sequence.
 * It depends on nothing else, so the seed and path printed beside a sequence (which replay it as
 * the run at that index of a lane with that seed) give it the same tour.
 */
export function tourSlotOf(seed: number, run: number): number {
  return slotMod(seed + run);
}

/**
 * The seed of the lane that runs sequence `global` of a run with seed `seed` alone, when its
 * sequences take tours in a rotation: the mixed seed, with the low bits that make its slot
 * ({@link tourSlotOf}) the slot of sequence `global` of the unsplit run (`seed + global`). Lanes
 * of one sequence each then start with the tours in the same turn as one lane running them all.
 */
function rotatingLaneSeed(seed: number, global: number): number {
  const mixed = laneSeed(seed, 0, global);
  return mixed - slotMod(mixed) + tourSlotOf(seed, global);
}

/**
 * Splits the runs of a seed into lanes. Unsplit and sequential, one lane runs them all with the run
 * seed itself (so a seed printed by an earlier run replays exactly). Otherwise every run is its own
 * lane whose seed derives from the run's global index: shard `i/n` takes every n-th run, and any
 * number of workers (`concurrency`) picks lanes from a queue, so the outcome is the same for every
 * shard split and every concurrency, and workers stay busy whatever each sequence costs. With
 * `rotating` (real time, whose sequences take tours in a rotation by their slot), a lane's seed
 * also carries its sequence's slot, so that split or not the run's sequences start with the same
 * tours.
 */
export function planLanes(
  run: Pick<ResolvedRun, 'seed' | 'runs' | 'shard' | 'concurrency'>,
  rotating = false,
): Lane[] {
  if (run.shard === undefined && run.concurrency <= 1)
    return [{ index: 0, seed: run.seed, runs: run.runs }];
  const count = run.shard?.count ?? 1;
  const offset = (run.shard?.index ?? 1) - 1;
  const lanes: Lane[] = [];
  for (let global = offset; global < run.runs; global += count) {
    const seed = rotating ? rotatingLaneSeed(run.seed, global) : laneSeed(run.seed, 0, global);
    lanes.push({ index: lanes.length, seed, runs: 1 });
  }
  return lanes;
}
