import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HarnessError } from '../errors/HarnessError.ts';

/** Parses flags with node's parseArgs, turning its errors into a one-line HarnessError (exit 2). */
export function parseFlags(
  command: string,
  args: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  allowPositionals: boolean,
): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
} {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals,
      strict: true,
    });
    return { values, positionals };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const known = Object.keys(options)
      .map((k) => `--${k}`)
      .join(', ');
    throw new HarnessError('BAD_FLAG', `${command}: ${message}. Known flags: ${known}.`, { cause });
  }
}

/** Reads a positive integer flag, naming the flag when the value is not one. */
export function intFlag(name: string, value: unknown, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new HarnessError(
      'BAD_FLAG',
      `--${name}: expected an integer >= ${min}, got '${JSON.stringify(value)}'.`,
    );
  }
  return n;
}

/** Parses durations such as `500ms`, `30s`, `10m`, `1h` into milliseconds. */
export function parseDuration(name: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (m === null) {
    throw new HarnessError(
      'BAD_FLAG',
      `--${name}: expected a duration like 500ms, 30s, 10m or 1h, got '${value}'.`,
    );
  }
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}
