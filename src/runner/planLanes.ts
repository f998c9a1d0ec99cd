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

/**
 * Splits the runs of a seed into lanes. Unsplit and sequential, one lane runs them all with the run
 * seed itself (so a seed printed by an earlier run replays exactly). Otherwise every run is its own
 * lane whose seed derives from the run's global index: shard `i/n` takes every n-th run, and any
 * number of workers (`concurrency`) picks lanes from a queue, so the outcome is the same for every
 * shard split and every concurrency, and workers stay busy whatever each sequence costs.
 */
export function planLanes(
  run: Pick<ResolvedRun, 'seed' | 'runs' | 'shard' | 'concurrency'>,
): Lane[] {
  if (run.shard === undefined && run.concurrency <= 1)
    return [{ index: 0, seed: run.seed, runs: run.runs }];
  const count = run.shard?.count ?? 1;
  const offset = (run.shard?.index ?? 1) - 1;
  const lanes: Lane[] = [];
  for (let global = offset; global < run.runs; global += count) {
    lanes.push({ index: lanes.length, seed: laneSeed(run.seed, 0, global), runs: 1 });
  }
  return lanes;
}
