import { describeObservation } from '../monitor/Verdict.ts';
import type { Divergence, TraceEntry } from '../runner/RunRecord.ts';
import type { Spec } from '../spec/Spec.ts';
import { formatDuration } from '../text/duration.ts';
import { formatOffset } from './format.ts';
import type { DivergenceGroup } from './groupDivergences.ts';
import { mdBlockText, mdCode, mdFence, mdTable, mdText } from './markdown.ts';
import { citationText } from '../spec/citationText.ts';

/**
 * Markdown for divergence groups under a `###` section: a `####` heading per category, then per
 * divergence the rule, the quotes it breaks, expected vs observed, the timeline of the shrunk trace
 * with target times, and the replay command in a code block.
 */
export function markdownDivergenceGroups(
  groups: readonly DivergenceGroup[],
  mark: string,
  sources: Spec['sources'],
): string[] {
  const blocks: string[] = [];
  for (const group of groups) {
    blocks.push(`#### ${mdText(group.title)} (${group.divergences.length})`);
    for (const d of group.divergences) blocks.push(...markdownDivergence(d, mark, sources));
  }
  return blocks;
}

/** One divergence as Markdown blocks (joined by blank lines by the caller). */
export function markdownDivergence(
  d: Divergence,
  mark: string,
  sources: Spec['sources'],
): string[] {
  const blocks = [`##### ${mark} ${mdCode(d.ruleId)} — ${mdText(d.operation)}`];
  for (const c of d.cite) {
    blocks.push(`> ${mdBlockText(citationText(c))}\n>\n> — ${sourceRef(c.source, sources)}`);
  }
  const rows: string[][] = d.expectations.map((e) => {
    const rule = e.ruleId === d.ruleId ? '' : ` (rule ${mdCode(e.ruleId)})`;
    return ['Expected', `${mdCode(e.expected)} in ${mdCode(e.state)}${rule}: ${mdText(e.reason)}`];
  });
  rows.push(['Observed', mdCode(describeObservation(d.observation))]);
  blocks.push(mdTable(['', ''], rows));
  const shrunk = d.originalLength > d.trace.length ? ` (shrunk from ${d.originalLength})` : '';
  const t = d.timing;
  blocks.push(
    `Trace: ${d.trace.length} command${d.trace.length === 1 ? '' : 's'}${shrunk}; ` +
      `timing provision ${formatDuration(t.provisionMs)}, update ${formatDuration(t.updateMs)}, ` +
      `version ${formatDuration(t.versionMs)}, reactivate ${formatDuration(t.reactivateMs)}.`,
  );
  blocks.push(
    mdTable(['#', 'Target time', 'Command', 'Observation', 'Verdict'], d.trace.map(timelineRow), [
      'right',
      'right',
    ]),
  );
  const where = [`seed ${mdCode(String(d.seed))}`];
  if (d.path !== undefined) where.push(`path ${mdCode(d.path)}`);
  if (d.counterexampleFile !== undefined) where.push(`saved as ${mdCode(d.counterexampleFile)}`);
  blocks.push(`Replay (${where.join(', ')}):`, mdFence('sh', d.replayCommand));
  return blocks;
}

/** The source id, linked to the document when the spec gives its URL. */
function sourceRef(id: string, sources: Spec['sources']): string {
  const url = sources.get(id)?.url;
  if (url === undefined) return mdCode(id);
  const safe = url.replace(/[<>\s]/g, (c) => encodeURIComponent(c));
  return `[${mdCode(id)}](<${safe}>)`;
}

function timelineRow(entry: TraceEntry): string[] {
  return [
    String(entry.index),
    formatOffset(entry.at),
    mdCode(entry.command),
    mdCode(entry.observation),
    verdictCell(entry),
  ];
}

function verdictCell(entry: TraceEntry): string {
  const rules = entry.rules.map(mdCode).join(', ');
  switch (entry.verdict) {
    case 'divergence':
      return `❌ ${rules}`;
    case 'conformant':
      return rules;
    case 'unspecified':
      return `unspecified ${rules}`.trimEnd();
    case 'inconclusive':
      return 'inconclusive';
    case 'harness':
      return '';
  }
}
