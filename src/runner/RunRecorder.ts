import type { Observation } from '../lambda/Observation.ts';
import type { Timing } from '../targets/Target.ts';

/**
 * One step of a sequence as an execution reports it, as it happens. Times are target times in ms
 * since the session opened.
 */
export type ExecutedStep =
  | {
      readonly type: 'op';
      readonly at: number;
      readonly end: number;
      /** Replay text of the call, e.g. `UpdateFunctionCode(fn0, code=2, revisionId=none)`. */
      readonly command: string;
      readonly operation: string;
      readonly fn: string;
      readonly args: Readonly<Record<string, string | number>>;
      /** What came back: the response fields, or the error type, status and message. */
      readonly observation: Observation;
      /** The monitor's verdict on the step. */
      readonly verdict: 'conformant' | 'unspecified' | 'inconclusive' | 'divergence';
      readonly rules: readonly string[];
    }
  | { readonly type: 'wait'; readonly at: number; readonly ms: number }
  | {
      readonly type: 'inject';
      readonly at: number;
      readonly event: string;
      readonly fn: string;
      /**
       * Set when the event did not surely apply: `refused` (the environment answered 4xx: it did
       * not apply) or `inconclusive` (5xx, network error: it may have). Absent: applied.
       */
      readonly result?: 'refused' | 'inconclusive';
      /** The environment's answer, with `result`. */
      readonly detail?: string;
    };

/** What the engine says about a sequence when it starts running it. */
export interface RunStart {
  /** A fresh id per sequence (per property execution, shrink attempts included). */
  readonly run: string;
  readonly target: string;
  readonly mutants: readonly string[];
  readonly reading: string;
  readonly spec: { readonly file: string; readonly hash: string };
  readonly timing: Timing;
  /** Seed of the lane that generated the sequence. */
  readonly seed: number;
  /** Index of that lane in the run's plan: the lowest failing lane is the one reported. */
  readonly lane: number;
  /**
   * Set when the sequence is a shrink attempt: a smaller variant of its lane's failing sequence,
   * run after the lane's first failure. The last failing sequence of a lane is the one reported.
   */
  readonly shrink?: true;
  /**
   * On a shrink attempt of one distinct divergence (runs that go on past divergences): its key,
   * `rule|category`. The last sequence of its lane that shows it is the one reported.
   */
  readonly shrinkOf?: string;
  /** Observation fields the target cannot see (their constraints are skipped). */
  readonly unobservable: readonly string[];
}

/**
 * Receives every sequence a run executes, step by step (`run --record`). The engine calls
 * {@link RunRecorder.startRun} before a sequence's first command and the returned listener after
 * each step, in order; sequences of concurrent lanes may interleave. An implementation must not
 * throw and must not block: the engine does not wait for it.
 */
export interface RunRecorder {
  /** A sequence starts: the listener for its steps. */
  startRun(start: RunStart): (step: ExecutedStep) => void;
}
