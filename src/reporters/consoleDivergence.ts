import { describeObservation } from '../monitor/Verdict.ts';
import type { Divergence, TraceEntry } from '../runner/RunRecord.ts';
import type { DivergenceGroup } from './groupDivergences.ts';
import { formatDuration } from '../text/duration.ts';
import { formatOffset, stripControlChars as clean } from './format.ts';
import type { Paint } from './paint.ts';
import { citationText } from '../spec/citationText.ts';

const INDENT = '      ';

/**
 * The console text of divergence groups: per category a title, then per divergence the rule, the
 * quotes it breaks, expected vs observed, the shrunk trace as a timeline and the replay command.
 */
export function formatDivergenceGroups(
  groups: readonly DivergenceGroup[],
  paint: Paint,
  mark: string,
): string[] {
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(`  ${paint('bold', group.title)} (${group.divergences.length})`);
    for (const divergence of group.divergences) {
      lines.push(...formatDivergence(divergence, paint, mark), '');
    }
  }
  return lines;
}

/** One divergence as indented console lines. */
export function formatDivergence(d: Divergence, paint: Paint, mark: string): string[] {
  const lines = [`    ${mark} ${paint('bold', d.ruleId)}  ${paint('dim', d.operation)}`];
  for (const c of d.cite) {
    const text = c.kind === 'document' ? `“${clean(c.quote)}”` : clean(citationText(c));
    lines.push(`${INDENT}${paint('cyan', text)} ${paint('dim', `— ${c.source}`)}`);
  }
  const expectations = d.expectations;
  if (expectations.length === 0) {
    lines.push(`${INDENT}expected  ${paint('dim', '(no expectation recorded)')}`);
  }
  for (const e of expectations) {
    lines.push(`${INDENT}expected  ${paint('green', clean(e.expected))}`);
    const rule = e.ruleId === d.ruleId ? '' : `rule ${e.ruleId}, `;
    lines.push(
      `${INDENT}          ${paint('dim', `(${rule}in ${clean(e.state)}) ${clean(e.reason)}`)}`,
    );
  }
  lines.push(`${INDENT}observed  ${paint('red', clean(describeObservation(d.observation)))}`);
  lines.push('', ...formatTimeline(d, paint), '');
  lines.push(`${INDENT}replay    ${paint('bold', d.replayCommand)}`);
  const where: string[] = [`seed ${d.seed}`];
  if (d.path !== undefined) where.push(`path ${d.path}`);
  if (d.counterexampleFile !== undefined) where.push(`saved ${d.counterexampleFile}`);
  lines.push(`${INDENT}          ${paint('dim', where.join(', '))}`);
  return lines;
}

/** The shrunk trace as a timeline with target times, the divergent step marked. */
function formatTimeline(d: Divergence, paint: Paint): string[] {
  const count = `${d.trace.length} command${d.trace.length === 1 ? '' : 's'}`;
  const shrunk = d.originalLength > d.trace.length ? ` (shrunk from ${d.originalLength})` : '';
  const t = d.timing;
  const header =
    `trace: ${count}${shrunk}; timing provision ${formatDuration(t.provisionMs)}, ` +
    `update ${formatDuration(t.updateMs)}, version ${formatDuration(t.versionMs)}, ` +
    `reactivate ${formatDuration(t.reactivateMs)}`;
  const times = d.trace.map((t) => formatOffset(t.at));
  const width = Math.max(0, ...times.map((t) => t.length));
  const lines = [`${INDENT}${paint('dim', header)}`];
  d.trace.forEach((entry, i) => {
    const time = (times[i] ?? '').padStart(width);
    lines.push(`${INDENT}  ${paint('dim', time)}  ${formatEntry(entry, paint)}`);
  });
  return lines;
}

function formatEntry(entry: TraceEntry, paint: Paint): string {
  const text = clean(`${entry.command}  →  ${entry.observation}`);
  switch (entry.verdict) {
    case 'divergence':
      return `${paint('red', text)}  ${paint('red', `✗ ${entry.rules.join(', ')}`)}`;
    case 'unspecified':
      return `${text}  ${paint('yellow', '(unspecified)')}`;
    case 'inconclusive':
      return `${text}  ${paint('yellow', '(inconclusive)')}`;
    case 'conformant':
    case 'harness':
      return text;
  }
}
