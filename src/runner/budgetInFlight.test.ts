import { describe, expect, it } from 'vitest';
import { resolveRun } from '../run/resolveRun.ts';
import type { Target, TargetSession } from '../targets/Target.ts';
import { runConformance } from './runConformance.ts';
import { toursOfRun } from './planTours.ts';

const BUDGET_MS = 300;
/** CPU time each operation costs on the slowed target (ms), spent without yielding. */
const OP_MS = 2;

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spin: a CPU-bound target gives the event loop no turn by itself.
  }
}

/** `target` whose every operation first burns {@link OP_MS} of CPU; `starts` gets each start time. */
function slowed(target: Target, starts: number[]): Target {
  return {
    name: target.name,
    capabilities: target.capabilities,
    async open(ctx) {
      const inner = await target.open(ctx);
      const session: TargetSession = {
        apply: (op) => {
          starts.push(Date.now());
          busy(OP_MS);
          return inner.apply(op);
        },
        advance: (ms) => inner.advance(ms),
        now: () => inner.now(),
        close: () => inner.close(),
      };
      if (inner.inject === undefined) return session;
      return {
        ...session,
        inject: (event, fn) => inner.inject?.(event, fn) ?? Promise.resolve({ kind: 'applied' }),
      };
    },
  };
}

// Issue 13: "the time budget does not stop a long sequence".
describe('the time budget on the memory target', () => {
  it('stops the sequence in flight within a few operations, not at its end', async () => {
    const { run, opened } = await resolveRun(
      'scenarios/default.yaml',
      { runs: 1000, maxCommands: 10_000, timeBudget: BUDGET_MS, save: false, reporters: [] },
      { commandLine: 'test' },
    );
    try {
      // The tours sequences start with are planned once per process, when first needed: planned
      // here, before the clock starts, so that what is timed is how the budget stops a sequence.
      toursOfRun(run.spec, {
        reading: run.reading,
        capabilities: run.target.capabilities,
        weights: run.weights,
        maxCommands: run.maxCommands,
      });
      const starts: number[] = [];
      const started = Date.now();
      const record = await runConformance({ ...run, target: slowed(run.target, starts) });
      expect(record.stoppedBy).toBe('time-budget');
      // A 10,000-command sequence takes up to 20 s here; the budget ends it within one turn.
      const late = starts.filter((t) => t > started + BUDGET_MS + 100);
      expect(late.length).toBeLessThanOrEqual(30);
      expect(Date.now() - started).toBeLessThan(BUDGET_MS + 2000);
    } finally {
      await opened.dispose();
    }
  });
});
