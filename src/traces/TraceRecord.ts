import type { ExecutedStep } from '../runner/RunRecorder.ts';
import type { Timing } from '../targets/Target.ts';

/** Version of the JSON Lines trace format written by `run --record`. */
export const TRACE_VERSION = 1;

/**
 * The `run` line that opens a recorded sequence. Fields marked optional are absent from traces of
 * older versions.
 */
export interface TraceRunLine {
  readonly type: 'run';
  readonly version: typeof TRACE_VERSION;
  readonly run: string;
  readonly target: string;
  readonly mutants: readonly string[];
  readonly reading: string;
  readonly spec: { readonly file: string; readonly hash: string };
  readonly timing: Timing;
  /** Seed of the lane that generated this run. */
  readonly seed?: number;
  /** Index of that lane in the run's plan (`--concurrency`, `--shard`). */
  readonly lane?: number;
  /** Set on a shrink attempt: a smaller variant of its lane's failing sequence. */
  readonly shrink?: true;
  /** Observation fields the target could not see (e.g. `ranCode` on an echoing emulator). */
  readonly unobservable?: readonly string[];
}

/** Adds the run id to every member of a union of steps. */
type WithRun<T> = T extends unknown ? T & { readonly run: string } : never;

/**
 * One line of a recorded trace (JSON Lines). A trace is a sequence of runs, each opened by a `run`
 * line followed by its steps in order (an `op`, `wait` or `inject` line is an {@link ExecutedStep}
 * with its run id). Times are target times in ms since the session opened. Credentials and request
 * signatures are never recorded; account ids can be masked.
 */
export type TraceLine = TraceRunLine | WithRun<ExecutedStep>;
