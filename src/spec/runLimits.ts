import { MAX_TIMER_MS } from '../text/duration.ts';

/**
 * The largest values a run accepts, whether a scenario or an option gives them. Beyond them a run
 * would not end in any useful time, or would not fit in memory (`maxCommands: 99999999` built
 * sequences until V8 ran out of heap), so they are refused up front with the bound in the message.
 */
export const RUN_LIMITS = {
  /** Generated sequences of one run (a plan holds one entry per sequence when split). */
  runs: 1_000_000,
  /** Commands of one sequence: 10,000 already take about a second to run on the memory target. */
  maxCommands: 10_000,
  /** Logical functions a sequence may address. */
  functions: 100,
  /** Sequences in flight at once. */
  concurrency: 256,
  /** One command's weight in `weights`. */
  weight: 1_000_000,
  /** A time budget or a timeout (ms): the longest a Node timer waits (about 24.8 days). */
  durationMs: MAX_TIMER_MS,
} as const;
