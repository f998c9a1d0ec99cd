import fc from 'fast-check';
import { commandsArbitrary, type CommandExecutor } from '../src/commands/buildCommands.ts';
import type { HarnessCommand } from '../src/commands/HarnessCommand.ts';
import { Execution } from '../src/runner/Execution.ts';
import { createRunTally } from '../src/runner/StepChecker.ts';
import type { Spec } from '../src/spec/Spec.ts';
import { createMemoryTarget } from '../src/targets/memory/MemoryTarget.ts';
import { INPUT_DEFAULTS } from '../src/lambda/catalogue.ts';
import type { Observation } from '../src/lambda/Observation.ts';
import type { Operation } from '../src/lambda/Operation.ts';
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
    switch (cmd.kind) {
      case 'wait':
        return this.session.advance(cmd.ms);
      case 'inject':
        // The same calls as the harness: the event, then a look at the function.
        await this.session.inject?.(cmd.event, cmd.fn);
        await this.operate({ name: 'GetFunction', fn: cmd.fn, args: {} });
        return;
      case 'settle':
        return this.settle();
      case 'op':
        await this.operate(cmd.op);
        return;
    }
  }

  /** Polls GetFunction with the harness's doubling delays until nothing is Pending or InProgress. */
  private async settle(): Promise<void> {
    for (let delay = 1_000, waited = 0; waited < 16 * 60_000; delay = Math.min(delay * 2, 60_000)) {
      let busy = false;
      for (const fn of this.model.keys()) {
        const obs = await this.operate({ name: 'GetFunction', fn, args: {} });
        busy ||=
          obs.kind === 'ok' &&
          (obs.fields['State'] === 'Pending' || obs.fields['LastUpdateStatus'] === 'InProgress');
      }
      if (!busy) return;
      await this.session.advance(delay);
      waited += delay;
    }
  }

  private async operate(op: Operation): Promise<Observation> {
    const cmd = { op };
    const obs: Observation = await this.session.apply(cmd.op);
    this.onOperation();
    const fn = this.model.get(cmd.op.fn) ?? { exists: false };
    switch (cmd.op.name) {
      case 'CreateFunction':
        if (!fn.exists && (obs.kind !== 'ok' || obs.fields['State'] !== 'Pending'))
          throw new Error('create must answer Pending');
        fn.exists = true;
        break;
      // Of the function itself: a version or an alias qualifier names something else.
      case 'DeleteFunction':
        if (unqualified(cmd.op)) fn.exists = false;
        break;
      case 'GetFunction':
        if (unqualified(cmd.op) && !fn.exists && obs.kind !== 'error')
          throw new Error('deleted function still found');
        break;
      default:
        break;
    }
    this.model.set(cmd.op.fn, fn);
    return obs;
  }
}

/** Whether `op` names the function itself ($LATEST), not one of its versions or aliases. */
function unqualified(op: Operation): boolean {
  return (op.args['qualifier'] ?? INPUT_DEFAULTS['qualifier']) === INPUT_DEFAULTS['qualifier'];
}

/** Runs `runs` sequences (same seed, same generator) through `make` and returns ops and ms. */
async function measure(
  spec: Spec,
  runs: number,
  make: (session: TargetSession) => CommandExecutor,
  count: () => number,
): Promise<{ ms: number; cpuMs: number; operations: number }> {
  const target = createMemoryTarget();
  const commands = commandsArbitrary(spec, {
    functions: 1,
    maxCommands: 30,
    weights: {},
    capabilities: target.capabilities,
  });
  const start = performance.now();
  const cpu = process.cpuUsage();
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => {
      const session = await target.open({ runId: 'bench', timing: TIMING });
      await fc.asyncModelRun(() => ({ model: make(session), real: undefined }), cmds);
      await session.close();
    }),
    { seed: 42, numRuns: runs },
  );
  const used = process.cpuUsage(cpu);
  return {
    ms: performance.now() - start,
    cpuMs: (used.user + used.system) / 1000,
    operations: count(),
  };
}

/**
 * Checked operations per second, spec-driven harness vs the plain baseline, and their ratio. Each
 * is measured `rounds` times, alternating, and the fastest round counts (noise only slows down).
 * Also the ratio of the fastest rounds in CPU time (less disturbed by other processes on a shared
 * machine) and the median and spread of the rounds' own (wall-clock) ratios. Each round runs on a
 * fresh copy of the spec, so that what the monitor caches per spec starts cold, as in a new run
 * (the same sequences again would otherwise find every step remembered).
 */
export async function harnessOverhead(
  spec: Spec,
  runs: number,
  rounds = 5,
): Promise<Record<string, number>> {
  let best = { harness: Infinity, plain: Infinity, harnessOps: 0, plainOps: 0 };
  let bestCpu = { harness: Infinity, plain: Infinity };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const fresh = structuredClone(spec);
    let plainOps = 0;
    const plain = await measure(
      spec,
      runs,
      (session) => new PlainExecutor(session, () => plainOps++),
      () => plainOps,
    );
    const tally = createRunTally(fresh);
    const harness = await measure(
      fresh,
      runs,
      (session) =>
        new Execution(fresh, session, tally, {
          reading: 'seed',
          unobservable: new Set(),
          virtualTime: true,
        }),
      () => tally.operations,
    );
    ratios.push(harness.ms / plain.ms);
    bestCpu = {
      harness: Math.min(bestCpu.harness, harness.cpuMs),
      plain: Math.min(bestCpu.plain, plain.cpuMs),
    };
    best = {
      harness: Math.min(best.harness, harness.ms),
      plain: Math.min(best.plain, plain.ms),
      harnessOps: harness.operations,
      plainOps: plain.operations,
    };
  }
  return {
    harnessOpsPerSec: Math.round((best.harnessOps / best.harness) * 1000),
    plainOpsPerSec: Math.round((best.plainOps / best.plain) * 1000),
    harnessMs: Math.round(best.harness),
    plainMs: Math.round(best.plain),
    operations: best.harnessOps,
    plainOperations: best.plainOps,
    ratio: round2(best.harness / best.plain),
    cpuRatio: round2(bestCpu.harness / bestCpu.plain),
    medianRoundRatio: round2(ratios.sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? NaN),
    minRoundRatio: round2(ratios[0] ?? NaN),
    maxRoundRatio: round2(ratios.at(-1) ?? NaN),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
