import { parseArgs } from 'node:util';
import { HarnessError } from '../errors/HarnessError.ts';
import { checkOptions } from '../options/checkOptions.ts';
import { flagNaming } from '../options/OptionNaming.ts';
import { readListText, readOptionText } from '../options/optionText.ts';
import type { AnyOptionTable, OptionSpec } from '../options/OptionTable.ts';
import { closest } from '../errors/didYouMean.ts';
import { excerpt } from '../errors/excerpt.ts';
import type { CommandSpec } from './CommandSpec.ts';

/** The arguments of a command, read: typed option values and the positional arguments. */
export interface ParsedArgv<T> {
  readonly values: Partial<T>;
  readonly positionals: readonly string[];
}

function flagOf(table: AnyOptionTable, text: string): OptionSpec | undefined {
  return Object.values(table).find((o) => `--${o.flag}` === text);
}

/** Node's parser message (several lines, advice about `--`) as one line naming the flag. */
function rewrite(command: string, table: AnyOptionTable, args: readonly string[], error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const quoted = /'(-[^']*)'/.exec(text)?.[1] ?? '';
  // The flag as typed (Node quotes `--runs <value>` for a missing value): up to a space or '='.
  const flag = quoted.split(/[ ,=]/)[0] ?? quoted;
  const shown = excerpt(flag);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const known = Object.values(table).map((o) => `--${o.flag}`);
      const near = flag.startsWith('--') ? closest(flag, known) : undefined;
      const hint =
        near !== undefined
          ? `Did you mean ${near}?`
          : `See 'lambda-conformance ${command} --help' for its options.`;
      return `${command}: unknown option ${shown}. ${hint}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const spec = flagOf(table, flag);
      if (spec === undefined || spec.kind === 'boolean') return `${shown}: takes no value.`;
      const next = args[args.indexOf(flag) + 1];
      if (next !== undefined && next.startsWith('-')) {
        const value = excerpt(next);
        return `${flag}: expected a value, got '${value}'; write ${flag}=${value} for a value that starts with '-'.`;
      }
      return `${flag}: expected a value (${flag} ${spec.value ?? 'VALUE'}), got nothing.`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const arg = /'([^']*)'/.exec(text)?.[1] ?? '';
      return `${command}: unexpected argument '${excerpt(arg)}'; ${command} takes only options.`;
    }
    default:
      return `${command}: ${excerpt(text.split('\n')[0] ?? text, 200)}`;
  }
}

/**
 * Reads a command's arguments with `node:util` `parseArgs`, driven by the command's option table:
 * each flag's text becomes its typed value (`--runs 200` → `runs: 200`, `--time-budget 1h30m` →
 * `timeBudget: 5400000`, `--no-save` → `save: false`). Only the form of a value is checked here
 * (`--runs: expected a whole number, got 'abc'.`); whether it is allowed is checked once, by
 * `checkOptions` (see {@link readArgv}) or by the run resolver. `--help` is accepted and ignored:
 * the caller answers it (see {@link wantsHelp}).
 *
 * @throws HarnessError `BAD_FLAG` with a one-line message naming the flag: an unknown flag (with
 *   the closest known one), a missing or malformed value, an unexpected positional argument.
 */
export function parseArgv<T>(
  command: string,
  spec: CommandSpec<T>,
  args: readonly string[],
): ParsedArgv<T> {
  const table: AnyOptionTable = spec.options;
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> =
    { help: { type: 'boolean', short: 'h' } };
  for (const o of Object.values(table)) {
    config[o.flag] = {
      type: o.kind === 'boolean' ? 'boolean' : 'string',
      ...(o.kind === 'list' ? { multiple: true } : {}),
      ...(o.short !== undefined ? { short: o.short } : {}),
    };
  }
  let parsed: {
    values: Record<string, string | boolean | (string | boolean)[] | undefined>;
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: [...args],
      options: config,
      allowPositionals: spec.positionals,
      strict: true,
    });
  } catch (error) {
    throw new HarnessError('BAD_FLAG', rewrite(command, table, args, error), { cause: error });
  }
  const values: Record<string, unknown> = {};
  for (const [key, o] of Object.entries(table)) {
    const raw = parsed.values[o.flag];
    if (raw === undefined) continue;
    if (o.kind === 'boolean') {
      values[key] = o.negated !== true;
    } else if (o.kind === 'list') {
      const texts = (Array.isArray(raw) ? raw : [raw]).map(String);
      values[key] = o.commaSeparated === false ? texts : readListText(texts);
    } else {
      const text = String(Array.isArray(raw) ? raw.at(-1) : raw);
      const reading = readOptionText(o.kind, text);
      if (reading.kind === 'refused')
        throw new HarnessError('BAD_FLAG', `--${o.flag}: ${reading.message}.`);
      values[key] = reading.value;
    }
  }
  // Each value was read as its table entry's kind, whose value type is the field's type in T.
  return { values: values as Partial<T>, positionals: parsed.positionals };
}

/**
 * {@link parseArgv}, then `checkOptions` on the values: for commands whose options no resolver
 * checks. Messages name the flag: `--port: expected an integer from 0 to 65535, got '70000'.`
 */
export function readArgv<T>(
  command: string,
  spec: CommandSpec<T>,
  args: readonly string[],
): ParsedArgv<T> {
  const parsed = parseArgv(command, spec, args);
  checkOptions(spec.options, parsed.values, flagNaming(spec.options));
  return parsed;
}
