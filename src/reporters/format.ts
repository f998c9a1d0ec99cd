/**
 * Formatting shared by the reporters, so every report prints a value the same way: target times in
 * a trace (`+1.2s`, `+10m00.0s`), JUnit seconds and the short spec hash. Durations are printed by
 * the one duration formatter, `formatDuration` in `text/duration.ts`.
 */

/** Length of the spec hash shown in summaries (the full hash is in run.json). */
export const SHORT_HASH_LENGTH = 12;

/** The first {@link SHORT_HASH_LENGTH} characters of a spec hash. */
export function shortHash(hash: string): string {
  return hash.slice(0, SHORT_HASH_LENGTH);
}

/**
 * A target time as an offset from the session start, one decimal: `+0.0s`, `+1.2s`, `+10m00.0s`.
 * Target time is virtual on simulated targets, so minutes-long waits are common.
 */
export function formatOffset(ms: number): string {
  if (!Number.isFinite(ms)) return '+?';
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)}s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = (abs - minutes * 60_000) / 1000;
  const secondsText = seconds.toFixed(1).padStart(4, '0');
  return `${sign}${minutes}m${secondsText}s`;
}

/** Seconds with millisecond precision, as JUnit's `time` attributes want them: `12.345`. */
export function formatSeconds(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0.000';
  return (ms / 1000).toFixed(3);
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/**
 * Removes control characters other than tab and newline (an ESC from a target's error message
 * would otherwise colour a terminal or end up in a Markdown file).
 */
export function stripControlChars(s: string): string {
  return s.replace(CONTROL_CHARS, '');
}
