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

/**
 * Runs a conformance suite: replays saved regressions, then generates `runs` sequences with
 * fast-check, checks every observation, shrinks the first divergence and returns the run record.
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
  const options = {
    reading: run.reading,
    unobservable,
    virtualTime: run.target.capabilities.virtualTime,
  };
  const commands = commandsArbitrary(run.spec, {
    functions: run.functions,
    maxCommands: run.maxCommands,
    weights: run.weights,
    capabilities: run.target.capabilities,
  });
  const recorder =
    run.record === undefined ? undefined : await TraceRecorder.open(run.record.file, run.record);
  let lastFailure: Failure | undefined;
  let runsDone = 0;
  let firstLength = 0;
  let interrupted = false;

  const aborted = (): boolean => run.signal?.aborted === true;
  const property = fc.asyncProperty(timingArbitrary(run), commands, async (timing, cmds) => {
    if (aborted()) {
      interrupted = true;
      return;
    }
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
    });
    const session = await run.target.open({
      runId,
      timing,
      ...(run.signal ? { signal: run.signal } : {}),
    });
    const execution = new Execution(run.spec, session, sink, {
      ...options,
      ...(recorder !== undefined ? { onStep: recorder.forRun(runId) } : {}),
    });
    const length = [...cmds].length;
    try {
      await fc.asyncModelRun(() => ({ model: execution, real: undefined }), cmds);
    } catch (error) {
      if (aborted()) {
        interrupted = true;
        return;
      }
      if (error instanceof DivergenceFound) {
        if (lastFailure === undefined) firstLength = length;
        lastFailure = { error, timing, length };
      }
      throw error;
    } finally {
      await session.close();
      runsDone++;
      onProgress?.({
        runsDone,
        runsPlanned: run.runs,
        operations: sink.operations,
        divergences: lastFailure === undefined ? 0 : 1,
        elapsedMs: Date.now() - started,
      });
    }
  });

  const details = await fc
    .check(property, {
      seed: run.seed,
      numRuns: run.runs,
      ...(run.timeBudgetMs !== undefined
        ? { interruptAfterTimeLimit: run.timeBudgetMs, markInterruptAsFailure: false }
        : {}),
    })
    .finally(() => recorder?.close());
  if (
    details.failed &&
    !(details.errorInstance instanceof DivergenceFound) &&
    lastFailure === undefined
  ) {
    // A harness bug or target failure, not a divergence: surface it.
    throw details.errorInstance instanceof Error
      ? details.errorInstance
      : new Error('property failed without an error');
  }

  const divergences: Divergence[] = [];
  if (lastFailure !== undefined) {
    divergences.push(
      await divergenceOf(run, lastFailure, firstLength, details.counterexamplePath ?? undefined),
    );
  }
  // A saved sequence that still diverges on this target is a divergence of this run too.
  const regressionDivergence = regressions.some((r) => r.observed === 'divergence');
  const stoppedBy: StopReason = interrupted
    ? 'interrupted'
    : divergences.length > 0
      ? 'divergence'
      : details.interrupted
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
    runsPlanned: run.runs,
    runsCompleted: runsDone,
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

async function divergenceOf(
  run: ResolvedRun,
  failure: Failure,
  originalLength: number,
  path: string | undefined,
): Promise<Divergence> {
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
      target: { name: run.targetInfo.name, mutants: run.targetInfo.mutants },
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
      : `${run.commandLine} --seed ${run.seed}${path !== undefined ? ` --path ${path}` : ''}`;
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
    seed: run.seed,
    ...(path !== undefined ? { path } : {}),
    ...(counterexampleFile !== undefined ? { counterexampleFile } : {}),
    replayCommand,
  };
}
