import type { BaselineEntry } from '../runner/RunRecord.ts';
import type { ProgressListener } from '../runner/runConformance.ts';

/** What `baseline` did to a run: entries that no longer match a divergence, and expired ones. */
export interface BaselineReport {
  /** The baseline file, as given. */
  readonly file: string;
  /** Entries for this target whose rule did not diverge: the CLI fails the run ("remove it"). */
  readonly stale: readonly BaselineEntry[];
  /** Entries past their `expires` date: they no longer suppress anything. */
  readonly expired: readonly BaselineEntry[];
}

/**
 * Options of the programmatic {@link runConformance}: the `run` command's flags, typed. Each one
 * overrides the scenario file, exactly as the flag of the same name does; what is left out comes
 * from the scenario (then the CLI's defaults). Paths are relative to the working directory.
 */
export interface ConformanceOptions {
  /** `--target`: `memory` (the built-in simulation) or `aws` (an endpoint, the emulator, real AWS). */
  readonly target?: string;
  /** `--endpoint`: the Lambda endpoint URL, or `emulator` to start the built-in emulator for the run. */
  readonly endpoint?: string;
  /** `--mutant`: simulated emulator bugs to switch on (memory target and emulator). */
  readonly mutants?: readonly string[];
  /** `--runs`: generated sequences (fast-check runs), an integer >= 1. */
  readonly runs?: number;
  /** `--seed`: fast-check seed, an integer >= 0; the same seed replays the same sequences. */
  readonly seed?: number;
  /** `--max-commands`: most commands per generated sequence, an integer >= 1. */
  readonly maxCommands?: number;
  /** `--reading`: which spec reading to check where the documents contradict each other. */
  readonly reading?: string;
  /**
   * `--out`: the directory the reporters write into. Without it no file is written (the record is
   * only returned); with it, the scenario's reporters (or {@link reporters}) write there.
   */
  readonly out?: string;
  /**
   * `--reporter`: which reporters run (`json`, `junit`, `markdown`, `console`). The file reporters
   * need {@link out}; `console` prints the summary to standard output and runs only when listed
   * here. Default: the scenario's reporters without `console` when `out` is given, none otherwise.
   */
  readonly reporters?: readonly string[];
  /** `--time-budget`: stop generating after this long: a duration (`60s`, `10m`) or milliseconds. */
  readonly timeBudget?: string | number;
  /**
   * `--min-coverage`: the share (0–100) of spec rules and transitions that must be exercised; the
   * record then carries `coverageGate`, and {@link exitCodeOf} is 1 when it failed.
   */
  readonly minCoverage?: number;
  /** `--shard`: which deterministic part of the runs to do, `{ index: 2, count: 4 }` or `'2/4'`. */
  readonly shard?: string | { readonly index: number; readonly count: number };
  /** `--allow-account`: account ids a real-AWS run may touch. */
  readonly allowAccounts?: readonly string[];
  /** `--regressions`: where counterexamples are saved and replayed from. */
  readonly regressions?: string;
  /**
   * `--no-save` when false. Default true, as on the command line: a divergence is saved as a
   * counterexample and saved ones are replayed first; false does neither.
   */
  readonly save?: boolean;
  /** `--record`: write a JSON Lines trace of every step to this file. */
  readonly record?: string;
  /** `--mask-account`: mask account ids in the `record` trace. */
  readonly maskAccount?: boolean;
  /** `--concurrency`: independent runs kept in flight (targets without virtual time), >= 1. */
  readonly concurrency?: number;
  /**
   * `--baseline`: a known-divergence baseline file; the divergences it lists are marked `baselined`
   * in the record and no longer fail it. Stale and expired entries go to {@link onBaseline}.
   */
  readonly baseline?: string;
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
