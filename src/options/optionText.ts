import { formatDuration, parseDuration, readDuration } from '../text/duration.ts';
import type { OptionKinds, Shard } from './OptionTable.ts';
import { excerpt } from '../errors/excerpt.ts';

/** The kinds whose value is written as one piece of text after the flag. */
export type TextKind = Exclude<keyof OptionKinds, 'boolean' | 'list'>;

/** A value read from a flag's text, or what was expected instead. */
export type OptionTextReading<K extends TextKind> =
  | { readonly kind: 'value'; readonly value: OptionKinds[K] }
  | { readonly kind: 'refused'; readonly message: string };

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const SHARD = /^(\d+)\/(\d+)$/;

function refused(expected: string, text: string): { kind: 'refused'; message: string } {
  return { kind: 'refused', message: `expected ${expected}, got '${excerpt(text)}'` };
}

/**
 * Reads the text of a flag's value as its kind: `'200'` as 200, `'1h30m'` as 5,400,000 ms,
 * `'2/4'` as `{ index: 2, count: 4 }`. Only the form is checked here (a whole number, a duration);
 * whether the value is allowed (`>= 1`) is checked once, on the typed value, by `checkOptions`.
 */
export function readOptionText<K extends TextKind>(kind: K, text: string): OptionTextReading<K> {
  // Each branch builds the value of its own kind; TypeScript cannot follow `kind` into `K`.
  const value = (v: OptionKinds[TextKind]): OptionTextReading<K> =>
    ({ kind: 'value', value: v }) as OptionTextReading<K>;
  switch (kind) {
    case 'text':
    case 'path':
      return value(text);
    case 'integer':
      return WHOLE.test(text) ? value(Number(text)) : refused('a whole number', text);
    case 'number':
      return DECIMAL.test(text) ? value(Number(text)) : refused('a number', text);
    case 'duration': {
      const reading = readDuration(text, excerpt);
      return reading.kind === 'duration' ? value(reading.ms) : reading;
    }
    case 'shard': {
      const m = SHARD.exec(text);
      return m === null
        ? refused('i/n, e.g. 2/4', text)
        : value({ index: Number(m[1]), count: Number(m[2]) });
    }
  }
  throw new Error(`unknown option kind '${String(kind)}'`);
}

/** Splits the texts of a repeatable, comma-separated flag into its items, blanks left out. */
export function readListText(texts: readonly string[]): string[] {
  return texts
    .flatMap((t) => t.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Writes a value as a command line would give it, so that {@link readOptionText} reads it back
 * unchanged: a duration in the one grammar (plain milliseconds where the formatter rounds).
 */
export function writeOptionText<K extends TextKind>(kind: K, value: OptionKinds[K]): string {
  switch (kind) {
    case 'duration': {
      const ms = value as number;
      const text = formatDuration(ms);
      return parseDuration(text) === ms ? text : `${ms}ms`;
    }
    case 'shard': {
      const shard = value as Shard;
      return `${shard.index}/${shard.count}`;
    }
    case 'integer':
    case 'number': {
      const n = value as number;
      return String(n);
    }
    case 'text':
    case 'path':
      return value as string;
  }
  throw new Error(`unknown option kind '${String(kind)}'`);
}
