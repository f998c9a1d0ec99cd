import { relative } from 'node:path';
import { formatCommand } from '../commands/HarnessCommand.ts';
import { unobservableFieldsOf } from '../targets/unobservableFields.ts';
import { COUNTEREXAMPLE_VERSION, saveCounterexample, storedTarget } from './Counterexample.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import type { Divergence } from './RunRecord.ts';
import type { Failure, LaneResult } from './runLane.ts';

/**
 * The divergence a run reports for a lane's failure: explained (culprit named), its counterexample
 * saved to the run's regressions directory when there is one, with the command that replays it.
 */
export async function reportDivergence(
  run: ResolvedRun,
  lane: Pick<LaneResult, 'lane' | 'firstLength' | 'firstFailureAfter' | 'path'>,
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
