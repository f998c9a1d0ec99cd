import type { RunRecord } from '../runner/RunRecord.ts';
import { coverageGateText } from './coverageGateText.ts';
import { stripControlChars as clean } from './format.ts';
import type { Paint } from './paint.ts';
import { diagramMarks } from './ruleOutcome.ts';

/** How many inconclusive / unspecified observations the console lists before "… and N more". */
const LIST_LIMIT = 5;

/** Width of the coverage labels, so the numbers line up. */
const LABEL_WIDTH = 'transitions exercised'.length;

/**
 * Rule coverage: exercised / total for rules and transitions, the `--min-coverage` gate when the run
 * had one, and every never-exercised id (the rules that failed the gate, when it failed).
 */
export function formatCoverage(record: RunRecord, paint: Paint): string[] {
  const lines = [paint('bold', 'Coverage')];
  // The rules the diagram marks violated: known (baselined) divergences included.
  const departed = diagramMarks(record.coverage, record.divergences).violated;
  for (const kind of ['rule', 'transition'] as const) {
    const entries = record.coverage.filter((c) => c.kind === kind);
    if (entries.length === 0) continue;
    const exercised = entries.filter((c) => c.exercised > 0).length;
    const violated = entries.filter((c) => departed.has(c.id)).length;
    const violatedText = violated > 0 ? paint('red', `, ${violated} violated`) : '';
    const label = `${kind}s exercised`.padEnd(LABEL_WIDTH);
    lines.push(`  ${label}  ${exercised} / ${entries.length}${violatedText}`);
  }
  const gate = record.coverageGate;
  if (gate !== undefined) {
    const mark = gate.passed ? paint('green', '✓ passed') : paint('red', '✗ failed');
    lines.push(`  ${'coverage gate'.padEnd(LABEL_WIDTH)}  ${mark}: ${coverageGateText(gate)}`);
  }
  const never = record.coverage.filter((c) => c.exercised === 0).map((c) => c.id);
  if (never.length > 0) {
    // When the gate failed these are the rules that failed it: red, right under the gate line.
    const colour = gate?.passed === false ? 'red' : 'yellow';
    const label = `never exercised (${never.length})`.padEnd(LABEL_WIDTH);
    lines.push(`  ${paint(colour, label)}  ${never.join(', ')}`);
  }
  if (record.coverage.length === 0) lines.push(`  ${paint('dim', '(no coverage recorded)')}`);
  return lines;
}

/**
 * Inconclusive observations (counted by reason), unspecified ones (information the documents leave
 * open) and undecidable waits (real time), or nothing when there were none.
 */
export function formatInformation(record: RunRecord, paint: Paint): string[] {
  const lines: string[] = [];
  if (record.inconclusive.length > 0) {
    lines.push(paint('yellow', `Inconclusive observations (${record.inconclusive.length})`));
    const byReason = new Map<string, number>();
    for (const i of record.inconclusive) byReason.set(i.reason, (byReason.get(i.reason) ?? 0) + 1);
    const reasons = [...byReason.entries()];
    for (const [reason, count] of reasons.slice(0, LIST_LIMIT)) {
      lines.push(`  ${count} × ${clean(reason)}`);
    }
    lines.push(...more(reasons.length, paint));
  }
  if (record.unspecified.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      paint('bold', `Unspecified observations (${record.unspecified.length})`) +
        paint('dim', '  the documents say nothing; recorded as information'),
    );
    for (const u of record.unspecified.slice(0, LIST_LIMIT)) {
      lines.push(clean(`  ${u.ruleId}  ${u.command}  →  ${u.observation}`));
    }
    lines.push(...more(record.unspecified.length, paint));
  }
  const undecidable = record.undecidable ?? [];
  if (undecidable.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      paint('bold', `Undecidable waits (${undecidable.length})`) +
        paint('dim', '  no answer could show whether these transitions happened; not waited for'),
    );
    for (const u of undecidable.slice(0, LIST_LIMIT)) {
      lines.push(clean(`  ${u.transitions.join(', ')}  ${u.count} ×  pending: ${u.pending}`));
    }
    lines.push(...more(undecidable.length, paint));
  }
  return lines;
}

/** Regression replays and whether each reproduced its recorded verdict. */
export function formatRegressions(record: RunRecord, paint: Paint): string[] {
  if (record.regressions.length === 0) return [];
  const lines = [paint('bold', `Regression replays (${record.regressions.length})`)];
  for (const r of record.regressions) {
    const rule = r.ruleId === undefined ? '' : `  ${paint('dim', `[${r.ruleId}]`)}`;
    if (r.expected === r.observed) {
      lines.push(`  ${paint('green', '✓')} ${r.file}  ${r.observed} as recorded${rule}`);
    } else {
      const text = `expected ${r.expected}, observed ${r.observed}`;
      lines.push(`  ${paint('red', '✗')} ${r.file}  ${paint('red', text)}${rule}`);
    }
  }
  return lines;
}

function more(total: number, paint: Paint): string[] {
  return total > LIST_LIMIT ? [`  ${paint('dim', `… and ${total - LIST_LIMIT} more`)}`] : [];
}
