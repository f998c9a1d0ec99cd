import type { BaselineEntry } from '../runner/RunRecord.ts';
import type { ProgressListener } from '../runner/runConformance.ts';
import type { RunOptions } from '../run/RunOptions.ts';

/** What `baseline` did to a run: entries that no longer match a divergence, and expired ones. */
export interface BaselineReport {
  /** The baseline file, as given. */
  readonly file: string;
  /** Entries for this target whose rule did not diverge: they fail the run ("remove it"). */
  readonly stale: readonly BaselineEntry[];
  /** Entries past their `expires` date: they no longer suppress anything. */
  readonly expired: readonly BaselineEntry[];
}

/**
 * Options of the programmatic {@link runConformance}: the `run` command's options, typed and taken
 * as they are ({@link RunOptions}: numbers, milliseconds, `{ index, count }` for `shard`), plus the
 * hooks only a program can give. Each one overrides the scenario file, exactly as the flag of the
 * same name does; what is left out comes from the scenario (then the defaults). Paths are relative
 * to the working directory.
 *
 * Two options behave differently from the command line, because a program gets the record back:
 * - `out`: without it no file is written (the record is only returned); with it, the scenario's
 *   reporters (or `reporters`) write there.
 * - `reporters`: the file reporters need `out`; `console` prints the summary to standard output and
 *   runs only when listed. Default: the scenario's reporters without `console` when `out` is given,
 *   none otherwise.
 */
export interface ConformanceOptions extends RunOptions {
  /** Called once the baseline is applied, with its stale and expired entries. */
  readonly onBaseline?: (report: BaselineReport) => void;
  /** Stops the run cleanly: sessions clean up and the record of what ran is returned. */
  readonly signal?: AbortSignal;
  /** Called after every property run with the progress so far. */
  readonly onProgress?: ProgressListener;
  /**
   * Environment the reporters see (`GITHUB_STEP_SUMMARY`, `NO_COLOR`, `CI`); default
   * `process.env`, so a markdown report is appended to the GitHub step summary as the CLI does.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
