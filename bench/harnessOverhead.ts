import fc from 'fast-check';
import { commandsArbitrary, type CommandExecutor } from '../src/commands/buildCommands.ts';
import type { HarnessCommand } from '../src/commands/HarnessCommand.ts';
import { Coverage } from '../src/runner/Coverage.ts';
import { Execution, type ExecutionSink } from '../src/runner/Execution.ts';
import type { Spec } from '../src/spec/Spec.ts';
import { createMemoryTarget } from '../src/targets/memory/MemoryTarget.ts';
import type { Observation } from '../src/targets/Observation.ts';
import type { TargetSession, Timing } from '../src/targets/Target.ts';

const TIMING: Timing = { provisionMs: 1000, updateMs: 1000, versionMs: 500, reactivateMs: 1000 };

/**
 * The plain baseline: the same commands on the same simulation, checked by a small hand-written
 * model (what a team would write without the spec): created functions answer Pending and deleted
 * functions are gone.
 */
class PlainExecutor implements CommandExecutor {
  private readonly model = new Map<string, { exists: boolean }>();
  constructor(
    private readonly session: TargetSession,
    private readonly onOperation: () => void,
  ) {}

  async execute(cmd: HarnessCommand): Promise<void> {
    if (cmd.kind === 'wait') return this.session.advance(cmd.ms);
    if (cmd.kind === 'inject') return this.session.inject?.(cmd.event, cmd.fn);
    if (cmd.kind === 'settle') return this.session.advance(60_000);
    const obs: Observation = await this.session.apply(cmd.op);
    this.onOperation();
    const fn = this.model.get(cmd.op.fn) ?? { exists: false };
    switch (cmd.op.name) {
      case 'CreateFunction':
        if (!fn.exists && (obs.kind !== 'ok' || obs.fields['State'] !== 'Pending')) throw new Error('create must answer Pending');
        fn.exists = true;
        break;
      case 'DeleteFunction':
        fn.exists = false;
        break;
      case 'GetFunction':
        if (!fn.exists && obs.kind !== 'error') throw new Error('deleted function still found');
        break;
      default:
        break;
    }
    this.model.set(cmd.op.fn, fn);
  }
}

/** Runs `runs` sequences (same seed, same generator) through `make` and returns ops and ms. */
async function measure(
  spec: Spec,
  runs: number,
  make: (session: TargetSession) => CommandExecutor,
  count: () => number,
): Promise<{ ms: number; operations: number }> {
  const target = createMemoryTarget();
  const commands = commandsArbitrary(spec, { functions: 1, maxCommands: 30, weights: {}, capabilities: target.capabilities });
  const start = performance.now();
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => {
      const session = await target.open({ runId: 'bench', timing: TIMING });
      await fc.asyncModelRun(() => ({ model: make(session), real: undefined }), cmds);
      await session.close();
    }),
    { seed: 42, numRuns: runs },
  );
  return { ms: performance.now() - start, operations: count() };
}

/** Checked operations per second, spec-driven harness vs the plain baseline, and their ratio. */
export async function harnessOverhead(spec: Spec, runs: number): Promise<Record<string, number>> {
  const sink: ExecutionSink = { coverage: new Coverage(spec), operations: 0, largestStateSet: 1, inconclusive: [], unspecified: [] };
  let plainOps = 0;
  const plain = await measure(
    spec,
    runs,
    (session) => new PlainExecutor(session, () => plainOps++),
    () => plainOps,
  );
  const harness = await measure(
    spec,
    runs,
    (session) => new Execution(spec, session, sink, { reading: 'seed', unobservable: new Set(), virtualTime: true }),
    () => sink.operations,
  );
  return {
    harnessOpsPerSec: Math.round((harness.operations / harness.ms) * 1000),
    plainOpsPerSec: Math.round((plain.operations / plain.ms) * 1000),
    harnessMs: Math.round(harness.ms),
    plainMs: Math.round(plain.ms),
    ratio: Math.round((harness.ms / plain.ms) * 100) / 100,
  };
}
