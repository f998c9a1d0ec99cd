import type { Terminal } from './Reporter.ts';

/** The few styles the console reporter uses. */
export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

/**
 * Colours a piece of terminal text. Injected into the console reporter so that colour is decided in
 * one place; file-writing reporters never receive one, so files never contain ANSI codes.
 */
export type Paint = (style: Style, text: string) => string;

const CODES: Readonly<Record<Style, readonly [number, number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/** A paint that leaves text as it is. */
export const plain: Paint = (_style, text) => text;

/**
 * A paint that wraps text in ANSI SGR codes.
 *
 * @internal Exported for tests only.
 */
export const ansi: Paint = (style, text) => {
  const [open, close] = CODES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
};

/** What decides whether console output is coloured, read once by the CLI. */
export interface ColorInputs {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  readonly flag: boolean | undefined;
  /** Environment variables: `FORCE_COLOR`, `NO_COLOR`, `TERM`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is an interactive terminal (and not under CI). */
  readonly isTTY: boolean;
}

/**
 * Whether console output is coloured, decided once: `--color` / `--no-color` first; then
 * `FORCE_COLOR` (set: colour, unless it is `0` or `false`), as Node.js and most tools read it;
 * then `NO_COLOR` set to a non-empty value: none (https://no-color.org); else colour on an
 * interactive terminal whose `TERM` is not `dumb`.
 */
export function resolveColor(inputs: ColorInputs): boolean {
  if (inputs.flag !== undefined) return inputs.flag;
  const force = inputs.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  const noColor = inputs.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return inputs.isTTY && inputs.env['TERM'] !== 'dumb';
}

/** The paint a terminal calls for: {@link ansi} when its colour is on, {@link plain} otherwise. */
export function paintFor(terminal: Pick<Terminal, 'color'>): Paint {
  return terminal.color ? ansi : plain;
}
