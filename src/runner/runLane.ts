import * as fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { commandsArbitrary } from '../commands/buildCommands.ts';
import type { Tour } from '../commands/plannedPrefix.ts';
import { excerpt } from '../errors/excerpt.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import { printedPath, splitPrintedPath } from './printedPath.ts';
import type { Timing, TargetSession } from '../targets/Target.ts';
import { DivergenceFound, Execution } from './Execution.ts';
import { tourSlotOf, type Lane } from './planLanes.ts';
import type { RunTourOptions } from './planTours.ts';
import { cachedToursOfRun, prepareToursOfRun } from './tourCache.ts';
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

/** A distinct divergence (rule and category) a lane found while exploring, first occurrence. */
export interface Found extends Failure {
  readonly key: string;
  /** The property execution (0-based) that found it: fast-check replays it from the lane's seed. */
  readonly index: number;
  /** Property executions until it was found, and the time it took. */
  readonly after: { readonly runs: number; readonly ms: number };
}

/** What a lane found. */
export interface LaneResult {
  readonly lane: Lane;
  /** Each distinct divergence, first occurrence, in the order found (not shrunk yet). */
  readonly found: readonly Found[];
  /** `--bail`: the first divergence, shrunk (the last failing sequence), with its path. */
  readonly bailed: { readonly failure: Failure; readonly path: string | undefined } | undefined;
  /** Divergences of known rules (`--baseline`), first of each rule, not shrunk. */
  readonly known: readonly Failure[];
  readonly generated: number;
  readonly interrupted: boolean;
  readonly timedOut: boolean;
}

/** A divergence shrunk on its own: the smallest failing sequence and its fast-check path. */
export interface Shrunk {
  readonly failure: Failure;
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
  /** `--bail`: lanes above this one stop (a lower lane has failed). */
  stopAfterLane(): number;
  /** A lane found a divergence not seen before in it (`key`: its rule and category). */
  onFailure(lane: number, key: string): void;
  /** A sequence has ended: a run of the suite, or an attempt to shrink a divergence. */
  onRunDone(shrink: boolean): void;
}

/** Property executions a slow target may spend on shrinking one counterexample. */
function shrinkBudget(run: ResolvedRun): number {
  return run.maxShrinks ?? Infinity;
}

/** How one property execution treats the divergences it meets. */
interface Attempt {
  /** Whether this execution is fast-check trying a smaller variant of a failure. */
  readonly shrink: boolean;
  /** The key being shrunk, recorded with the run (`--record`), for check-trace to pick the same. */
  readonly shrinkOf?: string;
  decide(found: DivergenceFound, timing: Timing, length: number): 'continue' | 'stop';
}

type LaneValues = [Timing, Iterable<fc.AsyncCommand<Execution, unknown>>];

/**
 * A fast-check plugin that tells which run of the lane (fast-check's run index, which its paths
 * start with) is being generated: `current()` answers it while the property generates its values,
 * undefined otherwise (shrinking does not generate).
 */
function runIndexPlugin(): { plugin: fc.Plugin<LaneValues>; current: () => number | undefined } {
  let current: number | undefined;
  return {
    plugin: () => ({
      decorateGenerate: (nested) => (mrng, runId) => {
        current = runId;
        try {
          return nested(mrng, runId);
        } finally {
          current = undefined;
        }
      },
    }),
    current: () => current,
  };
}

/** The fast-check property of a lane: one sequence per execution, on a fresh session. */
function lanePropertyOf(
  lane: Lane,
  ctx: LaneContext,
  attempt: () => Attempt | undefined,
  onKnown: (rule: string, error: DivergenceFound, timing: Timing, length: number) => void,
): {
  property: fc.IAsyncPropertyWithHooks<LaneValues>;
  /** To pass to fast-check: lets the generator know which run of the lane it generates. */
  plugins: fc.Plugin<LaneValues>[];
  settle: () => Promise<unknown>;
  noteStop: { interrupted: boolean; timedOut: boolean };
} {
  const { run, tally, recorder } = ctx;
  const replayPath = run.path === undefined ? undefined : splitPrintedPath(run.path).replayPath;
  const runIndex = runIndexPlugin();
  const commands = commandsArbitrary(run.spec, {
    functions: run.functions,
    maxCommands: run.maxCommands,
    weights: run.weights,
    capabilities: run.target.capabilities,
    ...(replayPath !== undefined ? { replayPath } : {}),
    tours: () => toursOfResolvedRun(run),
    // Real time takes the tours in a rotation by the sequence's slot: from the lane's seed and
    // the run's index, what the printed seed and path replay.
    tourSlot: () => {
      const index = runIndex.current();
      return index === undefined ? undefined : tourSlotOf(lane.seed, index);
    },
  });
  const stopped = { interrupted: false, timedOut: false };
  const noteStop = (): void => {
    if (run.signal?.aborted === true) stopped.interrupted = true;
    else stopped.timedOut = true;
  };
  // Sequences still running when fast-check stops waiting for them (time budget): awaited after.
  const inflight = new Set<Promise<void>>();
  const body = async (
    timing: Timing,
    cmds: Iterable<fc.AsyncCommand<Execution, unknown>>,
  ): Promise<void> => {
    // A setup error (the target refused the harness's own request) stops the run.
    const current = ctx.stop.aborted || tally.setupError !== undefined ? undefined : attempt();
    if (current === undefined) {
      if (ctx.stop.aborted) noteStop();
      return;
    }
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
      ...(current.shrink ? { shrink: true } : {}),
      ...(current.shrinkOf !== undefined ? { shrinkOf: current.shrinkOf } : {}),
      unobservable: [...ctx.unobservable],
    });
    const session = await run.target.open({ runId, timing, signal: ctx.stop });
    const length = [...cmds].length;
    const execution = new Execution(run.spec, session, tally, {
      reading: run.reading,
      strictness: run.strictness,
      unobservable: ctx.unobservable,
      virtualTime: run.target.capabilities.virtualTime,
      knownRules: run.knownRules,
      signal: ctx.stop,
      // events12: a sequence the time budget stops decides what is pending (Execution.decideAtStop).
      timeBudget: run.signal === undefined ? {} : { interrupt: run.signal },
      onKnown: (rule, error) => onKnown(rule, error, timing, length),
      onDivergence: (found) => current.decide(found, timing, length),
      ...(onStep !== undefined ? { onStep } : {}),
    });
    try {
      await fc.asyncModelRun(() => ({ model: execution, real: undefined }), cmds);
    } catch (error) {
      if (ctx.stop.aborted) {
        noteStop();
        // A pending transition the time budget's last read found past its bound (see
        // Execution.decideAtStop). Past the budget fast-check no longer listens: the divergence is
        // kept as found, unshrunk.
        if (error instanceof DivergenceFound) current.decide(error, timing, length);
        return;
      }
      throw error;
    } finally {
      await closeSession(session, ctx.tally);
      ctx.onRunDone(current.shrink);
    }
  };
  const property = fc.asyncProperty(timingArbitrary(run), commands, async (timing, cmds) => {
    // Stopped (signal, budget): end fast-check's loop rather than generate every remaining run.
    if (ctx.stop.aborted) {
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
  return {
    property,
    plugins: [runIndex.plugin],
    // fast-check stops waiting at the time budget; the sequence in flight stops at its next command
    // (the budget aborts ctx.stop) and must finish, and clean up, before the record is built.
    settle: () => Promise.allSettled([...inflight]),
    noteStop: stopped,
  };
}

/** `--path` that names no sequence of the run: bad input (exit 2), with fast-check's reason. */
function badPath(path: string, reason?: string): HarnessError {
  // fast-check's reason without the path it repeats (`Unable to replay, got wrong path=…`).
  const why = reason === undefined ? '' : ` (${excerpt(reason.replace(/=.*$/s, ''))})`;
  return new HarnessError(
    'BAD_FLAG',
    `--path: '${excerpt(path)}' names no sequence of this run${why}: give the seed printed beside it, with the scenario and flags of the run that printed it.`,
  );
}

/** The printed path of a lane's counterexample (see `printedPath`), when it has one. */
function pathOf<C>(details: fc.RunDetails<[Timing, C]>): string | undefined {
  const path = details.counterexamplePath;
  return path == null ? undefined : printedPath(path, details.counterexample?.[1]);
}

/**
 * A harness bug or target failure, not a divergence, ends the lane by throwing. fast-check calls a
 * run interrupted before its first sequence finished a failure without an error: that is the time
 * budget, not a harness bug. With `--path` (`path`), a path fast-check cannot walk is bad input.
 */
function surfaceError<T>(details: fc.RunDetails<T>, path?: string): void {
  const emptyInterrupt = details.interrupted && details.errorInstance == null;
  if (details.failed && !emptyInterrupt && !(details.errorInstance instanceof DivergenceFound)) {
    const message = details.errorInstance instanceof Error ? details.errorInstance.message : '';
    if (path !== undefined && /replay/i.test(message)) throw badPath(path, message);
    throw details.errorInstance instanceof Error
      ? details.errorInstance
      : new Error('property failed without an error');
  }
}

/**
 * Runs one lane: fast-check generates its sequences from the lane's seed, each runs on a fresh
 * session through an {@link Execution}. By default every divergence is re-anchored past (the
 * sequence goes on) and the first occurrence of each distinct one (rule and category) is kept, to be
 * shrunk on its own by {@link shrinkFound}. With `--bail` the first divergence ends the lane and
 * fast-check shrinks it at once (keeping its rule and category). Divergences of known rules are
 * kept, not shrunk.
 */
export async function runLane(lane: Lane, ctx: LaneContext): Promise<LaneResult> {
  const { run } = ctx;
  const found = new Map<string, Found>();
  const known = new Map<string, Failure>();
  let executions = 0;
  let generated = 0;
  let shrinks = 0;
  let bailed: Failure | undefined;
  const explore: Attempt = {
    shrink: false,
    decide: (error, timing, length) => {
      const key = error.key;
      if (!found.has(key)) {
        found.set(key, {
          key,
          error,
          timing,
          length,
          index: executions - 1,
          after: { runs: executions, ms: Date.now() - ctx.started },
        });
        ctx.onFailure(lane.index, key);
      }
      if (!run.bail) return 'continue';
      // --bail: the first divergence fails the property; shrinking keeps its rule and category.
      const first = bailed?.error.key ?? [...found.keys()][0];
      if (key !== first) return 'continue';
      if (bailed !== undefined) shrinks++;
      bailed = { error, timing, length };
      return 'stop';
    },
  };
  const { property, plugins, settle, noteStop } = lanePropertyOf(
    lane,
    ctx,
    () => {
      if (ctx.stopAfterLane() < lane.index) return undefined;
      if (bailed !== undefined && shrinks >= shrinkBudget(run)) return undefined;
      executions++;
      if (bailed === undefined) generated++;
      return bailed === undefined ? explore : { ...explore, shrink: true };
    },
    (rule, error, timing, length) => {
      if (!known.has(rule)) known.set(rule, { error, timing, length });
    },
  );
  const options: fc.Parameters<LaneValues> = {
    seed: lane.seed,
    numRuns: lane.runs,
    plugins,
    // --path: exactly the sequence at the path, not shrunk any further (run.bail is set with it).
    ...(run.path !== undefined
      ? { path: splitPrintedPath(run.path).path, endOnFailure: true }
      : {}),
    ...(run.timeBudgetMs !== undefined
      ? { interruptAfterTimeLimit: run.timeBudgetMs, markInterruptAsFailure: false }
      : {}),
  };
  let details: fc.RunDetails<LaneValues>;
  try {
    details = await fc.check(property, options);
  } catch (error) {
    // fast-check cannot walk the path (a shrink step past the last, a replay path that does not fit).
    if (run.path === undefined) throw error;
    throw badPath(run.path, error instanceof Error ? error.message : String(error));
  }
  await settle();
  surfaceError(details, run.path);
  // fast-check walked the path to nothing (a shrink index past the last shrink): nothing ran.
  if (run.path !== undefined && executions === 0 && !ctx.stop.aborted) throw badPath(run.path);
  return {
    lane,
    found: [...found.values()],
    bailed:
      bailed === undefined ? undefined : { failure: bailed, path: pathOf(details) ?? run.path },
    known: [...known.values()],
    generated,
    interrupted: noteStop.interrupted,
    timedOut: noteStop.timedOut || details.interrupted,
  };
}

/**
 * Shrinks one divergence a lane found, on its own: fast-check replays the execution that found it
 * (the lane's seed and the execution's index as path) and shrinks it, counting as failing only the
 * sequences that show the same divergence (rule and category); every other divergence is
 * re-anchored past. The smallest failing sequence is the counterexample. When the replay does not
 * show it again (a real target is not deterministic) or the run is stopped, the divergence as first
 * found is kept.
 */
export async function shrinkFound(lane: Lane, ctx: LaneContext, first: Found): Promise<Shrunk> {
  const { run } = ctx;
  let smallest: Failure | undefined;
  let shrinks = 0;
  const attempt: Attempt = {
    shrink: true,
    shrinkOf: first.key,
    decide: (error, timing, length) => {
      if (error.key !== first.key) return 'continue';
      smallest = { error, timing, length };
      return 'stop';
    },
  };
  const { property, plugins, settle } = lanePropertyOf(
    lane,
    ctx,
    () => {
      if (smallest !== undefined && shrinks >= shrinkBudget(run)) return undefined;
      if (smallest !== undefined) shrinks++;
      return attempt;
    },
    () => undefined,
  );
  const details = await fc.check(property, {
    seed: lane.seed,
    path: String(first.index),
    numRuns: 1,
    plugins,
  });
  await settle();
  surfaceError(details);
  return smallest === undefined
    ? { failure: first, path: String(first.index) }
    : { failure: smallest, path: pathOf(details) ?? String(first.index) };
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

/**
 * The tours a run's sequences start with (planned once per spec and options, memoised): the run
 * plans them before its time budget starts, so that planning never eats into the budget.
 */
export function toursOfResolvedRun(run: ResolvedRun): readonly Tour[] {
  return cachedToursOfRun(run.spec, tourOptionsOf(run));
}

/**
 * Plans a run's tours ahead, or takes them from the cache on disk (`tourCache.ts`): what
 * {@link toursOfResolvedRun} then answers at once.
 */
export async function prepareToursOfResolvedRun(run: ResolvedRun): Promise<void> {
  await prepareToursOfRun(run.spec, tourOptionsOf(run));
}

/** What a resolved run's tours depend on: its reading, target, weights and sequence length. */
export function tourOptionsOf(run: ResolvedRun): RunTourOptions {
  return {
    reading: run.reading,
    capabilities: run.target.capabilities,
    weights: run.weights,
    maxCommands: run.maxCommands,
  };
}
