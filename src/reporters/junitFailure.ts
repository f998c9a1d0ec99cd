import { CATEGORY_TITLES, describeObservation } from '../monitor/Verdict.ts';
import type { Divergence } from '../runner/RunRecord.ts';
import { formatOffset } from './format.ts';
import { citationText } from '../spec/citationText.ts';

/** The text of a JUnit `<failure>`: a one-line message and a body with everything to act on it. */
export interface FailureText {
  readonly message: string;
  readonly type: string;
  readonly body: string;
}

/**
 * Describes the divergences of one rule as a JUnit failure: the message says what was expected and
 * what was observed; the body adds the quotes, every expectation, the shrunk trace and the replay
 * command. `type` is the first divergence's category.
 */
export function describeFailure(divergences: readonly Divergence[]): FailureText | undefined {
  const first = divergences[0];
  if (first === undefined) return undefined;
  const expected = first.expectations[0]?.expected ?? 'a different outcome';
  const message =
    `${CATEGORY_TITLES[first.category] ?? first.category}: expected ${expected}, ` +
    `observed ${describeObservation(first.observation)}`;
  const body = divergences.map(divergenceBody).join('\n\n');
  return { message, type: first.category, body };
}

function divergenceBody(d: Divergence): string {
  const lines = [`category: ${CATEGORY_TITLES[d.category] ?? d.category} (${d.category})`];
  lines.push(`rule: ${d.ruleId} (${d.operation})`);
  for (const c of d.cite) {
    const text = c.kind === 'document' ? `quote: “${c.quote}”` : `recording: ${citationText(c)}`;
    lines.push(`${text} — ${c.source}`);
  }
  for (const e of d.expectations) {
    lines.push(`expected: ${e.expected}`);
    lines.push(`  in ${e.state} (rule ${e.ruleId}): ${e.reason}`);
  }
  lines.push(`observed: ${describeObservation(d.observation)}`);
  lines.push(`trace (${d.trace.length} of ${d.originalLength} commands after shrinking):`);
  for (const t of d.trace) {
    const mark = t.verdict === 'divergence' ? '  ✗' : '';
    lines.push(`  ${formatOffset(t.at)}  ${t.command}  →  ${t.observation}${mark}`);
  }
  lines.push(`replay: ${d.replayCommand}`);
  const where = [`seed ${d.seed}`];
  if (d.path !== undefined) where.push(`path ${d.path}`);
  if (d.counterexampleFile !== undefined) where.push(`saved ${d.counterexampleFile}`);
  lines.push(`  ${where.join(', ')}`);
  return lines.join('\n');
}
