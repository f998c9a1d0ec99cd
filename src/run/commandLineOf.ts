import { writeOptionText, type TextKind } from '../options/optionText.ts';
import type { AnyOptionTable, OptionKinds, OptionSpec } from '../options/OptionTable.ts';
import { RUN_OPTION_TABLE } from './runOptionTable.ts';
import type { RunOptions } from './RunOptions.ts';

/** Where a flag goes on the command line: flags with a value, then repeatable ones, then switches. */
function groupOf(spec: OptionSpec): number {
  return spec.kind === 'list' ? 1 : spec.kind === 'boolean' ? 2 : 0;
}

function wordsOf(spec: OptionSpec, value: unknown): string[] {
  const flag = `--${spec.flag}`;
  switch (spec.kind) {
    case 'boolean':
      return value === (spec.negated !== true) ? [flag] : [];
    case 'list':
      return (value as readonly string[]).flatMap((item) => [flag, item]);
    default:
      return [flag, writeOptionText<TextKind>(spec.kind, value as OptionKinds[TextKind])];
  }
}

/**
 * The `lambda-conformance run` command line that gives the same run as `options`: flags with a
 * value first, then repeatable ones, then switches, each group in {@link RUN_OPTION_TABLE} order.
 * Replay hints in the record of an API run use it.
 */
export function commandLineOf(scenario: string | undefined, options: RunOptions): string {
  const table: AnyOptionTable = RUN_OPTION_TABLE;
  const given = options as Readonly<Record<string, unknown>>;
  const flags = Object.entries(table)
    .filter(([key]) => given[key] !== undefined)
    .sort(([, a], [, b]) => groupOf(a) - groupOf(b))
    .flatMap(([key, spec]) => wordsOf(spec, given[key]));
  return [
    'npx lambda-conformance run',
    ...(scenario === undefined ? [] : [scenario]),
    ...flags,
  ].join(' ');
}
