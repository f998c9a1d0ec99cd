import type { DivergenceCategory } from '../monitor/Verdict.ts';
import type { Counterexample } from './Counterexample.ts';
import { blamedRule } from './Execution.ts';
import type { ReplayOutcome } from './replay.ts';

/** A divergence as a replay compares it: the rule blamed and its category. */
export interface BlamedRule {
  readonly ruleId: string;
  readonly category: DivergenceCategory;
}

/**
 * How a replay ended, compared with the verdict the counterexample recorded:
 * - `reproduced`: the same divergence, same rule and category (a recorded category is compared
 *   only when the file has one);
 * - `diverges-differently`: a divergence, but another rule or category than recorded (or none was
 *   recorded);
 * - `conformant`: the target now conforms on the sequence (for a recorded divergence: it is fixed);
 * - `inconclusive`: some step could not be judged (infrastructure trouble, an interruption), so
 *   neither is known.
 */
export type ReplayVerdict =
  | { readonly kind: 'reproduced'; readonly got: BlamedRule }
  | {
      readonly kind: 'diverges-differently';
      readonly expected: Counterexample['expected'];
      readonly got: BlamedRule;
    }
  | { readonly kind: 'conformant'; readonly expected: Counterexample['expected'] }
  | { readonly kind: 'inconclusive'; readonly reasons: readonly string[] };

/** The rule a replay's divergence is blamed on, as a run names it in its record. */
export function replayBlame(outcome: ReplayOutcome): BlamedRule | undefined {
  const d = outcome.divergence?.explain();
  if (d === undefined) return undefined;
  return { ruleId: blamedRule(d.verdict), category: d.verdict.category };
}

/** Compares a replay's outcome with the recorded verdict: rule and category both. */
export function judgeReplay(
  expected: Counterexample['expected'],
  outcome: ReplayOutcome,
): ReplayVerdict {
  const got = replayBlame(outcome);
  if (got !== undefined) {
    const same =
      expected.verdict === 'divergence' &&
      expected.ruleId === got.ruleId &&
      (expected.category === undefined || expected.category === got.category);
    return same ? { kind: 'reproduced', got } : { kind: 'diverges-differently', expected, got };
  }
  if (outcome.verdict === 'inconclusive') {
    const reasons = outcome.tally.inconclusive.map((i) => `${i.command}: ${i.reason}`);
    return { kind: 'inconclusive', reasons: reasons.length > 0 ? reasons : ['interrupted'] };
  }
  return { kind: 'conformant', expected };
}

/**
 * The exit code of a replay, with `run`'s meaning: 0 conformant now (the bug is fixed), 1 it
 * diverges (as recorded or differently), 3 inconclusive.
 */
export function replayExitCode(verdict: ReplayVerdict): 0 | 1 | 3 {
  switch (verdict.kind) {
    case 'reproduced':
    case 'diverges-differently':
      return 1;
    case 'conformant':
      return 0;
    case 'inconclusive':
      return 3;
  }
}

function named(rule: { readonly ruleId?: string; readonly category?: string }): string {
  const id = rule.ruleId ?? 'a divergence';
  return rule.category === undefined ? id : `${id} (${rule.category})`;
}

/** The line a replay ends with, saying how it compares with the recorded verdict. */
export function replayVerdictText(verdict: ReplayVerdict): string {
  switch (verdict.kind) {
    case 'reproduced':
      return `Reproduced: divergence ${named(verdict.got)}, as recorded.`;
    case 'diverges-differently':
      return verdict.expected.verdict === 'divergence'
        ? `Diverges differently: expected ${named(verdict.expected)}, got ${named(verdict.got)}.`
        : `Diverges: recorded conformant, got ${named(verdict.got)}.`;
    case 'conformant':
      return verdict.expected.verdict === 'divergence'
        ? `Conformant now: the recorded divergence ${named(verdict.expected)} no longer occurs.`
        : 'Conformant, as recorded.';
    case 'inconclusive': {
      const [first, ...rest] = verdict.reasons;
      const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
      return `Inconclusive: not every step could be judged: ${first ?? 'interrupted'}${more}.`;
    }
  }
}
