import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { commandsArbitrary } from '../commands/buildCommands.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import type { Timing, TargetSession } from '../targets/Target.ts';
import { DivergenceFound, Execution } from './Execution.ts';
import type { Lane } from './planLanes.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import type { RunRecorder } from './RunRecorder.ts';
import type { RunTally } from './StepChecker.ts';

/** A divergence a lane found, with the timing and length of its sequence. */
export interface Failure {
  readonly error: DivergenceFound;
  readonly timing: Timing;
  readonly length: number;
}

/** The simulated delays of a run: drawn from the run's ranges on virtual time, zero on real time. */
function timingArbitrary(run: ResolvedRun): fc.Arbitrary<Timing> {
  if (!run.target.capabilities.virtualTime) {
    return fc.constant({ provisionMs: 0, updateMs: 0, versionMs: 0, reactivateMs: 0 });
  }
  const range = ([min, max]: readonly [number, number]): fc.Arbitrary<number> =>
    fc.integer({ min, max });
  return fc.record({
    provisionMs: range(run.timing.provisionMs),
    updateMs: range(run.timing.updateMs),
    versionMs: range(run.timing.versionMs),
    reactivateMs: range(run.timing.reactivateMs),
  });
}

/** What a lane found. */
export interface LaneResult {
  readonly lane: Lane;
  readonly failure: Failure | undefined;
  /** Divergences of known rules (`--baseline`), first of each rule, not shrunk. */
  readonly known: readonly Failure[];
  readonly firstLength: number;
  /** Property executions (shrinks included) until the first failure, and the time it took. */
  readonly firstFailureAfter: { readonly runs: number; readonly ms: number } | undefined;
  readonly generated: number;
  readonly interrupted: boolean;
  readonly timedOut: boolean;
  readonly path: string | undefined;
}

/** What every lane of one run shares. */
export interface LaneContext {
  readonly run: ResolvedRun;
  /** Aborted on interruption (the run's signal) or when the time budget is spent. */
  readonly stop: AbortSignal;
  readonly tally: RunTally;
  readonly unobservable: ReadonlySet<string>;
  readonly recorder: RunRecorder | undefined;
  readonly started: number;
  stopAfterLane(): number;
  onFailure(lane: number): void;
  onRunDone(): void;
}

/** Property executions a slow target may spend on shrinking one counterexample. */
function shrinkBudget(run: ResolvedRun): number {
  return run.maxShrinks ?? Infinity;
}

/**
 * Runs one lane: fast-check generates its sequences from the lane's seed, each runs on a fresh
 * session through an {@link Execution}, and the first divergence is shrunk (the last failing
 * sequence is the lane's counterexample). Divergences of known rules are kept, not shrunk.
 */
export async function runLane(lane: Lane, ctx: LaneContext): Promise<LaneResult> {
  const { run, tally, recorder } = ctx;
  const options = {
    reading: run.reading,
    strictness: run.strictness,
    unobservable: ctx.unobservable,
    virtualTime: run.target.capabilities.virtualTime,
  };
  const commands = commandsArbitrary(run.spec, {
    functions: run.functions,
    maxCommands: run.maxCommands,
    weights: run.weights,
    capabilities: run.target.capabilities,
  });
  let failure: Failure | undefined;
  const known = new Map<string, Failure>();
  const onKnown = (rule: string, error: DivergenceFound, timing: Timing, length: number): void => {
    if (!known.has(rule)) known.set(rule, { error, timing, length });
  };
  let firstLength = 0;
  let firstFailureAfter: LaneResult['firstFailureAfter'];
  let executions = 0;
  let generated = 0;
  let shrinks = 0;
  let interrupted = false;
  let timedOut = false;
  // Sequences still running when fast-check stops waiting for them (time budget): awaited below.
  const inflight = new Set<Promise<void>>();
  const aborted = (): boolean => ctx.stop.aborted;
  const noteStop = (): void => {
    if (run.signal?.aborted === true) interrupted = true;
    else timedOut = true;
  };
  const skip = (): boolean =>
    aborted() ||
    ctx.stopAfterLane() < lane.index ||
    (failure !== undefined && shrinks >= shrinkBudget(run));
  const body = async (
    timing: Timing,
    cmds: Iterable<fc.AsyncCommand<Execution, unknown>>,
  ): Promise<void> => {
    if (skip()) {
      if (aborted()) noteStop();
      return;
    }
    executions++;
    // After the lane's first failure, every execution is fast-check trying a smaller variant.
    const shrink = failure !== undefined;
    if (!shrink) generated++;
    const runId = randomUUID().slice(0, 8);
    const onStep = recorder?.startRun({
      run: runId,
      target: run.targetInfo.name,
      mutants: run.targetInfo.mutants,
      reading: run.reading,
      spec: { file: relative(process.cwd(), run.spec.file), hash: run.spec.hash },
      timing,
      seed: lane.seed,
      lane: lane.index,
      ...(shrink ? { shrink } : {}),
      unobservable: [...ctx.unobservable],
    });
    const session = await run.target.open({ runId, timing, signal: ctx.stop });
    const length = [...cmds].length;
    const execution = new Execution(run.spec, session, tally, {
      ...options,
      knownRules: run.knownRules,
      signal: ctx.stop,
      onKnown: (rule, error) => onKnown(rule, error, timing, length),
      ...(onStep !== undefined ? { onStep } : {}),
    });
    try {
      await fc.asyncModelRun(() => ({ model: execution, real: undefined }), cmds);
    } catch (error) {
      if (aborted()) {
        noteStop();
        return;
      }
      if (error instanceof DivergenceFound) {
        if (failure === undefined) {
          firstLength = length;
          firstFailureAfter = { runs: executions, ms: Date.now() - ctx.started };
          ctx.onFailure(lane.index);
        } else {
          shrinks++;
        }
        failure = { error, timing, length };
      }
      throw error;
    } finally {
      await closeSession(session, ctx.tally);
      ctx.onRunDone();
    }
  };
  const property = fc.asyncProperty(timingArbitrary(run), commands, async (timing, cmds) => {
    // Stopped (signal, budget): end fast-check's loop rather than generate every remaining run.
    if (aborted()) {
      noteStop();
      throw new fc.PreconditionFailure(true);
    }
    const running = body(timing, cmds);
    inflight.add(running);
    try {
      await running;
    } finally {
      inflight.delete(running);
    }
  });
  const details = await fc.check(property, {
    seed: lane.seed,
    numRuns: lane.runs,
    ...(run.timeBudgetMs !== undefined
      ? { interruptAfterTimeLimit: run.timeBudgetMs, markInterruptAsFailure: false }
      : {}),
  });
  // fast-check stops waiting at the time budget; the sequence in flight stops at its next command
  // (the budget aborts ctx.stop) and must finish, and clean up, before the record is built.
  await Promise.allSettled([...inflight]);
  // fast-check calls a run interrupted before its first sequence finished a failure without an
  // error: that is the time budget, not a harness bug.
  const emptyInterrupt = details.interrupted && details.errorInstance == null;
  if (
    details.failed &&
    !emptyInterrupt &&
    !(details.errorInstance instanceof DivergenceFound) &&
    failure === undefined
  ) {
    // A harness bug or target failure, not a divergence: surface it.
    throw details.errorInstance instanceof Error
      ? details.errorInstance
      : new Error('property failed without an error');
  }
  return {
    lane,
    failure,
    known: [...known.values()],
    firstLength,
    firstFailureAfter,
    generated,
    interrupted,
    timedOut: timedOut || details.interrupted,
    path: details.counterexamplePath ?? undefined,
  };
}

/**
 * Closes a session. A cleanup that left functions behind (`CLEANUP_FAILED`, naming them and the
 * command that removes them) makes the run inconclusive instead of ending it without a report.
 */
async function closeSession(session: TargetSession, tally: RunTally): Promise<void> {
  try {
    await session.close();
  } catch (error) {
    if (!(error instanceof HarnessError && error.code === 'CLEANUP_FAILED')) throw error;
    tally.inconclusive.push({ command: 'cleanup', reason: error.message });
  }
}
