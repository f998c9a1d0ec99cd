import { resolveRun } from '../src/run/resolveRun.ts';
import { runConformance } from '../src/runner/runConformance.ts';

/**
 * Wall time of a fixed suite (the aws target, through the SDK over HTTP, against the built-in
 * emulator with 200 ms provisioning and update delays) at several concurrencies.
 */
export async function emulatorConcurrency(
  runs: number,
  levels: readonly number[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const level of levels) {
    const { run, opened } = await resolveRun(
      'scenarios/emulator.yaml',
      { save: false, reporters: [], runs, maxCommands: 8, concurrency: level },
      { commandLine: 'bench' },
    );
    try {
      // Waits and Settles make the suite spend its time waiting on the target, as against AWS.
      // Shard 1/1 makes every run its own lane at every concurrency: the same sequences each time.
      const fixed = {
        ...run,
        weights: { ...run.weights, Wait: 3, Settle: 2 },
        timeBudgetMs: undefined,
        shard: { index: 1, count: 1 },
      };
      const start = performance.now();
      const record = await runConformance(fixed);
      out[`c${level}Ms`] = Math.round(performance.now() - start);
      out[`c${level}Operations`] = record.operations;
      if (record.verdict === 'divergence')
        throw new Error(`emulator suite diverged at concurrency ${level}`);
    } finally {
      await opened.dispose();
    }
  }
  const base = out[`c${levels[0] ?? 1}Ms`] ?? 1;
  for (const level of levels)
    out[`c${level}Speedup`] = Math.round((base / (out[`c${level}Ms`] ?? 1)) * 10) / 10;
  return out;
}
