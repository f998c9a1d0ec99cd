import type { BaselineReport } from '../api/ConformanceOptions.ts';
import type { RuleEntry } from '../api/listRules.ts';
import { CATEGORY_TITLES } from '../monitor/Verdict.ts';
import { coverageGateText } from '../reporters/coverageGateText.ts';
import { describeFailure } from '../reporters/junitFailure.ts';
import { inconclusiveCause } from '../reporters/inconclusiveCause.ts';
import { ruleOutcome } from '../reporters/ruleOutcome.ts';
import { describeEntry } from '../baseline/Baseline.ts';
import type { RunRecord } from '../runner/RunRecord.ts';

/**
 * What the test of one spec rule (or of the coverage gate) does with a finished run:
 * - `passed`: exercised and never violated, or violated only by known, baselined divergences; a
 *   `note` says which, or how many observations the documents leave open;
 * - `skipped`: never exercised, with why;
 * - `failed`: violated, with everything needed to act on it.
 */
export type RuleVerdict =
  | { readonly kind: 'passed'; readonly note?: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The verdict of one rule's test, decided exactly as the reports decide a rule's result (the junit
 * testcase, the markdown rules table), except that a rule broken only by baselined divergences
 * passes with a note. A saved counterexample of this rule that still diverges fails it too.
 */
export function ruleVerdict(rule: RuleEntry, record: RunRecord): RuleVerdict {
  const c = record.coverage.find((entry) => entry.id === rule.id);
  if (c === undefined) {
    return { kind: 'skipped', reason: `not in the run record (spec ${record.spec.file} changed?)` };
  }
  const outcome = ruleOutcome(c, record.divergences);
  switch (outcome.kind) {
    case 'violated': {
      const failure = describeFailure(outcome.divergences);
      return {
        kind: 'failed',
        message:
          failure === undefined
            ? `${rule.id}: violated ${plural(c.violated, 'time')} (the run record has no detail)`
            : `${failure.message}\n\n${failure.body}`,
      };
    }
    case 'known': {
      const categories = outcome.divergences.map((d) => CATEGORY_TITLES[d.category]);
      return { kind: 'passed', note: `known divergence (baselined): ${categories.join(', ')}` };
    }
    case 'unexercised':
      break;
    case 'passed':
      break;
  }
  const stale = record.regressions.find((r) => r.ruleId === rule.id && r.observed === 'divergence');
  if (stale !== undefined) {
    return {
      kind: 'failed',
      message:
        `${rule.id}: the saved counterexample ${stale.file} still diverges.\n` +
        `replay: npx lambda-conformance replay ${stale.file}`,
    };
  }
  if (outcome.kind === 'unexercised') {
    return {
      kind: 'skipped',
      reason: `never exercised in ${plural(record.runsCompleted, 'run')} (seed ${record.seed})`,
    };
  }
  return c.unspecified > 0
    ? {
        kind: 'passed',
        note: `${plural(c.unspecified, 'observation')} the documents leave open (recorded as information)`,
      }
    : { kind: 'passed' };
}

/**
 * The verdict of the `run` test: failed, with the cause, when the run was inconclusive (a dead
 * endpoint, an interruption, infrastructure faults: a suite that proved nothing must not pass);
 * passed otherwise (divergences fail the tests of the rules they break).
 */
export function runVerdict(record: RunRecord): RuleVerdict {
  const cause = inconclusiveCause(record);
  return cause === undefined
    ? { kind: 'passed' }
    : { kind: 'failed', message: `the conformance run was inconclusive: ${cause}` };
}

/** The verdict of the `coverage-gate` test: failed with every never-exercised rule, or passed. */
export function gateVerdict(record: RunRecord): RuleVerdict {
  const gate = record.coverageGate;
  if (gate === undefined) return { kind: 'skipped', reason: 'the run had no coverage gate' };
  const text = coverageGateText(gate);
  if (gate.passed) return { kind: 'passed', note: text };
  return {
    kind: 'failed',
    message: `${text}.\nnever exercised (${gate.unexercised.length}): ${gate.unexercised.join(', ')}`,
  };
}

/**
 * The verdict of the `baseline` test: failed when entries no longer diverge (stale: the CLI fails
 * the run so the list cannot rot), passed otherwise, noting entries past their `expires` date.
 */
export function baselineVerdict(report: BaselineReport | undefined): RuleVerdict {
  if (report === undefined) return { kind: 'skipped', reason: 'the run applied no baseline' };
  if (report.stale.length > 0) {
    const lines = report.stale.map(
      (e) =>
        `stale baseline entry ${describeEntry(report.file, e)}: no longer diverges; remove it (${e.reason})`,
    );
    return { kind: 'failed', message: lines.join('\n') };
  }
  const expired = report.expired.map((e) => describeEntry(report.file, e));
  return expired.length === 0
    ? { kind: 'passed' }
    : { kind: 'passed', note: `expired, no longer suppressing: ${expired.join('; ')}` };
}
