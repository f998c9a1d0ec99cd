import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { loadCounterexample, type Counterexample } from './Counterexample.ts';
import { DivergenceFound, Execution, RunInterrupted } from './Execution.ts';
import type { ResolvedRun } from './ResolvedRun.ts';
import type { RegressionResult, TraceEntry } from './RunRecord.ts';
import { createRunTally, type RunTally } from './StepChecker.ts';
import type { Timing } from '../targets/Target.ts';

/** The outcome of replaying one fixed sequence. */
export interface ReplayOutcome {
  readonly verdict: 'divergence' | 'conformant' | 'inconclusive';
  readonly divergence?: DivergenceFound;
  readonly trace: readonly TraceEntry[];
  readonly tally: RunTally;
}

/** What replaying a sequence needs of a run: the spec and how to judge, and the target. */
export type ReplayRun = Pick<ResolvedRun, 'spec' | 'reading' | 'strictness' | 'target' | 'signal'>;

/**
 * Runs a fixed command sequence once on a fresh session of the run's target. With `seek` (a
 * divergence key, `rule|category`, as a counterexample records it) the replay goes on past other
 * divergences, as the run that saved it did, and stops at the first divergence with that key; the
 * outcome's divergence is that one, else the first other one seen (it diverges differently).
 * Without, it stops at the first divergence.
 */
export async function replaySequence(
  run: ReplayRun,
  timing: Timing,
  commands: readonly HarnessCommand[],
  unobservable: ReadonlySet<string>,
  seek?: string,
): Promise<ReplayOutcome> {
  let other: DivergenceFound | undefined;
  const tally = createRunTally(run.spec);
  const session = await run.target.open({
    runId: `replay${Date.now().toString(36)}`,
    timing,
    ...(run.signal ? { signal: run.signal } : {}),
  });
  const execution = new Execution(run.spec, session, tally, {
    reading: run.reading,
    strictness: run.strictness,
    unobservable,
    virtualTime: run.target.capabilities.virtualTime,
    ...(run.signal !== undefined ? { signal: run.signal } : {}),
    ...(seek !== undefined
      ? {
          onDivergence: (found: DivergenceFound) => {
            if (found.key === seek) return 'stop' as const;
            other ??= found;
            return 'continue' as const;
          },
        }
      : {}),
  });
  try {
    for (const cmd of commands) await execution.execute(cmd);
  } catch (error) {
    if (error instanceof DivergenceFound) {
      return { verdict: 'divergence', divergence: error, trace: execution.trace, tally };
    }
    if (error instanceof RunInterrupted)
      return { verdict: 'inconclusive', trace: execution.trace, tally };
    throw error;
  } finally {
    await session.close();
  }
  if (other !== undefined) {
    return { verdict: 'divergence', divergence: other, trace: other.trace, tally };
  }
  // A setup error (kept in the tally) ended the sequence early: nothing after it was judged.
  const verdict =
    tally.inconclusive.length > 0 || tally.setupError !== undefined ? 'inconclusive' : 'conformant';
  return { verdict, trace: execution.trace, tally };
}

function sameMutants(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** Whether a saved counterexample was recorded against this run's target and mutants. */
export function appliesTo(cx: Counterexample, run: ResolvedRun): boolean {
  return (
    cx.target.name === run.targetInfo.name && sameMutants(cx.target.mutants, run.targetInfo.mutants)
  );
}

/** What replaying a run's saved regressions gave. */
export interface RegressionReplays {
  readonly results: RegressionResult[];
  /**
   * The first setup error a replay met (see `setupRefusal`): the replays stopped there, and the run
   * stops too (no sequence is generated), its report naming it.
   */
  readonly setupError?: RunTally['setupError'];
}

/**
 * Replays every saved counterexample in the run's regressions directory that was recorded against
 * the same target and mutants, before new sequences are generated. A setup error stops the
 * replays: the one that met it is listed inconclusive, and the error is returned.
 */
export async function replayRegressions(
  run: ResolvedRun,
  unobservable: ReadonlySet<string>,
): Promise<RegressionReplays> {
  if (run.regressionsDir === undefined) return { results: [] };
  let names: string[];
  try {
    names = (await readdir(run.regressionsDir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { results: [] };
  }
  const results: RegressionResult[] = [];
  for (const name of names) {
    const file = join(run.regressionsDir, name);
    const cx = await loadCounterexample(file);
    if (!appliesTo(cx, run) || cx.reading !== run.reading) continue;
    const outcome = await replaySequence(
      run,
      cx.timing,
      cx.commands,
      unobservable,
      expectedKey(cx),
    );
    const ruleId =
      outcome.divergence?.explain().verdict.expectations[0]?.ruleId ?? cx.expected.ruleId;
    results.push({
      file: relative(process.cwd(), file),
      expected: cx.expected.verdict,
      observed: outcome.verdict,
      ...(ruleId !== undefined ? { ruleId } : {}),
    });
    const { setupError } = outcome.tally;
    if (setupError !== undefined) return { results, setupError };
  }
  return { results };
}

/** The divergence key a counterexample expects (`rule|category`), when it expects a divergence. */
export function expectedKey(cx: Counterexample): string | undefined {
  const { ruleId, category } = cx.expected;
  return ruleId !== undefined && category !== undefined ? `${ruleId}|${category}` : undefined;
}
