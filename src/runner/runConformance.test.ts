import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveRun } from '../run/resolveRun.ts';
import { runConformance } from './runConformance.ts';

async function faithful(reading: 'seed' | 'current') {
  return resolveRun(
    'scenarios/default.yaml',
    { save: false, reporters: [], reading },
    { commandLine: 'test' },
  );
}

describe('runConformance', () => {
  it.each(['seed', 'current'] as const)(
    'the faithful memory simulation conforms for every seed (reading %s)',
    async (reading) => {
      const { run, opened } = await faithful(reading);
      try {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
            const record = await runConformance({ ...run, seed, runs: 40 });
            expect(record.divergences.map((d) => `${d.ruleId}: ${d.operation}`)).toEqual([]);
            expect(record.verdict).toBe('conformant');
          }),
          { numRuns: 25 },
        );
      } finally {
        await opened.dispose();
      }
    },
  );

  it('checks every rule and transition of the spec in the default scenario', async () => {
    const { run, opened } = await faithful('seed');
    try {
      const record = await runConformance(run);
      expect(record.coverage.filter((c) => c.exercised === 0).map((c) => c.id)).toEqual([]);
      expect(record.runsCompleted).toBeGreaterThanOrEqual(1000);
      expect(record.largestStateSet).toBeGreaterThan(1);
    } finally {
      await opened.dispose();
    }
  });

  it('records a documented strictness, under which a documented rule still diverges', async () => {
    const { run, opened } = await resolveRun(
      'scenarios/default.yaml',
      { mutants: ['create-says-active'], save: false, reporters: [] },
      { commandLine: 'test' },
    );
    try {
      expect(run.strictness).toBe('all');
      const record = await runConformance({ ...run, strictness: 'documented', runs: 20 });
      expect(record.strictness).toBe('documented');
      expect(record.verdict).toBe('divergence');
      expect(record.divergences[0]?.ruleId).toBe('create');
      const faithful = await runConformance({ ...run, runs: 1 });
      expect(faithful).not.toHaveProperty('strictness');
    } finally {
      await opened.dispose();
    }
  });

  it('counts shrink attempts apart from runs in its progress: runs never pass the planned number', async () => {
    const { run, opened } = await resolveRun(
      'scenarios/default.yaml',
      { mutants: ['create-says-active'], save: false, reporters: [] },
      { commandLine: 'test' },
    );
    try {
      const seen: {
        runsDone: number;
        runsPlanned: number;
        divergences: number;
        shrinkAttempts?: number;
      }[] = [];
      const record = await runConformance(
        { ...run, runs: 30 },
        { onProgress: (p) => seen.push(p) },
      );
      expect(record.verdict).toBe('divergence');
      const last = seen.at(-1);
      expect(last?.runsPlanned).toBe(30);
      expect(Math.max(...seen.map((p) => p.runsDone))).toBe(30);
      // The divergence was shrunk: those sequences are counted, as shrink attempts.
      expect(last?.shrinkAttempts ?? 0).toBeGreaterThan(0);
      // Going on after divergences (no --bail), the progress still counts them.
      expect(last?.divergences).toBe(record.divergences.length);
      expect(seen.length).toBe(30 + (last?.shrinkAttempts ?? 0));
    } finally {
      await opened.dispose();
    }
  });

  it('gives the time budget to the sequences: tours planned before they start do not spend it', async () => {
    const { run, opened } = await faithful('seed');
    try {
      // A copy of the spec is planned afresh (no cached tours): that takes far longer than 20 ms.
      const record = await runConformance({
        ...run,
        spec: { ...run.spec },
        runs: 1000,
        timeBudgetMs: 20,
      });
      expect(record.operations).toBeGreaterThan(0);
      expect(record.runsCompleted).toBeLessThan(1000);
    } finally {
      await opened.dispose();
    }
  });

  it('reports a record without side effects when interrupted before it starts', async () => {
    const { run, opened } = await faithful('seed');
    const controller = new AbortController();
    controller.abort();
    try {
      const record = await runConformance({ ...run, signal: controller.signal, runs: 50 });
      expect(record.stoppedBy).toBe('interrupted');
      expect(record.operations).toBe(0);
      expect(record.verdict).toBe('inconclusive');
    } finally {
      await opened.dispose();
    }
  });
});
