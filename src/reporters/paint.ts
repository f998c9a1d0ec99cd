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

/**
 * Whether colour is allowed: the terminal asked for it and `NO_COLOR` is not set to a non-empty
 * value (https://no-color.org).
 */
export function colorEnabled(terminal: Pick<Terminal, 'color' | 'env'>): boolean {
  const noColor = terminal.env['NO_COLOR'];
  return terminal.color && (noColor === undefined || noColor === '');
}

/** The paint a terminal calls for: {@link ansi} when colour is enabled, {@link plain} otherwise. */
export function paintFor(terminal: Pick<Terminal, 'color' | 'env'>): Paint {
  return colorEnabled(terminal) ? ansi : plain;
}
