/** A deterministic part of a suite: the `index`-th of `count` equal shares (`--shard 2/4`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The kinds of option value, and the typed value each one holds once read: what a command line
 * writes as text, a program passes as is.
 */
export interface OptionKinds {
  /** Any text: a name, a URL, an ARN. */
  readonly text: string;
  /** A file or directory, as written: a relative path is taken from the working directory. */
  readonly path: string;
  /** A whole number: `--runs 200`. */
  readonly integer: number;
  /** A decimal number: `--min-coverage 80.5`. */
  readonly number: number;
  /** A duration in the one grammar (`90s`, `1h30m`), held as milliseconds. */
  readonly duration: number;
  /** A flag without a value: present or not. */
  readonly boolean: boolean;
  /** Repeatable and (unless said otherwise) comma-separated: `--mutant a,b --mutant c`. */
  readonly list: readonly string[];
  /** `i/n`, e.g. `2/4`. */
  readonly shard: Shard;
}

/** The name of an option value kind. */
export type OptionKind = keyof OptionKinds;

/** One option of a command: its flag, the kind of its value, what it allows, and its help line. */
export interface OptionSpec<K extends OptionKind = OptionKind> {
  /** The flag without its dashes: `max-commands`. */
  readonly flag: string;
  readonly kind: K;
  /** One line of `--help` text. */
  readonly help: string;
  /** The value's placeholder in `--help` and messages: `N`, `DIR`, `memory|aws`. */
  readonly value?: string;
  /** A one-letter alias: `-h`. */
  readonly short?: string;
  /** `list`: whether one value may hold several items, comma-separated; default true. */
  readonly commaSeparated?: boolean;
  /** `boolean`: the flag switches the option off (`--no-save` sets `save: false`). */
  readonly negated?: boolean;
  /** `integer`, `number`: the smallest value allowed. */
  readonly min?: number;
  /** `integer`, `number`, `duration` (ms): the largest value allowed. */
  readonly max?: number;
  /** `text`: the only values allowed. */
  readonly choices?: readonly string[];
  /** `text`: a pattern every value must match (give `expected` to say it in words). */
  readonly pattern?: RegExp;
  /** What a value must be, in messages, where the kind's own words say too little. */
  readonly expected?: string;
}

/** The option kinds whose values have type `V`. */
export type KindOf<V> = [V] extends [boolean]
  ? 'boolean'
  : [V] extends [number]
    ? 'integer' | 'number' | 'duration'
    : [V] extends [string]
      ? 'text' | 'path'
      : [V] extends [readonly string[]]
        ? 'list'
        : [V] extends [Shard]
          ? 'shard'
          : never;

/**
 * The option table of a command, keyed by the field of the typed options `T` each flag sets: one
 * entry per field, of a kind whose value has the field's type. Parsing, `--help`, the messages
 * that name an option and the command line equivalent to a set of options all come from it.
 */
export type OptionTable<T> = {
  readonly [K in keyof T]-?: OptionSpec<KindOf<NonNullable<T[K]>>>;
};

/** An option table with its field types forgotten: what help text and messages need. */
export type AnyOptionTable = Readonly<Record<string, OptionSpec>>;
