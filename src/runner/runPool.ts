import type { Lane } from './planLanes.ts';

/** Runs lanes with at most `workers` in flight, in index order, until `stop()` says so. */
export async function runPool<R extends { readonly lane: Lane }>(
  lanes: readonly Lane[],
  workers: number,
  stop: () => boolean,
  runOne: (lane: Lane) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < lanes.length && !stop()) {
      const lane = lanes[next++];
      if (lane !== undefined) results.push(await runOne(lane));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, lanes.length)) }, worker));
  return results.sort((a, b) => a.lane.index - b.lane.index);
}
