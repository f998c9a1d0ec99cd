import { HarnessError } from '../errors/HarnessError.ts';
import type { OptionNaming } from './OptionNaming.ts';
import type { AnyOptionTable, OptionSpec } from './OptionTable.ts';

function range(spec: OptionSpec, what: string): string {
  const { min, max } = spec;
  if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max}`;
  if (min !== undefined) return `${what} >= ${min}`;
  if (max !== undefined) return `${what} <= ${max}`;
  return what;
}

function within(spec: OptionSpec, n: number): boolean {
  return (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What `value` should have been, or undefined when it is allowed. */
function problem(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.kind) {
    case 'text':
    case 'path':
      if (typeof value !== 'string') return spec.expected ?? 'a string';
      if (spec.choices !== undefined && !spec.choices.includes(value))
        return spec.expected ?? spec.choices.join(' or ');
      if (spec.pattern !== undefined && !spec.pattern.test(value))
        return spec.expected ?? `a value matching ${String(spec.pattern)}`;
      return undefined;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) && within(spec, value)
        ? undefined
        : (spec.expected ?? range(spec, 'an integer'));
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && within(spec, value)
        ? undefined
        : (spec.expected ?? range(spec, 'a number'));
    case 'duration':
      return typeof value === 'number' &&
        Number.isSafeInteger(value) &&
        value >= 0 &&
        (spec.max === undefined || value <= spec.max)
        ? undefined
        : (spec.expected ?? 'a duration in milliseconds, an integer >= 0');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? undefined
        : 'a list of strings';
    case 'shard': {
      const index = isRecord(value) ? value['index'] : undefined;
      const count = isRecord(value) ? value['count'] : undefined;
      const ok =
        typeof index === 'number' &&
        typeof count === 'number' &&
        Number.isSafeInteger(index) &&
        Number.isSafeInteger(count) &&
        index >= 1 &&
        index <= count;
      return ok ? undefined : (spec.expected ?? 'i/n with 1 <= i <= n (e.g. 2/4)');
    }
  }
}

/**
 * Checks every given value against its entry in `table` — its type, range, choices and pattern — and
 * throws the first that is not allowed as a one-line HarnessError in the giver's words
 * (`--runs: expected an integer >= 1, got '0'.`). Keys not in the table and undefined values are
 * left alone. This is the one place option values are checked; parsing a command line only reads
 * their form.
 */
export function checkOptions(table: AnyOptionTable, values: object, naming: OptionNaming): void {
  for (const [key, value] of Object.entries(values) as [string, unknown][]) {
    const spec = table[key];
    if (spec === undefined || value === undefined) continue;
    const expected = problem(spec, value);
    if (expected === undefined) continue;
    throw new HarnessError(
      naming.code,
      `${naming.prefix}${naming.option(key)}: expected ${expected}, got ${naming.value(key, value)}.`,
    );
  }
}
