import type { CommandExecutor } from '../commands/buildCommands.ts';
import { formatCommand, type HarnessCommand } from '../commands/HarnessCommand.ts';
import type { FunctionMonitor } from '../monitor/Monitor.ts';
import { describeObservation } from '../monitor/Verdict.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Strictness } from '../spec/strictness.ts';
import { formatOperation, type Operation } from '../lambda/Operation.ts';
import type { TargetSession } from '../targets/Target.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { ExecutedStep } from './RunRecorder.ts';
import type { TraceEntry } from './RunRecord.ts';
import { StepChecker, type DivergenceVerdict, type RunTally } from './StepChecker.ts';

/** Thrown inside a property run when the target diverges; fast-check then shrinks the sequence. */
export class DivergenceFound extends Error {
  override readonly name = 'DivergenceFound';
  constructor(
    readonly verdict: DivergenceVerdict,
    readonly command: string,
    private readonly traceOf: () => readonly TraceEntry[],
    /** The top-level commands executed, the failing one last: a replayable sequence. */
    readonly commands: readonly HarnessCommand[],
    private readonly monitor: Pick<FunctionMonitor, 'explainDivergence'>,
  ) {
    super(
      `${command}: ${describeObservation(verdict.observation)} breaks ${verdict.rules.join(', ')}`,
    );
  }

  /** The trace that ends in the divergence (formatted on demand: most failures are shrink steps). */
  get trace(): readonly TraceEntry[] {
    return this.traceOf();
  }

  /**
   * The divergence with its culprit: when an earlier observation is to blame, its operation is
   * named. Costly, so only for the counterexample that is reported.
   */
  explain(): { verdict: DivergenceVerdict; command: string } {
    // Computed once: callers ask more than once, and the blame analysis is costly.
    if (this.explained === undefined) {
      const verdict = this.monitor.explainDivergence() ?? this.verdict;
      const command =
        verdict.culprit === undefined ? this.command : formatOperation(verdict.culprit.operation);
      this.explained = { verdict, command };
    }
    return this.explained;
  }

  private explained: { verdict: DivergenceVerdict; command: string } | undefined;

  /** What makes two divergences the same finding: the blamed rule and the category. */
  get key(): string {
    return divergenceKey(this.explain().verdict);
  }
}

/** `rule|category`: the blamed rule (the best-matching state's) and how the observation broke it. */
export function divergenceKey(verdict: DivergenceVerdict): string {
  return `${blamedRule(verdict)}|${verdict.category}`;
}

/** The rule a divergence is reported under: the first expectation's (the best-matching state's). */
export function blamedRule(verdict: DivergenceVerdict): string {
  return verdict.expectations[0]?.ruleId ?? verdict.rules[0] ?? 'unknown';
}

/** A trace entry before formatting: formatting every step would cost more than checking it. */
interface RawEntry {
  readonly at: number;
  readonly command: HarnessCommand;
  readonly observation: Observation | string;
  readonly verdict: TraceEntry['verdict'];
  readonly rules: readonly string[];
}

function formatEntry(e: RawEntry, index: number): TraceEntry {
  return {
    index,
    at: e.at,
    command: formatCommand(e.command),
    observation:
      typeof e.observation === 'string' ? e.observation : describeObservation(e.observation),
    verdict: e.verdict,
    rules: e.rules,
  };
}

/** Thrown when the run's signal aborts mid-sequence; the runner reports the run as interrupted. */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
  constructor() {
    super('run interrupted');
  }
}

/** How one execution is set up. */
export interface ExecutionOptions {
  /** The run's abort signal: once aborted, no further command runs (the sequence ends at once). */
  readonly signal?: AbortSignal;
  /**
   * Rules of known divergences (`--baseline`). A divergence blamed on one of them is reported to
   * `onKnown` and the step is taken as unknown, so checking goes on after it.
   */
  readonly knownRules?: ReadonlySet<string>;
  readonly onKnown?: (rule: string, divergence: DivergenceFound) => void;
  /**
   * Called with every divergence of a rule that is not known. `continue`: the monitor re-anchors on
   * what the target answered and the sequence goes on; `stop`: the divergence is thrown (what
   * happens when this is not set).
   */
  readonly onDivergence?: (divergence: DivergenceFound) => 'continue' | 'stop';
  /** Called with every step as it happens (for `--record`). */
  readonly onStep?: (step: ExecutedStep) => void;
  readonly reading: string;
  /** Default `all`; `documented` makes inferred rules informational (see `Strictness`). */
  readonly strictness?: Strictness;
  readonly unobservable: ReadonlySet<string>;
  readonly virtualTime: boolean;
}

/**
 * Runs one sequence of harness commands against one session, checks each observation with a
 * {@link StepChecker} (which accounts for it in the run's tally) and keeps the trace. Throws
 * {@link DivergenceFound} on divergence.
 */
export class Execution implements CommandExecutor {
  private readonly checker: StepChecker;
  private readonly raw: RawEntry[] = [];
  /** Top-level commands executed so far (Settle's polls are not listed: Settle replays them). */
  readonly executed: HarnessCommand[] = [];

  constructor(
    spec: Spec,
    private readonly session: TargetSession,
    tally: RunTally,
    private readonly options: ExecutionOptions,
  ) {
    this.checker = new StepChecker(spec, tally, {
      reading: options.reading,
      ...(options.strictness !== undefined ? { strictness: options.strictness } : {}),
      unobservable: options.unobservable,
      ...(options.knownRules !== undefined ? { knownRules: options.knownRules } : {}),
      keepGoing: options.onDivergence !== undefined,
    });
  }

  /** Set while the function is read back after a divergence (a read-back is not read back). */
  private readingBack = false;

  /** The steps so far, formatted. */
  get trace(): TraceEntry[] {
    return this.raw.map(formatEntry);
  }

  async execute(cmd: HarnessCommand): Promise<void> {
    this.stopIfAborted();
    this.executed.push(cmd);
    switch (cmd.kind) {
      case 'op':
        await this.operate(cmd.op);
        return;
      case 'wait': {
        const at = this.session.now();
        await this.session.advance(cmd.ms);
        this.options.onStep?.({ type: 'wait', at, ms: cmd.ms });
        this.note(at, cmd, `time +${cmd.ms}ms`);
        return;
      }
      case 'inject': {
        const at = this.session.now();
        if (this.session.inject === undefined) throw new Error('target cannot inject events');
        await this.session.inject(cmd.event, cmd.fn);
        this.options.onStep?.({ type: 'inject', at, event: cmd.event, fn: cmd.fn });
        const applied = this.checker.inject(cmd.fn, cmd.event, this.session.now());
        this.note(
          at,
          cmd,
          applied.length > 0 ? `event may apply (${applied.join(', ')})` : 'no effect possible',
          applied,
        );
        // Look right away: whether the event took effect is then decided by the Lambda API itself,
        // not by trusting the environment's control channel.
        await this.operate({ name: 'GetFunction', fn: cmd.fn, args: {} });
        return;
      }
      case 'settle':
        await this.settle();
        return;
    }
  }

  private note(
    at: number,
    command: HarnessCommand,
    observation: string,
    rules: readonly string[] = [],
  ): void {
    this.raw.push({ at, command, observation, verdict: 'harness', rules });
  }

  private async operate(op: Operation): Promise<void> {
    const startedAt = this.session.now();
    const obs = await this.session.apply(op);
    // An answer cut short by the interruption or the time budget says nothing about the target.
    this.stopIfAborted();
    const endedAt = this.session.now();
    const { verdict, known, explained, readBack } = this.checker.check(op, obs, startedAt, endedAt);
    this.options.onStep?.({
      type: 'op',
      at: startedAt,
      end: endedAt,
      command: formatOperation(op),
      operation: op.name,
      fn: op.fn,
      args: op.args,
      observation: obs,
      verdict: verdict.kind,
      rules: verdict.rules,
    });
    this.raw.push({
      at: startedAt,
      command: { kind: 'op', op },
      observation: obs,
      verdict: verdict.kind,
      rules: verdict.rules,
    });
    if (verdict.kind !== 'divergence') return;
    const settled = known?.explained ?? explained;
    const monitor: Pick<FunctionMonitor, 'explainDivergence'> =
      settled === undefined
        ? this.checker.monitorOf(op.fn)
        : // Frozen: the monitor goes on past the divergence.
          { explainDivergence: () => settled };
    // The trace as it was at the divergence (the sequence may go on past it).
    const upTo = this.raw.length;
    const found = new DivergenceFound(
      verdict,
      formatOperation(op),
      () => this.raw.slice(0, upTo).map(formatEntry),
      [...this.executed],
      monitor,
    );
    if (known !== undefined) this.options.onKnown?.(known.rule, found);
    else if (this.options.onDivergence?.(found) !== 'continue') throw found;
    if (readBack === true && !this.readingBack) {
      // No rule explains the answer: what the function looks like now re-anchors the monitor.
      this.readingBack = true;
      try {
        await this.operate({ name: 'GetFunction', fn: op.fn, args: {} });
      } finally {
        this.readingBack = false;
      }
    }
  }

  /** Ends the sequence when the run was interrupted: the runner then cleans up and reports. */
  private stopIfAborted(): void {
    if (this.options.signal?.aborted === true) throw new RunInterrupted();
  }

  /**
   * Waits until no function has an async transition left to make, polling GetFunction (each poll is
   * checked like any operation) with a doubling delay, until the spec's largest time bound passes.
   */
  private async settle(): Promise<void> {
    const start = this.session.now();
    this.note(start, { kind: 'settle' }, 'polling GetFunction until no transition is pending');
    let delay = this.options.virtualTime ? 1_000 : 100;
    for (;;) {
      // An interrupted run must not poll on: advance() returns at once after an abort.
      this.stopIfAborted();
      const pending = this.checker.pending();
      if (pending.fns.length === 0) return;
      if (this.session.now() - start > pending.boundMs + delay) return;
      await this.session.advance(delay);
      for (const fn of pending.fns) {
        await this.operate({ name: 'GetFunction', fn, args: {} });
      }
      delay = Math.min(delay * 2, 60_000);
    }
  }
}
