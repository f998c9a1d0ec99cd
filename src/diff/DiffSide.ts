import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { DivergenceCategory } from '../monitor/Verdict.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Target, Timing } from '../targets/Target.ts';
import { blamedRule, DivergenceFound, Execution } from '../runner/Execution.ts';
import type { TraceRun } from '../traces/readTrace.ts';
import type { TraceEntry } from '../runner/RunRecord.ts';
import { createRunTally, type DivergenceVerdict } from '../runner/StepChecker.ts';
import { TraceChecker } from '../traces/TraceChecker.ts';
import type { TraceSequence } from '../traces/traceCommands.ts';

/** One checked operation of one side of a differential run. */
export interface SideStep {
  /** Index of the top-level command the operation belongs to (Settle and Inject make their own). */
  readonly command: number;
  /** Replay text of the operation. */
  readonly text: string;
  readonly fn: string;
  readonly observation: Observation;
  readonly verdict: Exclude<TraceEntry['verdict'], 'harness'>;
  /** Set when the operation diverged and the side went on past it: the rule it broke. */
  readonly divergence?: SideDivergence;
}

/** The divergence a side ended in, explained: the rule it broke. */
export interface SideDivergence {
  readonly ruleId: string;
  readonly category: DivergenceCategory;
  /** The operation to blame (may be earlier than the step that diverged). */
  readonly culprit: string;
}

/** What one side of a differential run observed for one sequence. */
export interface SideRun {
  readonly steps: readonly SideStep[];
  /** The divergence the side stopped at, when it could not go on past it. */
  readonly divergence?: SideDivergence;
}

/**
 * Every rule and transition of the spec. A side checks its sequence with all of them "known", so
 * that a divergence does not end the sequence: the side goes on past it, as a baselined run does,
 * and every later step is still compared.
 */
function everyRule(spec: Spec): ReadonlySet<string> {
  return new Set([
    ...[...spec.operations.values()].flatMap((o) => o.rules.map((r) => r.id)),
    ...spec.transitions.map((t) => t.id),
  ]);
}

function sideDivergence(d: { verdict: DivergenceVerdict; command: string }): SideDivergence {
  return { ruleId: blamedRule(d.verdict), category: d.verdict.category, culprit: d.command };
}

/** How a live side is checked. */
export interface LiveSide {
  readonly spec: Spec;
  readonly reading: string;
  readonly target: Target;
  readonly unobservable: ReadonlySet<string>;
  readonly signal?: AbortSignal;
}

/**
 * Runs a sequence on a fresh session of a live target, keeping every checked operation; a
 * divergence does not end it (see `everyRule`).
 */
export async function runLiveSide(
  side: LiveSide,
  runId: string,
  timing: Timing,
  commands: readonly HarnessCommand[],
): Promise<SideRun> {
  const steps: SideStep[] = [];
  let current = 0;
  const session = await side.target.open({
    runId,
    timing,
    ...(side.signal !== undefined ? { signal: side.signal } : {}),
  });
  const execution = new Execution(side.spec, session, createRunTally(side.spec), {
    reading: side.reading,
    unobservable: side.unobservable,
    virtualTime: side.target.capabilities.virtualTime,
    knownRules: everyRule(side.spec),
    // Both sides run the same commands, compared step by step: no extra read-back steps.
    readBack: false,
    onStep: (s) => {
      if (s.type !== 'op') return;
      const { command: text, fn, observation, verdict } = s;
      steps.push({ command: current, text, fn, observation, verdict });
    },
    // Called right after the step that diverged was recorded.
    onKnown: (_rule, found) => {
      const last = steps.pop();
      if (last !== undefined) steps.push({ ...last, divergence: sideDivergence(found.explain()) });
    },
  });
  try {
    for (const [i, cmd] of commands.entries()) {
      current = i;
      await execution.execute(cmd);
    }
  } catch (error) {
    if (!(error instanceof DivergenceFound)) throw error;
    return { steps, divergence: sideDivergence(error.explain()) };
  } finally {
    await session.close();
  }
  return { steps };
}

/** Checks a recorded run offline, past its divergences, and lays its operations out like a live side's. */
export function recordedSide(
  spec: Spec,
  run: TraceRun,
  sequence: TraceSequence,
  options: { readonly reading?: string; readonly unobservable: ReadonlySet<string> },
): SideRun {
  const check = new TraceChecker(spec, { ...options, knownRules: everyRule(spec) }).check(run);
  const known = new Map(check.known.map((d) => [d.line, sideDivergence(d)]));
  const steps: SideStep[] = [];
  let op = 0;
  for (const s of check.steps) {
    if (s.step.type !== 'op' || s.verdict === 'harness') continue;
    const divergence = known.get(s.step.line);
    steps.push({
      command: sequence.opCommand[op] ?? 0,
      text: s.step.command,
      fn: s.step.fn,
      observation: s.step.observation,
      verdict: s.verdict,
      ...(divergence !== undefined ? { divergence } : {}),
    });
    op++;
  }
  const d = check.divergence;
  return d === undefined ? { steps } : { steps, divergence: sideDivergence(d) };
}
