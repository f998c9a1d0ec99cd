import { buildRunRecord, countsOf, runHeader } from './buildRunRecord.ts';
import { planLanes } from './planLanes.ts';
import { replayRegressions } from './replay.ts';
import { reportDivergence } from './reportDivergence.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import type { RunRecorder } from './RunRecorder.ts';
import type { Divergence, RunRecord, StopReason } from './RunRecord.ts';
import { runLane, type LaneContext, type LaneResult } from './runLane.ts';
import { runPool } from './runPool.ts';
import { createRunTally } from './StepChecker.ts';

/** Progress callback: called after every property run. */
export type ProgressListener = (p: {
  runsDone: number;
  runsPlanned: number;
  operations: number;
  divergences: number;
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

/**
 * Runs a conformance suite: replays saved regressions, then generates sequences with fast-check in
 * one or more lanes (`concurrency`, `shard`), checks every observation, shrinks the first
 * divergence of the lowest lane that finds one and returns the run record.
 */
export async function runConformance(run: ResolvedRun, hooks: RunHooks = {}): Promise<RunRecord> {
  const { onProgress, recorder } = hooks;
  const started = Date.now();
  const tally = createRunTally(run.spec);
  const { fields: unobservable, leftOut } = unobservableFields(run);
  const regressions = await replayRegressions(run, unobservable);
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
    tally,
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
        operations: tally.operations,
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
  const failing = results.find((r) => r.failure !== undefined);
  const divergences: Divergence[] = [];
  if (failing?.failure !== undefined) {
    divergences.push(await reportDivergence(run, failing, failing.failure));
  }
  const knownSeen = new Set<string>();
  for (const lane of results) {
    for (const failure of lane.known) {
      const divergence = await reportDivergence(
        run,
        { ...lane, firstLength: failure.length },
        failure,
      );
      if (knownSeen.has(divergence.ruleId)) continue;
      knownSeen.add(divergence.ruleId);
      divergences.push(divergence);
    }
  }
  const interrupted = run.signal?.aborted === true || results.some((r) => r.interrupted);
  const stoppedBy: StopReason = interrupted
    ? 'interrupted'
    : failing !== undefined
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
