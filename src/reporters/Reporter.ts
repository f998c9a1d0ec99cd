import type { RunRecord } from '../runner/RunRecord.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Io } from '../text/Io.ts';

/**
 * What a reporter knows about the terminal, resolved once by the CLI. Given to the factory (so live
 * progress can be drawn before the run ends) and again, as part of {@link ReportContext}, to `finish`.
 */
export interface Terminal {
  /** Where human-readable text goes: written as is, lines end with the `\n` the reporter writes. */
  readonly io: Io;
  /** Whether standard output is an interactive terminal (live progress line). */
  readonly isTTY: boolean;
  /**
   * Whether terminal text is coloured, decided once by whoever builds the terminal (the CLI:
   * `--color` / `--no-color`, `FORCE_COLOR`, `NO_COLOR`, a TTY; see `resolveColor`).
   */
  readonly color: boolean;
  /** Environment variables (`CI`, `NO_COLOR`, `GITHUB_STEP_SUMMARY`); never `process.env` directly. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The terminal's width in columns, when it is one: a live line is cut to fit. */
  readonly columns?: number | undefined;
  /** Whether the reader of standard output has gone (`… | head -1`); absent: never. */
  readonly closed?: () => boolean;
}

/** Everything a reporter may use besides the record when the run has ended. */
export interface ReportContext extends Terminal {
  /** The directory a reporter writes its one file into; created if missing. */
  readonly outDir: string;
  /** The loaded spec the run checked (for the state diagram and rule titles). */
  readonly spec: Spec;
  /** The files the run's reporters write into `outDir` (`run.json`, …), so the console says where. */
  readonly reportFiles?: readonly string[];
}

/** A live snapshot of a run in progress. */
export interface Progress {
  readonly runsDone: number;
  readonly runsPlanned: number;
  /** Operations checked so far, over all runs. */
  readonly operations: number;
  readonly divergences: number;
  /**
   * Sequences run to shrink a divergence: not runs of the suite (a runs count that passed the
   * planned one while shrinking read as a miscount).
   */
  readonly shrinkAttempts?: number;
  /** Wall-clock time since the run started. */
  readonly elapsedMs: number;
  /** The scenario's time budget, when it has one. */
  readonly budgetMs?: number;
}

/**
 * A report plug-in, built by name from the registry (`registry.ts`), one instance per run.
 * Hooks may be synchronous or asynchronous; the runner awaits `finish` before exiting.
 *
 * An implementation must never:
 * - mutate the record (it is shared by every reporter and may be frozen);
 * - write a file outside `ctx.outDir`, except appending to `env.GITHUB_STEP_SUMMARY`;
 * - write more than its one file (each reporter owns exactly one output);
 * - put ANSI colour codes in a file: colour is for the terminal, through an injected function;
 * - throw because an optional field of the record (`shard`, `path`, `counterexampleFile`,
 *   `baselined`, `budgetMs`, …) is missing: it leaves that part out instead;
 * - call `process.exit()` or read `process.env` / `process.stdout` directly.
 */
export interface Reporter {
  /** The registry name (`console`, `json`, …). */
  readonly name: string;
  /** The name of the one file it writes into `outDir`; absent when it writes none. */
  readonly file?: string;
  /** Live progress, called often and never awaited: must be cheap and must not throw. */
  onProgress?(p: Progress): void;
  /** Final output, called once with the finished, immutable record. */
  finish(record: RunRecord, ctx: ReportContext): Promise<void> | void;
}

/** Builds a fresh reporter for one run. */
export type ReporterFactory = (terminal: Terminal) => Reporter;
