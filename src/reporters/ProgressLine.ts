import { formatDuration } from '../text/duration.ts';
import type { Paint } from './paint.ts';
import type { Progress, Terminal } from './Reporter.ts';

/** How often progress is written; both are defaults the console reporter can override. */
export interface ProgressLineOptions {
  /** Milliseconds since some fixed point; injectable so tests never sleep. */
  readonly now: () => number;
  /** Minimum gap between redraws of the live line on a TTY. */
  readonly liveIntervalMs: number;
  /** Minimum gap between plain lines without a TTY or under CI. */
  readonly plainIntervalMs: number;
}

/** Default gaps: 10 redraws a second on a terminal, one line every 5 seconds in a log. */
export const DEFAULT_PROGRESS_INTERVALS = { liveIntervalMs: 100, plainIntervalMs: 5000 } as const;

/** Where progress goes: standard output as the progress line sees it (a stub in tests). */
export interface ProgressStream {
  /** Whether to redraw one line in place (an interactive terminal, not under CI). */
  readonly isTTY: boolean;
  /** The terminal's width, when known: a live line is cut to fit, so it never wraps. */
  readonly columns?: number | undefined;
  /** False once the reader has gone (`… | head -1`): nothing more is written. */
  readonly writable: boolean;
  /** Writes text as is. */
  write(text: string): void;
}

/** Carriage return, then erase the whole line: the live line starts again on a blank line. */
const REDRAW = '\r\u001b[2K';

/** The progress stream of a {@link Terminal}: its standard output, live on a TTY outside CI. */
export function progressStreamOf(terminal: Terminal): ProgressStream {
  return {
    isTTY: terminal.isTTY && !isCI(terminal.env),
    columns: terminal.columns,
    get writable() {
      return terminal.closed?.() !== true;
    },
    write: (text) => terminal.io.out(text),
  };
}

/**
 * Live progress of a run. On an interactive terminal (and not under `CI`) one line redrawn in
 * place (carriage return, erase the line, the new text cut to the terminal's width), throttled:
 * never a new line per update. Otherwise a plain line at most every few seconds, so CI logs stay
 * short and have no blank lines. Nothing at all once the reader of the stream has gone.
 */
export class ProgressLine {
  readonly #stream: ProgressStream;
  readonly #paint: Paint;
  readonly #options: ProgressLineOptions;
  #lastWrite: number;
  #drawn = false;
  #failed = false;

  constructor(stream: ProgressStream, paint: Paint, options: ProgressLineOptions) {
    this.#stream = stream;
    this.#paint = paint;
    this.#options = options;
    // A log gets its first line only after one interval: short runs print no progress at all.
    this.#lastWrite = stream.isTTY ? Number.NEGATIVE_INFINITY : options.now();
  }

  /** Whether progress is drawn in place (TTY, not CI). */
  get live(): boolean {
    return this.#stream.isTTY;
  }

  /** Shows `p` if enough time passed since the last write. */
  update(p: Progress): void {
    if (!this.#open) return;
    const now = this.#options.now();
    const interval = this.live ? this.#options.liveIntervalMs : this.#options.plainIntervalMs;
    if (now - this.#lastWrite < interval) return;
    this.#lastWrite = now;
    const text = formatProgress(p);
    if (!this.live) {
      this.#write(`progress: ${text}\n`);
      return;
    }
    const fitted = fit(text, this.#stream.columns);
    this.#write(`${REDRAW}${p.divergences > 0 ? this.#paint('red', fitted) : fitted}`);
    this.#drawn = true;
  }

  /** Erases the live line, if one was drawn, so the summary starts on a clean line. */
  clear(): void {
    if (!this.#drawn) return;
    this.#drawn = false;
    if (this.#open) this.#write(REDRAW);
  }

  /** Whether writing makes sense: the reader is there and no write has failed. */
  get #open(): boolean {
    return !this.#failed && this.#stream.writable;
  }

  #write(text: string): void {
    try {
      this.#stream.write(text);
    } catch {
      // Progress is never worth failing a run: a stream that cannot take it gets no more.
      this.#failed = true;
    }
  }
}

/** `text` cut to fit a line of `columns` (the last column left free, so the cursor never wraps). */
function fit(text: string, columns: number | undefined): string {
  if (columns === undefined || columns < 2) return text;
  const chars = [...text];
  return chars.length < columns ? text : `${chars.slice(0, columns - 2).join('')}…`;
}

/**
 * `runs 12/100 · 1234 operations checked · 1 divergence (40 shrink attempts) · 12.3s elapsed, 47.7s
 * left`.
 */
export function formatProgress(p: Progress): string {
  const divergences = `${p.divergences} divergence${p.divergences === 1 ? '' : 's'}`;
  let time = `${formatDuration(p.elapsedMs)} elapsed`;
  if (p.budgetMs !== undefined) {
    time += `, ${formatDuration(Math.max(0, p.budgetMs - p.elapsedMs))} left`;
  }
  const shrinking =
    p.shrinkAttempts === undefined || p.shrinkAttempts === 0
      ? ''
      : ` (${p.shrinkAttempts} shrink attempt${p.shrinkAttempts === 1 ? '' : 's'})`;
  return `runs ${p.runsDone}/${p.runsPlanned} · ${p.operations} operations checked · ${divergences}${shrinking} · ${time}`;
}

/** Whether `CI` is set to anything but an empty, `0` or `false` value. */
export function isCI(env: Terminal['env']): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
