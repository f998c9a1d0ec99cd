import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { commandsArbitrary, type CommandExecutor } from '../commands/buildCommands.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { createMemoryTarget } from '../targets/memory/MemoryTarget.ts';
import { MUTANTS, type MutantName } from '../targets/memory/mutants.ts';
import type { TargetSession } from '../targets/Target.ts';
import { FunctionMonitor, type MonitorOptions } from './Monitor.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

const TIMING = { provisionMs: 1000, updateMs: 1000, versionMs: 500, reactivateMs: 1000 };

/**
 * Runs each command on the target and feeds every observation to two monitors of each function,
 * one remembering steps and one working each out in full, and asserts after every step that they
 * agree on everything they expose: verdict, possible states (with their times and RevisionIds),
 * largest set, confirmed transitions, and after a divergence its explanation and what recovery
 * leaves. Some observations are taken as inconclusive, as a flaky answer would be.
 */
class Lockstep implements CommandExecutor {
  private readonly pairs = new Map<string, [FunctionMonitor, FunctionMonitor]>();
  steps = 0;
  divergences = 0;

  constructor(
    private readonly session: TargetSession,
    private readonly options: MonitorOptions,
    private readonly unknown: (step: number) => boolean,
  ) {}

  private pair(fn: string): [FunctionMonitor, FunctionMonitor] {
    let p = this.pairs.get(fn);
    if (p === undefined) {
      p = [
        new FunctionMonitor(spec, { stepMemoMinStates: 1, ...this.options }),
        new FunctionMonitor(spec, { ...this.options, stepMemo: false }),
      ];
      this.pairs.set(fn, p);
    }
    return p;
  }

  async execute(cmd: HarnessCommand): Promise<void> {
    switch (cmd.kind) {
      case 'wait':
        return this.session.advance(cmd.ms);
      case 'settle':
        return this.session.advance(30_000);
      case 'inject': {
        await this.session.inject?.(cmd.event, cmd.fn);
        const [memo, full] = this.pair(cmd.fn);
        const at = this.session.now();
        expect(memo.inject(cmd.event, at)).toEqual(full.inject(cmd.event, at));
        expect(memo.possibleStates).toEqual(full.possibleStates);
        return this.operate({ name: 'GetFunction', fn: cmd.fn, args: {} });
      }
      case 'op':
        return this.operate(cmd.op);
    }
  }

  private async operate(op: Operation): Promise<void> {
    const startedAt = this.session.now();
    const answer = await this.session.apply(op);
    // Answers take 0, 1 or 2 ms, so starts, ends and earlier changes order in every way.
    await this.session.advance(this.steps % 3);
    const endedAt = this.session.now();
    const obs: Observation = this.unknown(this.steps++)
      ? { kind: 'inconclusive', reason: 'taken as unknown' }
      : answer;
    const [memo, full] = this.pair(op.fn);
    const verdict = memo.step(op, obs, startedAt, endedAt);
    expect(verdict).toEqual(full.step(op, obs, startedAt, endedAt));
    if (verdict.kind === 'divergence') {
      this.divergences++;
      expect(memo.explainDivergence()).toEqual(full.explainDivergence());
      expect(memo.recover()).toBe(full.recover());
    }
    expect(memo.possibleStates).toEqual(full.possibleStates);
    expect(memo.largestSet).toBe(full.largestSet);
    expect(memo.lastConfirmedTransitions).toEqual(full.lastConfirmedTransitions);
    expect(memo.hasPendingAsync()).toBe(full.hasPendingAsync());
  }
}

const mutantNames: readonly MutantName[] = MUTANTS.map((m) => m.name);

describe('the step memo', () => {
  it('gives the verdicts and states of full checking, on faithful and mutant targets', async () => {
    let steps = 0;
    let divergences = 0;
    for (const mutant of [undefined, ...mutantNames]) {
      const target = createMemoryTarget({ mutants: mutant === undefined ? [] : [mutant] });
      const commands = commandsArbitrary(spec, {
        functions: 2,
        maxCommands: 25,
        weights: {},
        capabilities: target.capabilities,
      });
      await fc.assert(
        fc.asyncProperty(commands, fc.integer({ min: 0, max: 9 }), async (cmds, unknownEvery) => {
          const session = await target.open({ runId: 'memo', timing: TIMING });
          // One in `unknownEvery` steps is inconclusive (none when 0).
          const lockstep = new Lockstep(
            session,
            { reading: 'seed' },
            (i) => unknownEvery > 0 && i % (unknownEvery * 3) === unknownEvery,
          );
          await fc.asyncModelRun(() => ({ model: lockstep, real: undefined }), cmds);
          await session.close();
          steps += lockstep.steps;
          divergences += lockstep.divergences;
        }),
        { seed: 16, numRuns: mutant === undefined ? 150 : 15, endOnFailure: true },
      );
    }
    // The comparison covered many steps and divergences (else it would prove little).
    expect(steps).toBeGreaterThan(3000);
    expect(divergences).toBeGreaterThan(20);
  }, 120_000);

  it('agrees under strictness documented with fields the target cannot see', async () => {
    const target = createMemoryTarget({ mutants: ['invoke-runs-staged'] });
    const commands = commandsArbitrary(spec, {
      functions: 1,
      maxCommands: 25,
      weights: {},
      capabilities: target.capabilities,
    });
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const session = await target.open({ runId: 'memo', timing: TIMING });
        const lockstep = new Lockstep(
          session,
          { reading: 'seed', strictness: 'documented', unobservable: new Set(['ranCode']) },
          () => false,
        );
        await fc.asyncModelRun(() => ({ model: lockstep, real: undefined }), cmds);
        await session.close();
      }),
      { seed: 16, numRuns: 100, endOnFailure: true },
    );
  }, 60_000);
});

/**
 * A function whose code and configuration updates were made without their answers (several
 * unsettled states), then read `reads` times 1 ms apart: each read closes the set again under
 * async transitions, so every step rebuilds it (new `since` times). Each step is checked by a
 * monitor remembering steps and one working each out in full, asserted to agree; returns how many
 * of the reads the remembering one worked out in full.
 */
async function unknownUpdatesThenReads(reads: number): Promise<number> {
  const target = createMemoryTarget();
  const session = await target.open({
    runId: 'memo',
    timing: { provisionMs: 500, updateMs: 10 * 60_000, versionMs: 300, reactivateMs: 500 },
  });
  const memo = new FunctionMonitor(spec, { reading: 'seed' });
  const full = new FunctionMonitor(spec, { reading: 'seed', stepMemo: false });
  const both = async (op: Operation, known = true): Promise<void> => {
    const answer = await session.apply(op);
    const at = session.now();
    const obs: Observation = known ? answer : { kind: 'inconclusive', reason: 'unknown' };
    expect(memo.step(op, obs, at, at)).toEqual(full.step(op, obs, at, at));
    expect(memo.possibleStates).toEqual(full.possibleStates);
    expect(memo.hasPendingAsync()).toBe(full.hasPendingAsync());
  };
  await both({
    name: 'CreateFunction',
    fn: 'fn0',
    args: { packageType: 'Zip', code: 1, config: 1 },
  });
  await session.advance(1_000);
  await both({ name: 'GetFunction', fn: 'fn0', args: {} });
  await both(
    { name: 'UpdateFunctionCode', fn: 'fn0', args: { code: 2, revisionId: 'none' } },
    false,
  );
  await both(
    { name: 'UpdateFunctionConfiguration', fn: 'fn0', args: { config: 2, revisionId: 'none' } },
    false,
  );
  const list: Operation = { name: 'ListVersionsByFunction', fn: 'fn0', args: {} };
  const checkAll = vi.spyOn(memo as unknown as { checkAll: () => unknown }, 'checkAll');
  for (let i = 0; i < reads; i++) {
    await session.advance(1);
    await both(list);
  }
  // Large and unsettled: what the memo is for.
  expect(memo.possibleStates.length).toBeGreaterThanOrEqual(5);
  expect(memo.hasPendingAsync()).toBe(true);
  await session.close();
  return checkAll.mock.calls.length;
}

describe('a set rebuilt from a remembered step', () => {
  it('is found remembered at the next step, with the states and verdicts of full checking', async () => {
    // The first monitor works out the first reads (the set grows as it closes), and remembers
    // those it meets again; a step met once is remembered when the second monitor meets it (see
    // StepMemo.admit); the third finds every read remembered, the set of each rebuilt from the
    // last, its shape the remembered step's (a wrong shape would miss, or give other states).
    expect(await unknownUpdatesThenReads(30)).toBeLessThanOrEqual(3);
    expect(await unknownUpdatesThenReads(30)).toBeLessThanOrEqual(3);
    expect(await unknownUpdatesThenReads(30)).toBe(0);
  });
});
