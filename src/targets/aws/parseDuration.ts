const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/**
 * Parses a duration such as `30m`, `1h`, `1h30m`, `45s`, `2d` or `500ms` into milliseconds.
 * Returns `undefined` for anything else (no unit, unknown unit, empty, negative).
 */
export function parseDuration(text: string): number | undefined {
  const input = text.trim();
  if (input === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  while (PART.lastIndex < input.length) {
    const match = PART.exec(input);
    if (match === null) return undefined;
    const [, amount = '', unit = ''] = match;
    const factor = UNITS[unit];
    if (factor === undefined) return undefined;
    total += Number(amount) * factor;
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

/** Formats milliseconds the way {@link parseDuration} reads them, e.g. `1h30m`. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  const parts: string[] = [];
  for (const [unit, factor] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    const n = Math.floor(rest / factor);
    if (n > 0) parts.push(`${String(n)}${unit}`);
    rest -= n * factor;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${String(rest)}ms`);
  return parts.join('');
}
