import { setMaxListeners } from 'node:events';
import { buildRunRecord, countsOf, runHeader } from './buildRunRecord.ts';
import { planLanes } from './planLanes.ts';
import { replayRegressions } from './replay.ts';
import { reportDivergence } from './reportDivergence.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import type { RunRecorder } from './RunRecorder.ts';
import type { Divergence, RunRecord, StopReason } from './RunRecord.ts';
import {
  runLane,
  shrinkFound,
  prepareToursOfResolvedRun,
  type Failure,
  type Found,
  type LaneContext,
  type LaneResult,
} from './runLane.ts';
import { runPool } from './runPool.ts';
import { createRunTally } from './StepChecker.ts';

/**
 * Progress callback: called after every sequence, a run of the suite (`runsDone`) or an attempt
 * to shrink a divergence (`shrinkAttempts`).
 */
export type ProgressListener = (p: {
  runsDone: number;
  runsPlanned: number;
  operations: number;
  divergences: number;
  shrinkAttempts: number;
  elapsedMs: number;
}) => void;

/** What a caller may follow of a run while it goes. */
export interface RunHooks {
  /** Called after every property run. */
  readonly onProgress?: ProgressListener;
  /** Receives every sequence run, step by step (`--record`: a trace recorder). */
  readonly recorder?: RunRecorder;
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

/** Distinct divergences shrunk one by one; those found beyond are reported as first found. */
export const MAX_SHRUNK_DIVERGENCES = 12;

/**
 * The divergences a run reports. `--bail`: the shrunk failure of the lowest lane that failed.
 * Otherwise each distinct divergence (rule and category), taken from the lowest lane that found it
 * (so the report does not depend on concurrency), shrunk on its own while the run is not stopped.
 * Then the first divergence of each known rule (`--baseline`), lanes in order.
 */
async function reportFailures(
  run: ResolvedRun,
  context: LaneContext,
  results: readonly LaneResult[],
): Promise<Divergence[]> {
  const divergences: Divergence[] = [];
  if (run.bail) {
    const failing = results.find((r) => r.bailed !== undefined);
    const first = failing?.found[0];
    if (failing?.bailed !== undefined && first !== undefined) {
      divergences.push(
        await reportDivergence(
          run,
          {
            lane: failing.lane,
            originalLength: first.length,
            foundAfter: first.after,
            ...(failing.bailed.path !== undefined ? { path: failing.bailed.path } : {}),
          },
          failing.bailed.failure,
        ),
      );
    }
  } else {
    const firsts = new Map<string, { result: LaneResult; found: Found }>();
    for (const result of results) {
      for (const found of result.found) {
        if (!firsts.has(found.key)) firsts.set(found.key, { result, found });
      }
    }
    const shrunk = await runPool(
      [...firsts.values()].map((entry, i) => ({ ...entry, i })),
      run.concurrency,
      () => false,
      async ({ result, found, i }) => {
        const done: { failure: Failure; path: string | undefined } =
          i < MAX_SHRUNK_DIVERGENCES && !context.stop.aborted
            ? await shrinkFound(result.lane, context, found)
            : { failure: found, path: String(found.index) };
        return { result, found, done };
      },
    );
    for (const { result, found, done } of shrunk) {
      divergences.push(
        await reportDivergence(
          run,
          {
            lane: result.lane,
            originalLength: found.length,
            foundAfter: found.after,
            ...(done.path !== undefined ? { path: done.path } : {}),
          },
          done.failure,
        ),
      );
    }
  }
  const knownSeen = new Set<string>();
  for (const lane of results) {
    for (const failure of lane.known) {
      const divergence = await reportDivergence(
        run,
        { lane: lane.lane, originalLength: failure.length },
        failure,
      );
      if (knownSeen.has(divergence.ruleId)) continue;
      knownSeen.add(divergence.ruleId);
      divergences.push(divergence);
    }
  }
  return divergences;
}

/**
 * Runs a conformance suite: replays saved regressions, then generates sequences with fast-check in
 * one or more lanes (`concurrency`, `shard`), checks every observation (going on past each
 * divergence, re-anchored on what the target answered), shrinks each distinct divergence on its own
 * and returns the run record. `--bail` stops at the first divergence instead.
 */
export async function runConformance(run: ResolvedRun, hooks: RunHooks = {}): Promise<RunRecord> {
  const { onProgress, recorder } = hooks;
  const started = Date.now();
  // Planning the tours (or reading them from the cache) is a one-time cost of the process, not
  // time the budget gives the sequences. On real time too (three in four of its sequences start
  // with one): planned lazily, it blocked the event loop mid-run, with sequences waiting on timers and
  // an endpoint that had gone away unnoticed.
  await prepareToursOfResolvedRun(run);
  const tally = createRunTally(run.spec);
  const { fields: unobservable, leftOut } = unobservableFields(run);
  // --path replays one sequence and reports it alone: saved regressions are not replayed first.
  const replays =
    run.path === undefined ? await replayRegressions(run, unobservable) : { results: [] };
  const regressions = replays.results;
  // A setup error met while replaying stops the run before it generates anything (see setupRefusal).
  tally.setupError ??= replays.setupError;
  // Real time takes the tours in a rotation: its lanes' seeds carry their slots (see planLanes).
  const lanes = planLanes(run, !run.target.capabilities.virtualTime);
  const planned = lanes.reduce((n, l) => n + l.runs, 0);
  const progress = { runsDone: 0, shrinkAttempts: 0 };
  // Distinct divergences found so far, as the record counts them (a lane's, not yet shrunk).
  const divergenceKeys = new Set<string>();
  // --bail: a lane can stop once a lower lane has failed: only the lowest failing lane is reported.
  let lowestFailingLane = Infinity;
  // The budget is the sequences' time: it starts here, after the tours and the replays, for its
  // timer and for the check before each lane alike.
  const budgetFrom = Date.now();
  const budget = new AbortController();
  const timer =
    run.timeBudgetMs === undefined ? undefined : setTimeout(() => budget.abort(), run.timeBudgetMs);
  timer?.unref();
  const stop =
    run.signal === undefined ? budget.signal : AbortSignal.any([run.signal, budget.signal]);
  // Every lane waits on it (a real-time wait, a Settle poll): as many listeners as --concurrency,
  // not a leak (Node warns past 10).
  setMaxListeners(0, stop);
  const context: LaneContext = {
    stop,
    run,
    tally,
    unobservable,
    recorder,
    started,
    stopAfterLane: () => lowestFailingLane,
    onFailure: (lane, key) => {
      if (run.bail) lowestFailingLane = Math.min(lowestFailingLane, lane);
      divergenceKeys.add(key);
    },
    onRunDone: (shrink) => {
      if (shrink) progress.shrinkAttempts++;
      else progress.runsDone++;
      onProgress?.({
        runsDone: progress.runsDone,
        runsPlanned: planned,
        operations: tally.operations,
        divergences: divergenceKeys.size,
        shrinkAttempts: progress.shrinkAttempts,
        elapsedMs: Date.now() - started,
      });
    },
  };
  let results: LaneResult[];
  const budgetSpent = (): boolean =>
    run.timeBudgetMs !== undefined && Date.now() - budgetFrom > run.timeBudgetMs;
  try {
    // --bail: once a lane has failed, later lanes cannot be reported: stop starting them.
    results = await runPool(
      lanes,
      run.concurrency,
      () =>
        lowestFailingLane < Infinity ||
        budgetSpent() ||
        run.signal?.aborted === true ||
        // events12: a setup error stops the run (see setupRefusal).
        tally.setupError !== undefined,
      (lane) => runLane(lane, context),
    );
  } finally {
    clearTimeout(timer);
  }
  const divergences = await reportFailures(run, context, results);
  const interrupted = run.signal?.aborted === true || results.some((r) => r.interrupted);
  const stoppedBy: StopReason = interrupted
    ? 'interrupted'
    : run.bail && results.some((r) => r.bailed !== undefined)
      ? 'divergence'
      : results.some((r) => r.timedOut) || (results.length < lanes.length && budgetSpent())
        ? 'time-budget'
        : 'completed';
  return buildRunRecord({
    ...runHeader(run, leftOut),
    runsPlanned: planned,
    runsCompleted: results.reduce((n, r) => n + r.generated, 0),
    stoppedBy,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    ...countsOf(tally, { divergences, regressions }),
    divergences,
    // A saved sequence that still diverges on this target is a divergence of this run too.
    regressions,
  });
}
