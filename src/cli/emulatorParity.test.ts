import { describe, expect, it } from 'vitest';
import type { ReplayOutcome } from '../runner/replay.ts';
import { generateSequences } from '../runner/generateSequences.ts';
import type { Timing } from '../targets/Target.ts';
import { onEmulator, replayOn } from './awsCli.testkit.ts';
import { resolveRun } from '../run/resolveRun.ts';

/** The delays both targets use: far above an HTTP round trip, far below the long waits. */
const PARITY_TIMING: Timing = {
  provisionMs: 600,
  updateMs: 600,
  versionMs: 400,
  reactivateMs: 600,
};
/** Every wait becomes 0 or this: longer than any delay, so no wait races a transition. */
const PARITY_LONG_WAIT_MS = 1_500;

/** What one step showed, without the ids and timestamps that differ between targets. */
function stepKinds(outcome: ReplayOutcome): string[] {
  return outcome.trace.map((t) => {
    const observed = /^(ok|error \S+ \(\d+\)|inconclusive)/.exec(t.observation)?.[1] ?? 'harness';
    return `${t.command} → ${observed} [${t.verdict}: ${t.rules.join(', ')}]`;
  });
}

describe('the aws target over the emulator and the memory target agree', () => {
  it('gives the same verdict and rules, step by step, on the same generated sequences', async () => {
    const { run: memory } = await resolveRun(
      undefined,
      { target: 'memory', save: false },
      { commandLine: 'test' },
    );
    await onEmulator(memory.spec.file, PARITY_TIMING, [], async (aws) => {
      const sequences = generateSequences(memory.spec, {
        runs: 20,
        seed: 20261123,
        maxCommands: 20,
        functions: 1,
        weights: { Settle: 0, CreateFunction: 2 },
        capabilities: aws.target.capabilities,
        timing: PARITY_TIMING,
      });
      let steps = 0;
      for (const sequence of sequences) {
        const commands = sequence.commands.map((c) =>
          c.kind === 'wait'
            ? { kind: 'wait' as const, ms: c.ms < 500 ? 0 : PARITY_LONG_WAIT_MS }
            : c,
        );
        const onMemory = await replayOn(memory, PARITY_TIMING, commands);
        const overHttp = await replayOn(aws, PARITY_TIMING, commands);
        expect(onMemory.verdict).toBe('conformant');
        expect(stepKinds(overHttp)).toEqual(stepKinds(onMemory));
        steps += onMemory.trace.length;
      }
      expect(steps).toBeGreaterThan(100);
    });
  });
});
