import type { RunRecord } from '../runner/RunRecord.ts';
import type { Spec } from '../spec/Spec.ts';
import { coverageGateText } from './coverageGateText.ts';
import { formatDuration } from '../text/duration.ts';
import { boundsText } from './boundsText.ts';
import { shortHash } from './format.ts';
import { countDivergences, groupDivergences } from './groupDivergences.ts';
import { mdCode, mdFence, mdTable, mdText } from './markdown.ts';
import { markdownDivergenceGroups } from './markdownDivergence.ts';
import {
  markdownGateFailure,
  markdownInformation,
  markdownRegressions,
  markdownRulesTable,
} from './markdownSections.ts';

/**
 * The Markdown summary of a run (`summary.md`, also fit for `$GITHUB_STEP_SUMMARY`): verdict
 * headline, run facts, the coverage gate's failure (when it failed), divergences grouped by category (known ones apart; quotes linked to their
 * documents when `spec` gives a URL), the rules table, the Mermaid state diagram (`diagram`, already
 * marked), then information and regression replays.
 */
export function renderMarkdownSummary(
  record: RunRecord,
  spec: Spec,
  diagram: string | undefined,
): string {
  const grouped = groupDivergences(record.divergences);
  const fresh = countDivergences(grouped.fresh);
  const known = countDivergences(grouped.known);
  const blocks: string[] = [headline(record, fresh, known), factsTable(record)];
  blocks.push(...markdownGateFailure(record));
  if (grouped.fresh.length > 0) {
    blocks.push(
      `### Divergences (${fresh})`,
      ...markdownDivergenceGroups(grouped.fresh, '❌', spec.sources),
    );
  }
  if (grouped.known.length > 0) {
    blocks.push(
      `### Known divergences (${known})`,
      'Listed in the known-divergence baseline: reported, not failing the run.',
      ...markdownDivergenceGroups(grouped.known, '⚠️', spec.sources),
    );
  }
  blocks.push(`### Rules (${record.coverage.length})`, markdownRulesTable(record));
  if (diagram !== undefined) {
    blocks.push(
      '### State diagram',
      'Rules and transitions the target violated are marked ✗ (their target state highlighted); ' +
        'those never exercised are marked (not exercised).',
      mdFence('mermaid', diagram),
    );
  }
  blocks.push(...markdownInformation(record), ...markdownRegressions(record));
  return `${blocks.join('\n\n')}\n`;
}

function headline(record: RunRecord, fresh: number, known: number): string {
  // A failed gate fails the run (exit 1) whatever the verdict, so the heading says so.
  const gate = record.coverageGate?.passed === false ? ' — ❌ coverage gate failed' : '';
  return verdictHeading(record, fresh, known) + gate;
}

function verdictHeading(record: RunRecord, fresh: number, known: number): string {
  const subject = `${mdCode(record.target.name)} against ${mdText(record.spec.title)}`;
  const knownText = known > 0 ? ` (${known} known)` : '';
  if (record.setupError !== undefined) {
    return `## ❌ Setup error: ${subject}\n\n${mdText(record.setupError.message)}`;
  }
  switch (record.verdict) {
    case 'conformant':
      return `## ✅ Conformant: ${subject}${knownText}`;
    case 'divergence':
      return `## ❌ ${fresh} divergence${fresh === 1 ? '' : 's'}${knownText}: ${subject}`;
    case 'inconclusive':
      return `## ⚠️ Inconclusive: ${subject}${knownText}`;
  }
}

function factsTable(record: RunRecord): string {
  const rows: [string, string][] = [
    ['Scenario', `${mdText(record.scenario.name)} (${mdCode(record.scenario.file)})`],
    [
      'Spec',
      `${mdText(record.spec.title)}, ${mdCode(record.spec.file)} @ ${mdCode(shortHash(record.spec.hash))}`,
    ],
    ['Reading', mdCode(record.reading)],
    ['Target', targetCell(record)],
  ];
  if (record.strictness !== undefined) {
    rows.splice(3, 0, [
      'Strictness',
      `${mdCode(record.strictness)} (inferred rules as information)`,
    ]);
  }
  if (record.target.leftOut.length > 0) {
    rows.push(['Left out', record.target.leftOut.map(mdText).join('; ')]);
  }
  if (record.bounds !== undefined && record.bounds.length > 0) {
    rows.push(['Time bounds (shortened)', boundsText(record.bounds, mdCode)]);
  }
  const shard =
    record.shard === undefined ? '' : ` (shard ${record.shard.index}/${record.shard.count})`;
  rows.push(['Seed', `${mdCode(String(record.seed))}${shard}`]);
  rows.push([
    'Runs',
    `${record.runsCompleted} of ${record.runsPlanned} (stopped: ${record.stoppedBy})`,
  ]);
  rows.push(['Operations', String(record.operations)]);
  rows.push([
    'Duration',
    `${formatDuration(record.durationMs)} (started ${mdText(record.startedAt)})`,
  ]);
  rows.push(['Largest possible-state set', String(record.largestStateSet)]);
  for (const kind of ['rule', 'transition'] as const) {
    const entries = record.coverage.filter((c) => c.kind === kind);
    if (entries.length === 0) continue;
    const exercised = entries.filter((c) => c.exercised > 0).length;
    rows.push([
      `${kind === 'rule' ? 'Rules' : 'Transitions'} exercised`,
      `${exercised} / ${entries.length}`,
    ]);
  }
  const gate = record.coverageGate;
  if (gate !== undefined) {
    const mark = gate.passed ? '✅ passed' : '❌ failed';
    rows.push(['Coverage gate', `${mark}: ${mdText(coverageGateText(gate))}`]);
  }
  const baseline = record.baseline;
  if (baseline !== undefined) {
    const stale = baseline.stale.map((e) => `${mdCode(e.rule)} (line ${e.line})`).join(', ');
    rows.push([
      'Baseline',
      `${mdText(baseline.file)}: ${baseline.known} known` +
        (baseline.stale.length > 0 ? `; ❌ stale, no longer diverging: ${stale}` : ''),
    ]);
  }
  rows.push(['Tool', `${mdText(record.tool.name)} ${mdText(record.tool.version)}`]);
  return mdTable(['Run', ''], rows);
}

function targetCell(record: RunRecord): string {
  let text = mdCode(record.target.name);
  if (record.target.mutants.length > 0) {
    text += `, mutants: ${record.target.mutants.map(mdCode).join(', ')}`;
  }
  if (record.target.endpoint !== undefined) text += `, endpoint ${mdCode(record.target.endpoint)}`;
  return text;
}
