import type { RunRecord } from '../runner/RunRecord.ts';
import { formatDivergenceGroups } from './consoleDivergence.ts';
import { formatCoverage, formatInformation, formatRegressions } from './consoleSections.ts';
import { formatDuration } from '../text/duration.ts';
import { boundsText } from './boundsText.ts';
import { shortHash } from './format.ts';
import { countDivergences, groupDivergences } from './groupDivergences.ts';
import type { Paint } from './paint.ts';

/** Where a run's reports went: the directory as the console shows it, and the files in it. */
export interface ReportsWritten {
  readonly dir: string;
  readonly files: readonly string[];
}

/**
 * The final console summary of a run: verdict headline, run facts (with where the reports went,
 * when `reports` is given), coverage, divergences grouped by category (known ones apart),
 * inconclusive and unspecified observations, regression replays. Plain text when `paint` is the
 * plain paint; ends with a newline.
 */
export function formatConsoleSummary(
  record: RunRecord,
  paint: Paint,
  reports?: ReportsWritten,
): string {
  const grouped = groupDivergences(record.divergences);
  const lines: string[] = ['', headline(record, paint, countDivergences(grouped.fresh)), ''];
  lines.push(...facts(record, paint, reports), '');
  lines.push(...formatCoverage(record, paint), '');
  if (grouped.fresh.length > 0) {
    lines.push(paint('bold', 'Divergences'), '');
    lines.push(...formatDivergenceGroups(grouped.fresh, paint, paint('red', '✗')));
  }
  if (grouped.known.length > 0) {
    const n = countDivergences(grouped.known);
    lines.push(paint('bold', `Known divergences (baselined, ${n})`), '');
    lines.push(...formatDivergenceGroups(grouped.known, paint, paint('yellow', '○')));
  }
  const information = formatInformation(record, paint);
  if (information.length > 0) lines.push(...information, '');
  const regressions = formatRegressions(record, paint);
  if (regressions.length > 0) lines.push(...regressions, '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function headline(record: RunRecord, paint: Paint, fresh: number): string {
  // A failed gate fails the run (exit 1) whatever the verdict, so the first line says so.
  const gate =
    record.coverageGate?.passed === false ? `  ${paint('red', '✗ coverage gate failed')}` : '';
  const stale = record.baseline?.stale ?? [];
  const baseline =
    stale.length > 0
      ? `  ${paint('red', `✗ stale baseline: ${stale.map((e) => `${e.rule} (${record.baseline?.file ?? ''}:${e.line})`).join(', ')}`)}`
      : '';
  return verdictLine(record, paint, fresh) + gate + baseline;
}

function verdictLine(record: RunRecord, paint: Paint, fresh: number): string {
  const known = record.divergences.length - fresh;
  const knownText = known > 0 ? ` (${known} known)` : '';
  const subject = `${record.target.name} against “${record.spec.title}”`;
  if (record.setupError !== undefined) {
    return `${paint('red', paint('bold', '✗ SETUP ERROR'))}  ${subject}: ${record.setupError.message}`;
  }
  switch (record.verdict) {
    case 'conformant':
      return `${paint('green', paint('bold', '✓ CONFORMANT'))}  ${subject}${knownText}`;
    case 'divergence': {
      const count = `${fresh} divergence${fresh === 1 ? '' : 's'}${knownText}`;
      return `${paint('red', paint('bold', '✗ DIVERGENCE'))}  ${subject}: ${count}`;
    }
    case 'inconclusive':
      return `${paint('yellow', paint('bold', '? INCONCLUSIVE'))}  ${subject}${knownText}`;
  }
}

function facts(record: RunRecord, paint: Paint, reports: ReportsWritten | undefined): string[] {
  const rows: [string, string][] = [
    ['scenario', `${record.scenario.name}  ${paint('dim', record.scenario.file)}`],
    [
      'spec',
      `${record.spec.title}  ${paint('dim', `${record.spec.file} @ ${shortHash(record.spec.hash)}`)}`,
    ],
    ['reading', record.reading],
    ['target', targetText(record)],
  ];
  if (record.strictness !== undefined) {
    rows.splice(3, 0, [
      'strictness',
      `${record.strictness}  ${paint('dim', '(inferred rules as information)')}`,
    ]);
  }
  if (record.target.leftOut.length > 0) rows.push(['left out', record.target.leftOut.join('; ')]);
  if (record.bounds !== undefined && record.bounds.length > 0) {
    rows.push([
      'bounds',
      paint(
        'yellow',
        boundsText(record.bounds, (id) => id),
      ),
    ]);
  }
  const shard =
    record.shard === undefined ? '' : `  shard ${record.shard.index}/${record.shard.count}`;
  rows.push(['seed', `${record.seed}${shard}`]);
  rows.push([
    'runs',
    `${record.runsCompleted} of ${record.runsPlanned}  ${paint('dim', `(stopped: ${record.stoppedBy})`)}`,
  ]);
  rows.push(['operations', String(record.operations)]);
  rows.push([
    'duration',
    `${formatDuration(record.durationMs)}  ${paint('dim', record.startedAt)}`,
  ]);
  rows.push(['state set', `at most ${record.largestStateSet} possible states at once`]);
  rows.push(['tool', `${record.tool.name} ${record.tool.version}`]);
  if (reports !== undefined && reports.files.length > 0)
    rows.push(['reports', `${reports.dir}  ${paint('dim', reports.files.join(', '))}`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${paint('dim', label.padEnd(width))}  ${value}`);
}

function targetText(record: RunRecord): string {
  const parts = [record.target.name];
  if (record.target.mutants.length > 0) parts.push(`mutants: ${record.target.mutants.join(', ')}`);
  if (record.target.endpoint !== undefined) parts.push(`endpoint: ${record.target.endpoint}`);
  return parts.join('  ');
}
