import type { DiffEntry, DiffSideView } from '../diff/compareSteps.ts';
import type { DiffReport } from '../diff/diffTargets.ts';

/** How each kind of difference reads in the table and in messages. */
export const DIFF_KIND_TITLES = {
  'both-allowed': 'both allowed by the spec',
  'one-conforms': 'only one conforms',
  'neither-conforms': 'neither conforms',
} as const;

const WIDTH = { operation: 44, observation: 46 };

function cut(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

function breaks(name: string, side: DiffSideView, operation: string): string | undefined {
  const d = side.divergence;
  if (d === undefined) return undefined;
  // The monitor may blame an earlier operation than the one that proved the divergence.
  const culprit = d.culprit === operation ? '' : ` (blames ${d.culprit})`;
  return `${name} breaks ${d.ruleId} (${d.category})${culprit}`;
}

/**
 * The verdict column of one entry: the kind, which target broke which rule, and which side had
 * diverged earlier in the sequence (the difference may follow from that).
 */
export function entryVerdict(entry: DiffEntry, names: DiffReport['targets']): string {
  const blamed = [
    breaks(names.a, entry.a, entry.operation),
    breaks(names.b, entry.b, entry.operation),
  ].filter((t) => t !== undefined);
  const title = DIFF_KIND_TITLES[entry.kind];
  const verdict = blamed.length === 0 ? title : `${title}: ${blamed.join('; ')}`;
  const after = (entry.after ?? []).map((side) => (side === 'a' ? 'A' : 'B'));
  return after.length === 0 ? verdict : `${verdict} (after ${after.join(' and ')} diverged)`;
}

/** The error messages of an entry's answers, one indented line per side that has one. */
function messageLines(entry: DiffEntry): string[] {
  const indent = ' '.repeat(11);
  return (['a', 'b'] as const).flatMap((side) => {
    const message = entry[side].message;
    return message === undefined ? [] : [`${indent}${side.toUpperCase()}: ${message}`];
  });
}

/**
 * The console form of a differential run: a header, one table row per differing operation (the
 * ones only one side conforms on first) with the error message of each side's answer below it,
 * the counts, and the notes on what was adapted.
 */
export function formatDiff(report: DiffReport): string {
  const { a, b } = report.targets;
  const lines = [
    `Differential run: A = ${a}  vs  B = ${b}`,
    `  ${report.sequences} sequences, ${report.compared} operations compared` +
      (report.seed !== undefined ? `, seed ${report.seed}` : '') +
      `, spec ${report.spec.file} (reading ${report.reading})`,
    '',
  ];
  const order = { 'neither-conforms': 0, 'one-conforms': 1, 'both-allowed': 2 } as const;
  const entries = [...report.entries].sort((x, y) => order[x.kind] - order[y.kind]);
  if (entries.length === 0) lines.push('No differences: both targets answered alike.');
  else {
    lines.push(
      `  ${'seq:cmd'.padEnd(8)} ${cut('operation', WIDTH.operation)} ${cut('A', WIDTH.observation)} ${cut('B', WIDTH.observation)} verdict`,
    );
    for (const e of entries) {
      lines.push(
        `  ${`${e.sequence}:${e.command}`.padEnd(8)} ${cut(e.operation, WIDTH.operation)} ${cut(e.a.observation, WIDTH.observation)} ${cut(e.b.observation, WIDTH.observation)} ${entryVerdict(e, report.targets)}`,
        ...messageLines(e),
      );
    }
  }
  const { counts } = report;
  lines.push(
    '',
    `${counts['one-conforms']} only one conforms, ${counts['neither-conforms']} neither conforms, ${counts['both-allowed']} both allowed by the spec.`,
  );
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
