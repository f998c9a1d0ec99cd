import { beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { guardHolds } from './evaluate.ts';
import type { FunctionMonitor } from './Monitor.ts';
import { ruleCache } from './ruleCache.ts';
import { acrossFaithfulAndMutants, MonitoredRun } from './acrossTargets.testkit.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

/**
 * Runs commands on the memory target with one monitor per function and, before every operation,
 * holds the cache's rule and enabled transitions for each possible state against the guards
 * evaluated there and then.
 */
class EveryChoiceCompared extends MonitoredRun {
  compared = 0;

  protected override beforeOperation(op: Operation, m: FunctionMonitor): void {
    const cache = ruleCache(spec, 'seed');
    for (const state of m.possibleStates) {
      const rules = spec.operations.get(op.name)?.rules ?? [];
      expect(cache.ruleFor(op, state)).toBe(
        rules.find((r) => guardHolds(r.when, state, op, 'seed')),
      );
      expect(cache.enabledAsync(state)).toEqual(
        cache.asyncTransitions.filter((t) => guardHolds(t.from, state, undefined, 'seed')),
      );
      this.compared++;
    }
  }
}

describe('the rule cache', () => {
  it('chooses the rule and the transitions the guards choose, on faithful and mutant targets', async () => {
    let compared = 0;
    await acrossFaithfulAndMutants(
      spec,
      (session) => new EveryChoiceCompared(spec, session),
      (executor) => {
        compared += executor.compared;
      },
    );
    // Many choices compared (else the comparison would prove little).
    expect(compared).toBeGreaterThan(3000);
  }, 60_000);
});
