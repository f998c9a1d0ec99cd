import { relative } from 'node:path';
import { formatCommand } from '../commands/HarnessCommand.ts';
import { violatedRules } from '../monitor/Verdict.ts';
import { unobservableFieldsOf } from '../targets/unobservableFields.ts';
import { blamedRule } from './Execution.ts';
import { COUNTEREXAMPLE_VERSION, saveCounterexample, storedTarget } from './Counterexample.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import type { Divergence } from './RunRecord.ts';
import type { Lane } from './planLanes.ts';
import { replayCommandLine } from './replayCommandLine.ts';
import type { Failure } from './runLane.ts';

/** Where a reported failure comes from: its lane, how long its first sequence was, its path. */
export interface FailureOrigin {
  readonly lane: Lane;
  /** Length of the sequence that first showed it, before shrinking. */
  readonly originalLength: number;
  /** Property executions until it was found, and the time it took. */
  readonly foundAfter?: { readonly runs: number; readonly ms: number };
  /** fast-check's path of the counterexample (with the lane's seed, it replays it). */
  readonly path?: string;
}

/**
 * The divergence a run reports for a lane's failure: explained (culprit named), its counterexample
 * saved to the run's regressions directory when there is one, with the command that replays it.
 */
export async function reportDivergence(
  run: ResolvedRun,
  origin: FailureOrigin,
  failure: Failure,
): Promise<Divergence> {
  const { originalLength, path, lane } = origin;
  const { trace } = failure.error;
  const { verdict, command } = failure.error.explain();
  const first = verdict.expectations[0];
  const ruleId = blamedRule(verdict);
  const commands = failure.error.commands;
  let counterexampleFile: string | undefined;
  if (run.regressionsDir !== undefined) {
    const file = await saveCounterexample(run.regressionsDir, {
      version: COUNTEREXAMPLE_VERSION,
      description: `${command} breaks ${ruleId} (${verdict.category})`,
      spec: { file: relative(process.cwd(), run.spec.file), hash: run.spec.hash },
      reading: run.reading,
      strictness: run.strictness,
      unobservable: unobservableFieldsOf(run.target.capabilities),
      target: storedTarget(run.targetOptions, {
        mutants: run.targetInfo.mutants,
        observesCode: run.target.capabilities.observesCode,
      }),
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
      : // --path: the command line already names the seed and the path.
        run.path !== undefined
        ? run.commandLine
        : replayCommandLine(
            run.commandLine,
            lane.seed,
            path !== undefined ? { path } : { runs: lane.runs },
          );
  return {
    category: verdict.category,
    ruleId,
    operation: command,
    observation: verdict.observation,
    expectations: verdict.expectations,
    violated: violatedRules(verdict),
    cite: first?.cite ?? [],
    trace,
    originalLength,
    timing: failure.timing,
    seed: lane.seed,
    ...(origin.foundAfter !== undefined ? { foundAfter: origin.foundAfter } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(counterexampleFile !== undefined ? { counterexampleFile } : {}),
    replayCommand,
  };
}
