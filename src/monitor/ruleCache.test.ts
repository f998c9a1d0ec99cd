import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandExecutor } from '../commands/buildCommands.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import type { TargetSession } from '../targets/Target.ts';
import { guardHolds } from './evaluate.ts';
import { FunctionMonitor } from './Monitor.ts';
import { ruleCache } from './ruleCache.ts';
import { acrossFaithfulAndMutants } from './acrossTargets.testkit.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

/**
 * Runs commands on the memory target with one monitor per function and, before every operation,
 * holds the cache's rule and enabled transitions for each possible state against the guards
 * evaluated there and then.
 */
class EveryChoiceCompared implements CommandExecutor {
  private readonly monitors = new Map<string, FunctionMonitor>();
  compared = 0;

  constructor(private readonly session: TargetSession) {}

  private monitor(fn: string): FunctionMonitor {
    let m = this.monitors.get(fn);
    if (m === undefined) {
      m = new FunctionMonitor(spec, { reading: 'seed' });
      this.monitors.set(fn, m);
    }
    return m;
  }

  async execute(cmd: HarnessCommand): Promise<void> {
    switch (cmd.kind) {
      case 'wait':
        return this.session.advance(cmd.ms);
      case 'settle':
        return this.session.advance(30_000);
      case 'inject':
        await this.session.inject?.(cmd.event, cmd.fn);
        this.monitor(cmd.fn).inject(cmd.event, this.session.now());
        return this.operate({ name: 'GetFunction', fn: cmd.fn, args: {} });
      case 'op':
        return this.operate(cmd.op);
    }
  }

  private async operate(op: Operation): Promise<void> {
    const m = this.monitor(op.fn);
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
    const at = this.session.now();
    const obs = await this.session.apply(op);
    if (m.step(op, obs, at, this.session.now()).kind === 'divergence') m.recover();
  }
}

describe('the rule cache', () => {
  it('chooses the rule and the transitions the guards choose, on faithful and mutant targets', async () => {
    let compared = 0;
    await acrossFaithfulAndMutants(
      spec,
      (session) => new EveryChoiceCompared(session),
      (executor) => {
        compared += executor.compared;
      },
    );
    // Many choices compared (else the comparison would prove little).
    expect(compared).toBeGreaterThan(3000);
  }, 60_000);
});
