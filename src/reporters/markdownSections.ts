import type { RuleCoverage, RunRecord } from '../runner/RunRecord.ts';
import { coverageGateText } from './coverageGateText.ts';
import { mdCode, mdTable, mdText } from './markdown.ts';
import { ruleOutcome } from './ruleOutcome.ts';

/** How many inconclusive / unspecified observations the summary lists. */
const LIST_LIMIT = 10;

/** The result mark of one rule: ✅ passed, ❌ violated, ⚠️ known divergence only, ⏭️ never exercised. */
export function ruleResult(c: RuleCoverage, record: RunRecord): string {
  switch (ruleOutcome(c, record.divergences).kind) {
    case 'violated':
      return '❌ violated';
    case 'known':
      return '⚠️ known';
    case 'unexercised':
      return '⏭️ never exercised';
    case 'passed':
      return '✅ passed';
  }
}

/**
 * The rules table: every spec rule and transition with its evidence kind (documented, recorded or
 * inferred), counts and result, in spec order.
 */
export function markdownRulesTable(record: RunRecord): string {
  const rows = record.coverage.map((c) => [
    mdCode(c.id),
    c.kind === 'transition' ? `transition (${mdText(c.group)})` : mdText(c.group),
    c.evidence ?? '',
    String(c.exercised),
    String(c.violated),
    ruleResult(c, record),
  ]);
  return mdTable(['Rule', 'Operation', 'Evidence', 'Exercised', 'Violated', 'Result'], rows, [
    'left',
    'left',
    'left',
    'right',
    'right',
  ]);
}

/**
 * The "Coverage gate failed" note: the share exercised against `--min-coverage`, and every rule and
 * transition never exercised with its operation. Empty when the run had no gate or passed it.
 */
export function markdownGateFailure(record: RunRecord): string[] {
  const gate = record.coverageGate;
  if (gate === undefined || gate.passed) return [];
  const groups = new Map(record.coverage.map((c) => [c.id, c]));
  const items = gate.unexercised.map((id) => {
    const c = groups.get(id);
    const where =
      c === undefined
        ? ''
        : ` — ${c.kind === 'transition' ? `transition (${mdText(c.group)})` : mdText(c.group)}`;
    return `- ${mdCode(id)}${where}`;
  });
  return [
    '### ❌ Coverage gate failed',
    `${mdText(coverageGateText(gate))}: the run fails (exit 1). Never exercised (${gate.unexercised.length}):`,
    items.join('\n'),
  ];
}

/** Inconclusive and unspecified observations, as information; empty when there were none. */
export function markdownInformation(record: RunRecord): string[] {
  const blocks: string[] = [];
  if (record.inconclusive.length > 0) {
    blocks.push(`### Inconclusive observations (${record.inconclusive.length})`);
    blocks.push('Infrastructure trouble the harness could not judge; never a divergence.');
    const rows = record.inconclusive
      .slice(0, LIST_LIMIT)
      .map((i) => [mdCode(i.command), mdText(i.reason)]);
    blocks.push(mdTable(['Command', 'Reason'], rows), ...more(record.inconclusive.length));
  }
  if (record.unspecified.length > 0) {
    blocks.push(`### Unspecified observations (${record.unspecified.length})`);
    blocks.push('The documents say nothing here; what the target did is recorded as information.');
    const rows = record.unspecified
      .slice(0, LIST_LIMIT)
      .map((u) => [mdCode(u.ruleId), mdCode(u.command), mdCode(u.observation)]);
    blocks.push(
      mdTable(['Rule', 'Command', 'Observation'], rows),
      ...more(record.unspecified.length),
    );
  }
  return blocks;
}

/** Regression replays with ✅ when each reproduced its recorded verdict; empty when none ran. */
export function markdownRegressions(record: RunRecord): string[] {
  if (record.regressions.length === 0) return [];
  const rows = record.regressions.map((r) => [
    mdCode(r.file),
    r.ruleId === undefined ? '' : mdCode(r.ruleId),
    r.expected,
    r.observed,
    r.expected === r.observed ? '✅ reproduced' : '❌ changed',
  ]);
  return [
    `### Regression replays (${record.regressions.length})`,
    mdTable(['File', 'Rule', 'Expected', 'Observed', 'Result'], rows),
  ];
}

function more(total: number): string[] {
  return total > LIST_LIMIT ? [`… and ${total - LIST_LIMIT} more (see run.json).`] : [];
}
