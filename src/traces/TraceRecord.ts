import type { ExecutedStep } from '../runner/RunRecorder.ts';
import type { Timing } from '../targets/Target.ts';

/** Version of the JSON Lines trace format written by `run --record`. */
export const TRACE_VERSION = 1;

/** The verdict a harness gave a recorded step. */
export type RecordedVerdict = Extract<ExecutedStep, { type: 'op' }>['verdict'];

/**
 * Where a trace that no harness recorded comes from (an imported recording): the repository, the
 * file and the key in it, when it was recorded, under which licence, and how the call order was
 * obtained. Shown to people; the checker ignores it.
 */
export interface TraceSource {
  /** `owner/name` of the repository holding the recording, e.g. `localstack/localstack`. */
  readonly repo: string;
  /** The commit the recording was read at, when known. */
  readonly commit?: string;
  /** Path of the recording inside the repository. */
  readonly path: string;
  /** The recorded test's key in that file. */
  readonly key: string;
  /** When the recording was made against the real service, as the recording states it. */
  readonly recorded: string;
  /** SPDX licence identifier of the recording. */
  readonly license: string;
  /** Where the order of the calls comes from: the test code (`path:line`) or an order file. */
  readonly order: string;
  /** What the import left out or cut, one sentence each. */
  readonly notes: readonly string[];
}

/** The `run` line that opens each recorded run. */
export interface TraceRunLine {
  readonly type: 'run';
  readonly version: typeof TRACE_VERSION;
  readonly run: string;
  readonly target: string;
  readonly mutants: readonly string[];
  readonly reading: string;
  readonly spec: { readonly file: string; readonly hash: string };
  readonly timing: Timing;
  /** Seed of the lane that generated this run (absent in traces from older versions). */
  readonly seed?: number;
  /** Index of that lane in the run's plan (`--concurrency`, `--shard`). */
  readonly lane?: number;
  /** Set on a shrink attempt: a smaller variant of its lane's failing sequence. */
  readonly shrink?: true;
  /** On a shrink attempt of one distinct divergence: its key, `rule|category`. */
  readonly shrinkOf?: string;
  /** Observation fields the target could not see (e.g. `ranCode` on an echoing emulator). */
  readonly unobservable?: readonly string[];
  /** Set on imported traces: where the recording comes from. */
  readonly source?: TraceSource;
}

type ExecutedOp = Extract<ExecutedStep, { type: 'op' }>;

/**
 * One operation and what came back: the step as the execution reported it, with its run id. The
 * verdict and its rules are absent in imported traces (no harness judged them when recorded).
 */
export type TraceOpLine = Omit<ExecutedOp, 'verdict' | 'rules'> & {
  readonly run: string;
  /** The harness's verdict when the step was recorded; absent in imported traces. */
  readonly verdict?: RecordedVerdict;
  /** The rules that verdict rests on; absent in imported traces. */
  readonly rules?: readonly string[];
};

/** Time passing on purpose. */
export type TraceWaitLine = Extract<ExecutedStep, { type: 'wait' }> & { readonly run: string };

/** An environment event injected for one function. */
export type TraceInjectLine = Extract<ExecutedStep, { type: 'inject' }> & { readonly run: string };

/**
 * One line of a recorded trace (JSON Lines; schema: `trace-line.schema.json` beside this file). A
 * trace is a sequence of runs, each opened by a `run` line followed by its steps in order. Times are
 * target times in ms since the session opened. Credentials and request signatures are never
 * recorded; account ids can be masked.
 */
export type TraceLine = TraceRunLine | TraceOpLine | TraceWaitLine | TraceInjectLine;
