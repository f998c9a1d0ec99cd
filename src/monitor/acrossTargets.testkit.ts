import fc from 'fast-check';
import { commandsArbitrary, type CommandExecutor } from '../commands/buildCommands.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Operation } from '../lambda/Operation.ts';
import type { Spec } from '../spec/Spec.ts';
import { FunctionMonitor } from './Monitor.ts';
import { createMemoryTarget } from '../targets/memory/MemoryTarget.ts';
import { MUTANTS } from '../targets/memory/mutants.ts';
import type { TargetSession } from '../targets/Target.ts';

/** The memory target's timing in these runs: every transition takes a second or less. */
export const TEST_TIMING = {
  provisionMs: 1000,
  updateMs: 1000,
  versionMs: 500,
  reactivateMs: 1000,
};

/**
 * Runs generated sequences of two functions (fast-check seed 16: 100 on the faithful memory target,
 * 5 on each mutant), each through a fresh executor of its session, and hands every executor to
 * `done` once its sequence has run (to add up what it compared).
 */
export async function acrossFaithfulAndMutants<E extends CommandExecutor>(
  spec: Spec,
  executorOf: (session: TargetSession) => E,
  done: (executor: E) => void,
): Promise<void> {
  for (const mutant of [undefined, ...MUTANTS.map((m) => m.name)]) {
    const target = createMemoryTarget({ mutants: mutant === undefined ? [] : [mutant] });
    const commands = commandsArbitrary(spec, {
      functions: 2,
      maxCommands: 25,
      weights: {},
      capabilities: target.capabilities,
    });
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const session = await target.open({ runId: 'across', timing: TEST_TIMING });
        const executor = executorOf(session);
        await fc.asyncModelRun(() => ({ model: executor, real: undefined }), cmds);
        await session.close();
        done(executor);
      }),
      { seed: 16, numRuns: mutant === undefined ? 100 : 5, endOnFailure: true },
    );
  }
}

/**
 * Runs commands on a memory session with one monitor per function (going on after divergences),
 * calling {@link beforeCommand} before each command and {@link beforeOperation} before each
 * operation (an injected event is followed by a GetFunction), for a test to compare what it asks.
 */
export class MonitoredRun implements CommandExecutor {
  private readonly monitors = new Map<string, FunctionMonitor>();

  constructor(
    protected readonly spec: Spec,
    private readonly session: TargetSession,
  ) {}

  /** The monitor of function `fn`, made on first use. */
  protected monitor(fn: string): FunctionMonitor {
    let m = this.monitors.get(fn);
    if (m === undefined) {
      m = new FunctionMonitor(this.spec, { reading: 'seed' });
      this.monitors.set(fn, m);
    }
    return m;
  }

  /** Called before each command. */
  protected beforeCommand(_cmd: HarnessCommand): void {}

  /** Called before each operation, with the monitor of its function. */
  protected beforeOperation(_op: Operation, _monitor: FunctionMonitor): void {}

  async execute(cmd: HarnessCommand): Promise<void> {
    this.beforeCommand(cmd);
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
    this.beforeOperation(op, m);
    const at = this.session.now();
    const obs = await this.session.apply(op);
    if (m.step(op, obs, at, this.session.now()).kind === 'divergence') m.recover();
  }
}
