import fc from 'fast-check';
import { commandsArbitrary, type CommandExecutor } from '../commands/buildCommands.ts';
import type { Spec } from '../spec/Spec.ts';
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
