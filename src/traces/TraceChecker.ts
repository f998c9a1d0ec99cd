import { describeObservation } from '../monitor/Verdict.ts';
import type { TraceEntry } from '../runner/RunRecord.ts';
import {
  createRunTally,
  StepChecker,
  type DivergenceVerdict,
  type RunTally,
} from '../runner/StepChecker.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Strictness } from '../spec/strictness.ts';
import { formatOperation, type Operation } from '../lambda/Operation.ts';
import type { TraceRun, TraceStepLine } from './readTrace.ts';

/** The verdict the checker gave one recorded step. */
export interface CheckedStep {
  readonly step: TraceStepLine;
  /** `harness` for wait and inject lines, else the monitor's verdict. */
  readonly verdict: TraceEntry['verdict'];
  readonly rules: readonly string[];
}

/** A divergence found in a recorded run, explained (culprit named) like a live one. */
export interface TraceDivergence {
  readonly verdict: DivergenceVerdict;
  /** Replay text of the operation to blame. */
  readonly command: string;
  readonly line: number;
  /** The run's trace as reports show it, ending at this divergence. */
  readonly trace: readonly TraceEntry[];
}

/** The outcome of checking one recorded run. */
export interface RunCheck {
  readonly run: TraceRun;
  readonly steps: readonly CheckedStep[];
  /** The run's trace as reports show it, ending at the divergence when there is one. */
  readonly trace: readonly TraceEntry[];
  readonly divergence?: TraceDivergence;
  /**
   * Every divergence of a rule that is not known, in order (the first is `divergence`): checking
   * goes on past each, the monitor re-anchored on the recorded answer, as a live run does.
   */
  readonly divergences: readonly TraceDivergence[];
  /** Divergences of known rules (`knownRules`) the run went on past, in order. */
  readonly known: readonly TraceDivergence[];
  /** Step lines left unchecked because an event may or may not have applied (its request failed). */
  readonly unchecked: number;
}

/** How recorded runs are checked. */
export interface TraceCheckOptions {
  /** Overrides each run's recorded reading. */
  readonly reading?: string;
  /** Default `all`; `documented` makes inferred rules informational (see `Strictness`). */
  readonly strictness?: Strictness;
  readonly unobservable: ReadonlySet<string>;
  /** Rules of known divergences (`--baseline`): checking goes on past them, as a live run does. */
  readonly knownRules?: ReadonlySet<string>;
}

/**
 * Checks recorded runs against a spec with no target: each run through a fresh {@link StepChecker}
 * (one monitor per logical function), `op` lines checked, `inject` lines injected; waits need
 * nothing, the times are in the lines. Every step is accounted in one run-wide tally by the same
 * code that accounts for a live run's steps.
 */
export class TraceChecker {
  readonly tally: RunTally;

  constructor(
    private readonly spec: Spec,
    private readonly options: TraceCheckOptions,
  ) {
    this.tally = createRunTally(spec);
  }

  /** Checks one recorded run, going on past every divergence as a live run does. */
  check(run: TraceRun): RunCheck {
    const checker = new StepChecker(this.spec, this.tally, {
      reading: this.options.reading ?? run.header.reading,
      ...(this.options.strictness !== undefined ? { strictness: this.options.strictness } : {}),
      unobservable: this.options.unobservable,
      ...(this.options.knownRules !== undefined ? { knownRules: this.options.knownRules } : {}),
      keepGoing: true,
    });
    const steps: CheckedStep[] = [];
    const divergences: TraceDivergence[] = [];
    const trace: TraceEntry[] = [];
    const known: TraceDivergence[] = [];
    const entry = (
      at: number,
      command: string,
      observation: string,
      checked: CheckedStep,
    ): void => {
      steps.push(checked);
      trace.push({
        index: trace.length,
        at,
        command,
        observation,
        verdict: checked.verdict,
        rules: checked.rules,
      });
    };
    /** What was checked, with `unchecked` steps left after it. */
    const result = (unchecked: number): RunCheck => {
      const [first] = divergences;
      return {
        run,
        steps,
        trace,
        ...(first !== undefined ? { divergence: first } : {}),
        divergences,
        known,
        unchecked,
      };
    };
    for (const [i, step] of run.steps.entries()) {
      switch (step.type) {
        case 'wait':
          entry(step.at, `Wait(${step.ms})`, `time +${step.ms}ms`, {
            step,
            verdict: 'harness',
            rules: [],
          });
          break;
        case 'inject': {
          const command = `Inject(${step.event}, ${step.fn})`;
          if (step.result === 'refused') {
            // The environment said the event did not apply: the look after it decides.
            const text = `event not applied: ${step.detail ?? 'refused'}`;
            entry(step.at, command, text, { step, verdict: 'harness', rules: [] });
            break;
          }
          if (step.result === 'inconclusive') {
            // It may or may not have applied: nothing after it can be judged, as in a live run.
            const reason = step.detail ?? 'the event request failed';
            checker.noteInconclusive(command, reason);
            const text = `event may or may not have applied: ${reason}`;
            entry(step.at, command, text, { step, verdict: 'inconclusive', rules: [] });
            return result(run.steps.length - i - 1);
          }
          const applied = checker.inject(step.fn, step.event, step.at);
          const text =
            applied.length > 0 ? `event may apply (${applied.join(', ')})` : 'no effect possible';
          entry(step.at, command, text, {
            step,
            verdict: 'harness',
            rules: applied,
          });
          break;
        }
        case 'op': {
          const op: Operation = { name: step.operation, fn: step.fn, args: step.args };
          const checked = checker.check(op, step.observation, step.at, step.end);
          const { verdict } = checked;
          entry(step.at, step.command, describeObservation(step.observation), {
            step,
            verdict: verdict.kind,
            rules: verdict.rules,
          });
          if (verdict.kind !== 'divergence') break;
          const explained = checked.known?.explained ?? checked.explained ?? verdict;
          const command =
            explained.culprit === undefined
              ? step.command
              : formatOperation(explained.culprit.operation);
          const divergence = { verdict: explained, command, line: step.line, trace: [...trace] };
          if (checked.known !== undefined) known.push(divergence);
          else divergences.push(divergence);
          break;
        }
      }
    }
    return result(0);
  }
}
