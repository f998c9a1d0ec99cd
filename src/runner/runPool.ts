/**
 * Runs `runOne` on each item with at most `workers` in flight, starting them in order until
 * `stop()` says so. Results come back in the items' order (those never started are left out).
 */
export async function runPool<T, R>(
  items: readonly T[],
  workers: number,
  stop: () => boolean,
  runOne: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: { index: number; result: R }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const index = next++;
      const item = items[index];
      if (item !== undefined) results.push({ index, result: await runOne(item) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker));
  return results.sort((a, b) => a.index - b.index).map((r) => r.result);
}
