import type { AnyOptionTable, OptionTable } from '../options/OptionTable.ts';

/**
 * What a command accepts, as data: its option table drives both the parsing of its arguments and
 * its `--help` text. `T` is the typed options the flags set.
 */
export interface CommandSpec<T> {
  /** One entry per flag, in `--help` order. */
  readonly options: OptionTable<T>;
  /** Whether the command takes positional arguments (how many is the command's to check). */
  readonly positionals: boolean;
  /** What `--help` says under the usage line, when the one-line summary is not enough. */
  readonly description?: string;
}

/** A {@link CommandSpec} with its option types forgotten: what help text needs. */
export interface AnyCommandSpec {
  readonly options: AnyOptionTable;
  readonly positionals: boolean;
  readonly description?: string;
}

/** A command of the CLI as the top-level help lists it, and how to load it. */
export interface CommandEntry {
  readonly name: string;
  /** The positional arguments in usage form: `[scenario.yaml]`, `<spec.yaml>...`. */
  readonly args: string;
  /** What the command does, in one line. */
  readonly summary: string;
}
