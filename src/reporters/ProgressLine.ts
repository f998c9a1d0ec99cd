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

/**
 * Live progress of a run. On an interactive terminal (and not under `CI`) one line redrawn in place
 * with `\r`, throttled; otherwise a plain line at most every few seconds, so CI logs stay short.
 */
export class ProgressLine {
  readonly #terminal: Terminal;
  readonly #paint: Paint;
  readonly #options: ProgressLineOptions;
  readonly #live: boolean;
  #lastWrite: number;
  #drawnWidth = 0;

  constructor(terminal: Terminal, paint: Paint, options: ProgressLineOptions) {
    this.#terminal = terminal;
    this.#paint = paint;
    this.#options = options;
    this.#live = terminal.isTTY && !isCI(terminal.env);
    // A log gets its first line only after one interval: short runs print no progress at all.
    this.#lastWrite = this.#live ? Number.NEGATIVE_INFINITY : options.now();
  }

  /** Whether progress is drawn in place (TTY, not CI). */
  get live(): boolean {
    return this.#live;
  }

  /** Shows `p` if enough time passed since the last write. */
  update(p: Progress): void {
    const now = this.#options.now();
    const interval = this.#live ? this.#options.liveIntervalMs : this.#options.plainIntervalMs;
    if (now - this.#lastWrite < interval) return;
    this.#lastWrite = now;
    const text = formatProgress(p);
    if (!this.#live) {
      this.#terminal.io.out(`progress: ${text}\n`);
      return;
    }
    const painted = p.divergences > 0 ? this.#paint('red', text) : text;
    const padding = ' '.repeat(Math.max(0, this.#drawnWidth - text.length));
    this.#terminal.io.out(`\r${painted}${padding}`);
    // What the terminal shows now: the new text plus the blanks that covered the old tail.
    this.#drawnWidth = Math.max(this.#drawnWidth, text.length);
  }

  /** Erases the live line, if one was drawn, so the summary starts on a clean line. */
  clear(): void {
    if (!this.#live || this.#drawnWidth === 0) return;
    this.#terminal.io.out(`\r${' '.repeat(this.#drawnWidth)}\r`);
    this.#drawnWidth = 0;
  }
}

/** `runs 12/100 · 1234 operations · 0 divergences · 12.3s elapsed, 47.7s left`. */
export function formatProgress(p: Progress): string {
  const divergences = `${p.divergences} divergence${p.divergences === 1 ? '' : 's'}`;
  let time = `${formatDuration(p.elapsedMs)} elapsed`;
  if (p.budgetMs !== undefined) {
    time += `, ${formatDuration(Math.max(0, p.budgetMs - p.elapsedMs))} left`;
  }
  return `runs ${p.runsDone}/${p.runsPlanned} · ${p.operations} operations checked · ${divergences} · ${time}`;
}

/** Whether `CI` is set to anything but an empty, `0` or `false` value. */
export function isCI(env: Terminal['env']): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
