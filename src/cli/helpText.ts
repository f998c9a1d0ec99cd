import type { OptionSpec } from '../options/OptionTable.ts';
import type { AnyCommandSpec, CommandEntry } from './CommandSpec.ts';

/** The exit codes every command shares. */
export const EXIT_CODES =
  'Exit codes: 0 conformant, 1 divergence, 2 bad input or harness error, 3 inconclusive.';

/** The widest left column; longer flags push their help to the next line. */
const MAX_LEFT = 34;

function left(o: OptionSpec): string {
  const short = o.short === undefined ? '' : `-${o.short}, `;
  return `${short}--${o.flag}${o.value === undefined ? '' : ` ${o.value}`}`;
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.min(MAX_LEFT, Math.max(...rows.map(([l]) => l.length)));
  return rows.map(([l, r]) =>
    l.length > width ? `  ${l}\n  ${' '.repeat(width)}  ${r}` : `  ${l.padEnd(width)}  ${r}`,
  );
}

/**
 * The `--help` text of a command, from its entry and its option table: the usage line, the summary
 * (and description), one line per option, `--help` itself, and the exit codes.
 */
export function commandHelp(entry: CommandEntry, spec: AnyCommandSpec): string {
  const options = Object.values(spec.options);
  const usage = [
    `lambda-conformance ${entry.name}`,
    ...(entry.args === '' ? [] : [entry.args]),
    ...(options.length > 0 ? ['[options]'] : []),
  ].join(' ');
  const rows: [string, string][] = [
    ...options.map((o): [string, string] => [left(o), o.help]),
    ['-h, --help', 'print this help'],
  ];
  return [
    `Usage: ${usage}`,
    '',
    `${entry.summary[0]?.toUpperCase() ?? ''}${entry.summary.slice(1)}.`,
    ...(spec.description === undefined ? [] : ['', spec.description]),
    '',
    'Options:',
    ...columns(rows),
    '',
    EXIT_CODES,
  ].join('\n');
}

/** The top-level help: every command with its arguments and summary. */
export function mainHelp(entries: readonly CommandEntry[]): string {
  return [
    'lambda-conformance — checks a Lambda API target against the documented function lifecycle',
    '',
    'Usage: lambda-conformance <command> [options]',
    '',
    'Commands:',
    ...columns(entries.map((e) => [`${e.name} ${e.args}`.trimEnd(), e.summary])),
    '',
    "Run 'lambda-conformance <command> --help' for a command's options, 'lambda-conformance --version' for the version.",
    '',
    EXIT_CODES,
  ].join('\n');
}
