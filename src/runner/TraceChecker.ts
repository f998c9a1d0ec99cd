import { FunctionMonitor } from '../monitor/Monitor.ts';
import { describeObservation, type StepVerdict } from '../monitor/Verdict.ts';
import type { Spec } from '../spec/Spec.ts';
import { formatOperation, type Operation } from '../targets/Operation.ts';
import { Coverage } from './Coverage.ts';
import type { ExecutionSink } from './Execution.ts';
import type { TraceRun, TraceStepLine } from './readTrace.ts';
import type { TraceEntry } from './RunRecord.ts';
import type { Strictness } from '../spec/strictness.ts';

/** The verdict the checker gave one recorded step. */
export interface CheckedStep {
  readonly step: TraceStepLine;
  /** `harness` for wait and inject lines, else the monitor's verdict. */
  readonly verdict: TraceEntry['verdict'];
  readonly rules: readonly string[];
}

/** A divergence found in a recorded run, explained (culprit named) like a live one. */
export interface TraceDivergence {
  readonly verdict: Extract<StepVerdict, { kind: 'divergence' }>;
  /** Replay text of the operation to blame. */
  readonly command: string;
  readonly line: number;
}

/** The outcome of checking one recorded run. */
export interface RunCheck {
  readonly run: TraceRun;
  readonly steps: readonly CheckedStep[];
  /** The run's trace as reports show it, ending at the divergence when there is one. */
  readonly trace: readonly TraceEntry[];
  readonly divergence?: TraceDivergence;
  /** Step lines left unchecked because an earlier step diverged. */
  readonly unchecked: number;
}

/** How recorded runs are checked. */
export interface TraceCheckOptions {
  /** Overrides each run's recorded reading. */
  readonly reading?: string;
  /** Default `all`; `documented` makes inferred rules informational (see `Strictness`). */
  readonly strictness?: Strictness;
  readonly unobservable: ReadonlySet<string>;
}

/** Unspecified observations kept per rule, as the live runner keeps them. */
const UNSPECIFIED_SAMPLES_PER_RULE = 3;

/**
 * Checks recorded runs against a spec with no target: fresh monitors per logical function per run,
 * `op` lines fed to `step`, `inject` lines to `inject`; waits need nothing, the times are in the
 * lines. Bookkeeping (coverage, inconclusive, unspecified) goes into one run-wide sink, exactly as
 * `Execution` reports a live run.
 */
export class TraceChecker {
  readonly sink: ExecutionSink;

  constructor(
    private readonly spec: Spec,
    private readonly options: TraceCheckOptions,
  ) {
    this.sink = {
      coverage: new Coverage(spec),
      operations: 0,
      largestStateSet: 1,
      inconclusive: [],
      unspecified: [],
    };
  }

  /** Checks one recorded run; stops at its first divergence. */
  check(run: TraceRun): RunCheck {
    const reading = this.options.reading ?? run.header.reading;
    const monitors = new Map<string, FunctionMonitor>();
    const monitor = (fn: string): FunctionMonitor => {
      let m = monitors.get(fn);
      if (m === undefined) {
        m = new FunctionMonitor(this.spec, {
          reading,
          strictness: this.options.strictness ?? 'all',
          unobservable: this.options.unobservable,
        });
        monitors.set(fn, m);
      }
      return m;
    };
    const steps: CheckedStep[] = [];
    const trace: TraceEntry[] = [];
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
          const applied = monitor(step.fn).inject(step.event, step.at);
          this.sink.coverage.exercised(applied);
          const text =
            applied.length > 0 ? `event may apply (${applied.join(', ')})` : 'no effect possible';
          entry(step.at, `Inject(${step.event}, ${step.fn})`, text, {
            step,
            verdict: 'harness',
            rules: applied,
          });
          break;
        }
        case 'op': {
          const op: Operation = { name: step.operation, fn: step.fn, args: step.args };
          const m = monitor(step.fn);
          const verdict = m.step(op, step.observation, step.at, step.end);
          this.sink.operations++;
          this.sink.largestStateSet = Math.max(this.sink.largestStateSet, m.largestSet);
          entry(step.at, step.command, describeObservation(step.observation), {
            step,
            verdict: verdict.kind,
            rules: verdict.rules,
          });
          this.count(verdict, step.command, describeObservation(step.observation), m);
          if (verdict.kind === 'divergence') {
            const explained = m.explainDivergence() ?? verdict;
            const command =
              explained.culprit === undefined
                ? step.command
                : formatOperation(explained.culprit.operation);
            const divergence = { verdict: explained, command, line: step.line };
            const unchecked = run.steps.length - i - 1;
            return { run, steps, trace, divergence, unchecked };
          }
          break;
        }
      }
    }
    return { run, steps, trace, unchecked: 0 };
  }

  private count(
    verdict: StepVerdict,
    command: string,
    observation: string,
    m: FunctionMonitor,
  ): void {
    const { coverage } = this.sink;
    switch (verdict.kind) {
      case 'divergence':
        for (const id of verdict.rules) coverage.violated(id);
        coverage.exercised(verdict.rules);
        return;
      case 'inconclusive':
        coverage.exercised(verdict.rules);
        this.sink.inconclusive.push({ command, reason: verdict.reason });
        return;
      case 'unspecified':
        coverage.unspecified(verdict.rules);
        coverage.exercised(verdict.rules);
        for (const ruleId of verdict.rules) {
          const seen = this.sink.unspecified.filter((u) => u.ruleId === ruleId).length;
          if (seen < UNSPECIFIED_SAMPLES_PER_RULE)
            this.sink.unspecified.push({ ruleId, command, observation });
        }
        return;
      case 'conformant':
        coverage.exercised([...verdict.rules, ...m.lastConfirmedTransitions]);
        return;
    }
  }
}
