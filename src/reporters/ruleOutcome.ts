import { brokenRules } from '../runner/buildRunRecord.ts';
import type { Divergence, RuleCoverage } from '../runner/RunRecord.ts';

/**
 * How one spec rule or transition fared, as every report shows it:
 * - `violated`: a new (not baselined) divergence broke it (blamed on it, or on another rule of the
 *   same step: see `brokenRules`), or coverage counts a violation and the record has no divergence
 *   detail at all;
 * - `known`: only divergences listed in the baseline broke it;
 * - `unexercised`: it never decided an observation;
 * - `passed`: exercised and never violated.
 */
export type RuleOutcome =
  | { readonly kind: 'violated'; readonly divergences: readonly Divergence[] }
  | { readonly kind: 'known'; readonly divergences: readonly Divergence[] }
  | { readonly kind: 'unexercised' }
  | { readonly kind: 'passed' };

/**
 * Whether a coverage entry's `violated` count, alone, marks the rule violated: only when the record
 * carries no divergence at all. The runner counts a violation for every rule of every state the
 * failing step allowed, on every shrink attempt (`get-active` of the Active state when an Invoke
 * while Pending is blamed); once the record names the divergences, they decide which rules broke.
 */
function countsDecide(c: RuleCoverage, divergences: readonly Divergence[]): boolean {
  return c.violated > 0 && divergences.length === 0;
}

/** Decides the {@link RuleOutcome} of a coverage entry from the record's divergences. */
export function ruleOutcome(c: RuleCoverage, divergences: readonly Divergence[]): RuleOutcome {
  // Failed also when another rule was blamed for the step: every rule the observation broke.
  const mine = divergences.filter((d) => brokenRules(d).includes(c.id));
  const fresh = mine.filter((d) => d.baselined !== true);
  if (fresh.length > 0) return { kind: 'violated', divergences: fresh };
  if (mine.length > 0) return { kind: 'known', divergences: mine };
  if (countsDecide(c, divergences)) return { kind: 'violated', divergences: [] };
  if (c.exercised === 0) return { kind: 'unexercised' };
  return { kind: 'passed' };
}

/**
 * The ids to mark on the state diagram: every rule or transition with a divergence (known ones
 * included: the diagram shows where the target departs from the spec) or, in a record without
 * divergence detail, a counted violation; and every one never exercised.
 */
export function diagramMarks(
  coverage: readonly RuleCoverage[],
  divergences: readonly Divergence[],
): { violated: ReadonlySet<string>; unexercised: ReadonlySet<string> } {
  const violated = new Set<string>(divergences.flatMap((d) => brokenRules(d)));
  for (const c of coverage) if (countsDecide(c, divergences)) violated.add(c.id);
  const unexercised = new Set(coverage.filter((c) => c.exercised === 0).map((c) => c.id));
  return { violated, unexercised };
}
