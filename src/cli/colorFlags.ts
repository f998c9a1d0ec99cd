import { HarnessError } from '../errors/HarnessError.ts';
import type { OptionTable } from '../options/OptionTable.ts';
import type { AnyCommandSpec } from './CommandSpec.ts';

/** The colour flags of the commands that print coloured text. */
export interface ColorOptions {
  /** `--color`: colour the console output even when it is not a terminal. */
  readonly color?: boolean;
  /** `--no-color`: never colour it. */
  readonly noColor?: boolean;
}

/** The colour flags: read by {@link takeColorFlags}, listed by `--help`. */
export const COLOR_OPTIONS: OptionTable<ColorOptions> = {
  color: {
    flag: 'color',
    kind: 'boolean',
    help: 'colour the console output even when it is not a terminal (as FORCE_COLOR=1)',
  },
  noColor: {
    flag: 'no-color',
    kind: 'boolean',
    help: 'never colour it (as NO_COLOR=1); default: colour on a terminal only',
  },
};

/** `spec` with the colour flags added, for the `--help` of a command that prints colour. */
export function withColorOptions(spec: AnyCommandSpec): AnyCommandSpec {
  return { ...spec, options: { ...spec.options, ...COLOR_OPTIONS } };
}

/** The colour wish a command line states, and its other arguments. */
export interface ColorArgs {
  /** true for `--color`, false for `--no-color`, undefined for neither. */
  readonly color: boolean | undefined;
  /** The arguments without the colour flags, for the command's own parser. */
  readonly args: readonly string[];
}

/**
 * Takes the colour flags of {@link COLOR_OPTIONS} out of a command's arguments (those before a
 * `--`), so that the terminal is set up before the command reads the rest.
 *
 * @throws HarnessError `BAD_FLAG` for a colour flag given a value, or both flags at once.
 */
export function takeColorFlags(args: readonly string[]): ColorArgs {
  const on = `--${COLOR_OPTIONS.color.flag}`;
  const off = `--${COLOR_OPTIONS.noColor.flag}`;
  const end = args.indexOf('--');
  const head = end < 0 ? args : args.slice(0, end);
  const tail = end < 0 ? [] : args.slice(end);
  for (const flag of [on, off]) {
    if (head.some((a) => a.startsWith(`${flag}=`)))
      throw new HarnessError('BAD_FLAG', `${flag}: takes no value.`);
  }
  const wantsOn = head.includes(on);
  const wantsOff = head.includes(off);
  if (wantsOn && wantsOff)
    throw new HarnessError('BAD_FLAG', `${on} and ${off} contradict each other: give one.`);
  return {
    color: wantsOn ? true : wantsOff ? false : undefined,
    args: [...head.filter((a) => a !== on && a !== off), ...tail],
  };
}
