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
  /**
   * How a SIGINT/SIGTERM ends it. `run` (the default): the CLI prints that it is stopping, cleaning
   * up and writing the report, and a second signal exits at once. `server`: the signal is the
   * ordinary way to end it, so the CLI prints nothing of its own (the command prints its stop line
   * and ends with exit 0), and a second signal exits at once without a word about reports.
   */
  readonly stopsAs?: 'run' | 'server';
}
