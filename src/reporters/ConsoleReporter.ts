import { isAbsolute, relative, sep } from 'node:path';
import type { RunRecord } from '../runner/RunRecord.ts';
import { formatConsoleSummary } from './consoleSummary.ts';
import { paintFor, type Paint } from './paint.ts';
import { DEFAULT_PROGRESS_INTERVALS, ProgressLine, progressStreamOf } from './ProgressLine.ts';
import type { Progress, ReportContext, Reporter, Terminal } from './Reporter.ts';

/** Optional knobs of the console reporter; everything has a default. */
export interface ConsoleReporterOptions {
  /** Colours terminal text; defaults to ANSI when the terminal allows colour and NO_COLOR is unset. */
  readonly paint?: Paint;
  /** Clock for progress throttling (ms); defaults to `performance.now`. */
  readonly now?: () => number;
  readonly liveIntervalMs?: number;
  readonly plainIntervalMs?: number;
}

/**
 * The `console` reporter: live progress while the run goes, then the final summary on standard
 * output. Writes no file.
 *
 * @internal Exported for tests only.
 */
export class ConsoleReporter implements Reporter {
  readonly name = 'console';
  readonly #paint: Paint;
  readonly #progress: ProgressLine;

  constructor(terminal: Terminal, options: ConsoleReporterOptions = {}) {
    this.#paint = options.paint ?? paintFor(terminal);
    this.#progress = new ProgressLine(progressStreamOf(terminal), this.#paint, {
      now: options.now ?? (() => performance.now()),
      liveIntervalMs: options.liveIntervalMs ?? DEFAULT_PROGRESS_INTERVALS.liveIntervalMs,
      plainIntervalMs: options.plainIntervalMs ?? DEFAULT_PROGRESS_INTERVALS.plainIntervalMs,
    });
  }

  /** Redraws (TTY) or prints (log) the progress line, throttled. */
  onProgress(p: Progress): void {
    this.#progress.update(p);
  }

  /** Clears the progress line and prints the summary, with where the reports went. */
  finish(record: RunRecord, ctx: ReportContext): void {
    this.#progress.clear();
    const files = ctx.reportFiles ?? [];
    const reports = files.length > 0 ? { dir: shownDir(ctx.outDir), files } : undefined;
    ctx.io.out(formatConsoleSummary(record, this.#paint, reports));
  }
}

/** A directory as the console shows it: relative to the working directory when inside it. */
function shownDir(dir: string): string {
  const rel = relative(process.cwd(), dir);
  if (rel === '') return `.${sep}`;
  return rel.startsWith('..') || isAbsolute(rel) ? `${dir}${sep}` : `${rel}${sep}`;
}

/** Registry factory for `console`. */
export function createConsoleReporter(terminal: Terminal): Reporter {
  return new ConsoleReporter(terminal);
}
