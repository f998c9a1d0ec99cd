import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { commandsArbitrary } from '../commands/buildCommands.ts';
import { formatCommand } from '../commands/HarnessCommand.ts';
import type { Timing } from '../targets/Target.ts';
import { Coverage } from './Coverage.ts';
import { saveCounterexample, COUNTEREXAMPLE_VERSION } from './Counterexample.ts';
import { DivergenceFound, Execution, type ExecutionSink } from './Execution.ts';
import { replayRegressions } from './replay.ts';
import { TRACE_VERSION } from './TraceRecord.ts';
import { TraceRecorder } from './TraceRecorder.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import {
  RUN_RECORD_VERSION,
  type Divergence,
  type RunRecord,
  type StopReason,
} from './RunRecord.ts';
import { TOOL } from './tool.ts';

/** Progress callback: called after every property run. */
export type ProgressListener = (p: {
  runsDone: number;
  runsPlanned: number;
  operations: number;
  divergences: number;
  elapsedMs: number;
}) => void;

interface Failure {
  readonly error: DivergenceFound;
  readonly timing: Timing;
  readonly length: number;
}

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

/** Observation fields a target cannot see, so constraints on them are skipped, with why. */
export function unobservableFields(run: ResolvedRun): { fields: Set<string>; leftOut: string[] } {
  const caps = run.target.capabilities;
  const fields = new Set<string>();
  const leftOut: string[] = [];
  if (!caps.observesCode) {
    fields.add('ranCode').add('ranConfig');
    leftOut.push(
      'ranCode/ranConfig: the target does not run the handler, which code ran is unobservable',
    );
  }
  const missing = run.spec.events.filter((e) => !(caps.events as readonly string[]).includes(e));
  if (missing.length > 0)
    leftOut.push(`Inject: the target cannot produce events ${missing.join(', ')}`);
  if (!caps.packageTypes.includes('Image'))
    leftOut.push('Image functions: the target has no image URIs');
  if (!caps.virtualTime) leftOut.push('simulated timings: the target runs on real time');
  return { fields, leftOut };
}

/** One lane's share of the work: its own seed and number of runs. */
interface Lane {
  readonly index: number;
  readonly seed: number;
  readonly runs: number;
}

/** What a lane found. */
interface LaneResult {
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

/** Mixes the base seed with a shard and lane index (deterministic, well spread). */
function laneSeed(seed: number, shard: number, lane: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [shard, lane]) {
    h = Math.imul(h ^ (v + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return h & 0x7fffffff;
}

/**
 * Splits the runs of a seed into lanes. Unsplit and sequential, one lane runs them all with the run
 * seed itself (so a seed printed by an earlier run replays exactly). Otherwise every run is its own
 * lane whose seed derives from the run's global index: shard `i/n` takes every n-th run, and any
 * number of workers (`concurrency`) picks lanes from a queue, so the outcome is the same for every
 * shard split and every concurrency, and workers stay busy whatever each sequence costs.
 *
 * @internal Exported for tests only.
 */
export function planLanes(
  run: Pick<ResolvedRun, 'seed' | 'runs' | 'shard' | 'concurrency'>,
): Lane[] {
  if (run.shard === undefined && run.concurrency <= 1)
    return [{ index: 0, seed: run.seed, runs: run.runs }];
  const count = run.shard?.count ?? 1;
  const offset = (run.shard?.index ?? 1) - 1;
  const lanes: Lane[] = [];
  for (let global = offset; global < run.runs; global += count) {
    lanes.push({ index: lanes.length, seed: laneSeed(run.seed, 0, global), runs: 1 });
  }
  return lanes;
}

/** Runs lanes with at most `workers` in flight, in index order, until `stop()` says so. */
async function runPool(
  lanes: readonly Lane[],
  workers: number,
  stop: () => boolean,
  runOne: (lane: Lane) => Promise<LaneResult>,
): Promise<LaneResult[]> {
  const results: LaneResult[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < lanes.length && !stop()) {
      const lane = lanes[next++];
      if (lane !== undefined) results.push(await runOne(lane));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, lanes.length)) }, worker));
  return results.sort((a, b) => a.lane.index - b.lane.index);
}

/**
 * Runs a conformance suite: replays saved regressions, then generates sequences with fast-check in
 * one or more lanes (`concurrency`, `shard`), checks every observation, shrinks the first
 * divergence of the lowest lane that finds one and returns the run record.
 */
export async function runConformance(
  run: ResolvedRun,
  onProgress?: ProgressListener,
): Promise<RunRecord> {
  const started = Date.now();
  const coverage = new Coverage(run.spec);
  const sink: ExecutionSink = {
    coverage,
    operations: 0,
    largestStateSet: 1,
    inconclusive: [],
    unspecified: [],
  };
  const { fields: unobservable, leftOut } = unobservableFields(run);
  const regressions = await replayRegressions(run, unobservable);
  for (const r of regressions)
    if (r.observed === 'divergence' && r.ruleId !== undefined) coverage.violated(r.ruleId);
  const recorder =
    run.record === undefined ? undefined : await TraceRecorder.open(run.record.file, run.record);
  const lanes = planLanes(run);
  const planned = lanes.reduce((n, l) => n + l.runs, 0);
  const progress = { runsDone: 0, divergences: 0 };
  // A lane can stop once a lower lane has failed: only the lowest failing lane is reported.
  let lowestFailingLane = Infinity;
  const budget = new AbortController();
  const timer =
    run.timeBudgetMs === undefined ? undefined : setTimeout(() => budget.abort(), run.timeBudgetMs);
  timer?.unref();
  const stop =
    run.signal === undefined ? budget.signal : AbortSignal.any([run.signal, budget.signal]);
  const context: LaneContext = {
    stop,
    run,
    sink,
    unobservable,
    recorder,
    started,
    stopAfterLane: () => lowestFailingLane,
    onFailure: (lane) => {
      lowestFailingLane = Math.min(lowestFailingLane, lane);
      progress.divergences = 1;
    },
    onRunDone: () => {
      progress.runsDone++;
      onProgress?.({
        runsDone: progress.runsDone,
        runsPlanned: planned,
        operations: sink.operations,
        divergences: progress.divergences,
        elapsedMs: Date.now() - started,
      });
    },
  };
  let results: LaneResult[];
  const budgetSpent = (): boolean =>
    run.timeBudgetMs !== undefined && Date.now() - started > run.timeBudgetMs;
  try {
    // Once a lane has failed, later lanes cannot be reported: stop starting them.
    results = await runPool(
      lanes,
      run.concurrency,
      () => lowestFailingLane < Infinity || budgetSpent() || run.signal?.aborted === true,
      (lane) => runLane(lane, context),
    );
  } finally {
    clearTimeout(timer);
    await recorder?.close();
  }
  const failing = results.find((r) => r.failure !== undefined);
  const divergences: Divergence[] = [];
  if (failing?.failure !== undefined) {
    const divergence = await divergenceOf(run, failing, failing.failure);
    coverage.violated(divergence.ruleId);
    divergences.push(divergence);
  }
  const knownSeen = new Set<string>();
  for (const lane of results) {
    for (const failure of lane.known) {
      const divergence = await divergenceOf(run, { ...lane, firstLength: failure.length }, failure);
      if (knownSeen.has(divergence.ruleId)) continue;
      knownSeen.add(divergence.ruleId);
      coverage.violated(divergence.ruleId);
      divergences.push(divergence);
    }
  }
  // A saved sequence that still diverges on this target is a divergence of this run too.
  const regressionDivergence = regressions.some((r) => r.observed === 'divergence');
  const interrupted = run.signal?.aborted === true || results.some((r) => r.interrupted);
  const stoppedBy: StopReason = interrupted
    ? 'interrupted'
    : failing !== undefined
      ? 'divergence'
      : results.some((r) => r.timedOut) || (results.length < lanes.length && budgetSpent())
        ? 'time-budget'
        : 'completed';
  const verdict =
    divergences.length > 0 || regressionDivergence
      ? 'divergence'
      : sink.inconclusive.length > 0 || interrupted
        ? 'inconclusive'
        : 'conformant';
  return {
    version: RUN_RECORD_VERSION,
    tool: TOOL,
    scenario: run.scenario,
    spec: {
      file: relative(process.cwd(), run.spec.file),
      hash: run.spec.hash,
      title: run.spec.title,
    },
    reading: run.reading,
    target: { ...run.targetInfo, leftOut },
    seed: run.seed,
    ...(run.shard !== undefined ? { shard: run.shard } : {}),
    runsPlanned: planned,
    runsCompleted: results.reduce((n, r) => n + r.generated, 0),
    operations: sink.operations,
    verdict,
    stoppedBy,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    largestStateSet: sink.largestStateSet,
    coverage: coverage.snapshot(),
    divergences,
    inconclusive: sink.inconclusive.slice(0, 200),
    unspecified: sink.unspecified,
    regressions,
  };
}

/** What every lane of one run shares. */
interface LaneContext {
  readonly run: ResolvedRun;
  /** Aborted on interruption (the run's signal) or when the time budget is spent. */
  readonly stop: AbortSignal;
  readonly sink: ExecutionSink;
  readonly unobservable: ReadonlySet<string>;
  readonly recorder: TraceRecorder | undefined;
  readonly started: number;
  stopAfterLane(): number;
  onFailure(lane: number): void;
  onRunDone(): void;
}

/** Property executions a slow target may spend on shrinking one counterexample. */
function shrinkBudget(run: ResolvedRun): number {
  return run.maxShrinks ?? Infinity;
}

async function runLane(lane: Lane, ctx: LaneContext): Promise<LaneResult> {
  const { run, sink, recorder } = ctx;
  const options = {
    reading: run.reading,
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
    if (failure === undefined) generated++;
    const runId = randomUUID().slice(0, 8);
    recorder?.write({
      type: 'run',
      version: TRACE_VERSION,
      run: runId,
      target: run.targetInfo.name,
      mutants: run.targetInfo.mutants,
      reading: run.reading,
      spec: { file: relative(process.cwd(), run.spec.file), hash: run.spec.hash },
      timing,
      seed: lane.seed,
      unobservable: [...ctx.unobservable],
    });
    const session = await run.target.open({ runId, timing, signal: ctx.stop });
    const length = [...cmds].length;
    const execution = new Execution(run.spec, session, sink, {
      ...options,
      knownRules: run.knownRules,
      signal: ctx.stop,
      onKnown: (rule, error) => onKnown(rule, error, timing, length),
      ...(recorder !== undefined ? { onStep: recorder.forRun(runId) } : {}),
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
      await session.close();
      ctx.onRunDone();
    }
  };
  const property = fc.asyncProperty(timingArbitrary(run), commands, async (timing, cmds) => {
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
  if (
    details.failed &&
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

async function divergenceOf(
  run: ResolvedRun,
  lane: LaneResult,
  failure: Failure,
): Promise<Divergence> {
  const originalLength = lane.firstLength;
  const path = lane.path;
  const { trace } = failure.error;
  const { verdict, command } = failure.error.explain();
  const first = verdict.expectations[0];
  const ruleId = first?.ruleId ?? verdict.rules[0] ?? 'unknown';
  const commands = failure.error.commands;
  let counterexampleFile: string | undefined;
  if (run.regressionsDir !== undefined) {
    const file = await saveCounterexample(run.regressionsDir, {
      version: COUNTEREXAMPLE_VERSION,
      description: `${command} breaks ${ruleId} (${verdict.category})`,
      spec: { file: relative(process.cwd(), run.spec.file), hash: run.spec.hash },
      reading: run.reading,
      target: {
        name: run.targetInfo.name,
        mutants: run.targetInfo.mutants,
        ...(run.targetOptions.endpoint !== undefined
          ? { endpoint: run.targetOptions.endpoint }
          : {}),
        ...(run.targetOptions.emulator !== undefined
          ? { emulator: run.targetOptions.emulator }
          : {}),
      },
      timing: failure.timing,
      text: commands.map(formatCommand),
      commands,
      expected: { verdict: 'divergence', ruleId, category: verdict.category },
    });
    counterexampleFile = relative(process.cwd(), file);
  }
  const replayCommand =
    counterexampleFile !== undefined
      ? `npx lambda-conformance replay ${counterexampleFile}`
      : `${run.commandLine} --seed ${lane.lane.seed}`;
  return {
    category: verdict.category,
    ruleId,
    operation: command,
    observation: verdict.observation,
    expectations: verdict.expectations,
    cite: first?.cite ?? [],
    trace,
    originalLength,
    timing: failure.timing,
    seed: lane.lane.seed,
    ...(lane.firstFailureAfter !== undefined ? { foundAfter: lane.firstFailureAfter } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(counterexampleFile !== undefined ? { counterexampleFile } : {}),
    replayCommand,
  };
}
