import { writeOptionText, type TextKind } from './optionText.ts';
import type { AnyOptionTable, OptionKinds } from './OptionTable.ts';
import { excerpt } from '../errors/excerpt.ts';

/**
 * How messages name an option and show its value, in the words of whoever gave it: a command line
 * says `--max-commands: expected an integer >= 1, got '0'.`, the API says `runConformance: option
 * 'maxCommands': expected an integer >= 1, got 0.`
 */
export interface OptionNaming {
  /** The `HarnessError` code of a bad option. */
  readonly code: 'BAD_FLAG' | 'BAD_OPTION';
  /** Put before every message: `runConformance: `, or nothing. */
  readonly prefix: string;
  /** The option as its giver wrote it: `--max-commands`, `option 'maxCommands'`. */
  option(key: string): string;
  /** A value as its giver wrote it: `'0'`, `0`, `"2m"`. */
  value(key: string, value: unknown): string;
}

/** Names options by their flags in `table`, and values as a command line writes them. */
export function flagNaming(table: AnyOptionTable): OptionNaming {
  return {
    code: 'BAD_FLAG',
    prefix: '',
    option: (key) => `--${table[key]?.flag ?? key}`,
    value: (key, value) => {
      const kind = table[key]?.kind;
      const written =
        kind === undefined || kind === 'boolean' || kind === 'list'
          ? String(value)
          : writeOptionText<TextKind>(kind, value as OptionKinds[TextKind]);
      return `'${excerpt(written)}'`;
    },
  };
}

/** Names options as fields of `caller`'s options object, and values as JSON. */
export function fieldNaming(caller: string): OptionNaming {
  return {
    code: 'BAD_OPTION',
    prefix: `${caller}: `,
    option: (key) => `option '${key}'`,
    value: (_key, value) => excerpt(JSON.stringify(value) ?? String(value)),
  };
}
