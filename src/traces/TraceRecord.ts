import type { Observation } from '../targets/Observation.ts';
import type { Timing } from '../targets/Target.ts';

/** Version of the JSON Lines trace format written by `run --record`. */
export const TRACE_VERSION = 1;

/**
 * One line of a recorded trace (JSON Lines). A trace is a sequence of runs, each opened by a `run`
 * line followed by its steps in order. Times are target times in ms since the session opened.
 * Credentials and request signatures are never recorded; account ids can be masked.
 */
export type TraceLine =
  | {
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
      /** Observation fields the target could not see (e.g. `ranCode` on an echoing emulator). */
      readonly unobservable?: readonly string[];
    }
  | {
      readonly type: 'op';
      readonly run: string;
      readonly at: number;
      readonly end: number;
      /** Replay text of the call, e.g. `UpdateFunctionCode(fn0, code=2, revisionId=none)`. */
      readonly command: string;
      readonly operation: string;
      readonly fn: string;
      readonly args: Readonly<Record<string, string | number>>;
      /** What came back: the response fields, or the error type, status and message. */
      readonly observation: Observation;
      /** The harness's verdict when the step was recorded. */
      readonly verdict: 'conformant' | 'unspecified' | 'inconclusive' | 'divergence';
      readonly rules: readonly string[];
    }
  | { readonly type: 'wait'; readonly run: string; readonly at: number; readonly ms: number }
  | {
      readonly type: 'inject';
      readonly run: string;
      readonly at: number;
      readonly event: string;
      readonly fn: string;
    };

/** A step as an execution reports it (the recorder adds the run id). */
export type TraceStep = DistributiveOmit<
  Extract<TraceLine, { type: 'op' | 'wait' | 'inject' }>,
  'run'
>;

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
