/**
 * The one duration grammar and the one duration formatter: `--time-budget`, a scenario's
 * `timeBudget`, a spec's `within`, `cleanup --older-than` and every duration the harness prints.
 *
 * Grammar: one or more parts, each a number (digits, optionally a decimal fraction) and a unit —
 * `ms`, `s`, `m`, `h` or `d` — with nothing in between: `500ms`, `1.5s`, `15m`, `1h30m`, `2d`.
 * The total is rounded to whole milliseconds. No sign, no spaces inside, no bare numbers.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** The grammar as a regular expression (the spec and scenario JSON schemas use the same one). */
export const DURATION_PATTERN = /^(\d+(\.\d+)?(ms|s|m|h|d))+$/;

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** What a refused duration was expected to look like, for messages: `expected <this>, got …`. */
export const DURATION_EXPECTED = 'a duration such as 500ms, 30s, 10m, 1h30m or 2d';

/** The hint of a `bad-duration` issue in a spec or scenario file. */
export const DURATION_HINT = 'Write a number and a unit: 500ms, 10s, 15m, 1h30m, 2d.';

/** A duration read from text: its milliseconds, or why it was refused. */
export type DurationReading =
  | { readonly kind: 'duration'; readonly ms: number }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * Reads a duration (see the grammar above); surrounding whitespace is ignored. A refusal's message
 * says what was expected and what was given, e.g. `expected a duration such as 500ms, 30s, 10m,
 * 1h30m or 2d, got '15' (a number needs a unit: ms, s, m, h or d)`; `show` renders the given text
 * there (an excerpt that escapes invisible characters, for a message).
 */
export function readDuration(
  text: string,
  show: (given: string) => string = (given) => given,
): DurationReading {
  const trimmed = text.trim();
  if (DURATION_PATTERN.test(trimmed)) {
    let total = 0;
    for (const [, amount = '', unit = ''] of trimmed.matchAll(PART))
      total += Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
    const ms = Math.round(total);
    if (Number.isSafeInteger(ms)) return { kind: 'duration', ms };
    return {
      kind: 'refused',
      message: `expected ${DURATION_EXPECTED}, got '${show(text)}' (too long)`,
    };
  }
  const why = /^\d+(\.\d+)?$/.test(trimmed) ? ' (a number needs a unit: ms, s, m, h or d)' : '';
  return { kind: 'refused', message: `expected ${DURATION_EXPECTED}, got '${show(text)}'${why}` };
}

/**
 * The longest a Node timer waits (2^31 - 1 ms, about 24.8 days): a longer time budget or timeout
 * would fire after 1 ms, with a warning, so none may be longer.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** The longest duration a time budget or timeout may be, as a person writes it. */
export const MAX_TIMER_TEXT = '24d';

/** Milliseconds of a duration, or undefined when `text` is not one (see {@link readDuration}). */
export function parseDuration(text: string): number | undefined {
  const reading = readDuration(text);
  return reading.kind === 'duration' ? reading.ms : undefined;
}

/**
 * Formats milliseconds in the grammar {@link parseDuration} reads: `850ms` below a second, tenths
 * of a second below a minute (`3.0s`, `12.3s`), then whole seconds in days, hours, minutes and
 * seconds without the zero parts (`1m30s`, `15m`, `1h2m5s`, `2d`). A negative or non-finite value
 * prints `?`. Exact for whole milliseconds below a second, tenths below a minute and whole seconds
 * above; the rest is rounded.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const whole = Math.round(ms);
  if (whole < 1_000) return `${whole}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  let rest = Math.round(ms / 1_000);
  const parts: string[] = [];
  for (const [unit, seconds] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / seconds);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * seconds;
  }
  return parts.join('');
}
