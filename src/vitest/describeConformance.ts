import { beforeAll, describe, it, type TestContext } from 'vitest';
import type { BaselineReport, ConformanceOptions } from '../api/ConformanceOptions.ts';
import { listRules, type RuleEntry } from '../api/listRules.ts';
import { runConformance } from '../api/runConformance.ts';
import { scenarioPathOf, type ScenarioPath } from '../api/ScenarioPath.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { requireVitest } from './requireVitest.ts';
import {
  baselineVerdict,
  gateVerdict,
  ruleVerdict,
  runVerdict,
  type RuleVerdict,
} from './ruleVerdict.ts';

/** Options of {@link describeConformance}: those of `runConformance`, plus the suite's own. */
export interface DescribeConformanceOptions extends ConformanceOptions {
  /** Title of the enclosing `describe`; default `conformance: <scenario>`. */
  readonly name?: string;
  /** How long the one conformance run may take (the `beforeAll` timeout), ms; default 10 minutes. */
  readonly timeout?: number;
}

/** The default `beforeAll` timeout: a whole suite, not one test. */
const DEFAULT_TIMEOUT_MS = 600_000;

/** Name of the describe block that holds the spec's transitions (as in junit.xml). */
const TRANSITIONS = 'transitions';

/** A violated rule, as vitest shows a failed test: the message is the whole story, no stack. */
class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(message: string) {
    super(message);
    // The stack would point into this helper, which says nothing about the target.
    this.stack = `${this.name}: ${message}`;
  }
}

async function settle(verdict: RuleVerdict, ctx: TestContext): Promise<void> {
  switch (verdict.kind) {
    case 'passed':
      if (verdict.note !== undefined) await ctx.annotate(verdict.note);
      return;
    case 'skipped':
      ctx.skip(verdict.reason);
      return;
    case 'failed':
      throw new ConformanceFailure(verdict.message);
  }
}

function byGroup(rules: readonly RuleEntry[]): Map<string, RuleEntry[]> {
  const groups = new Map<string, RuleEntry[]>();
  for (const rule of rules) {
    const group = rule.kind === 'transition' ? TRANSITIONS : rule.group;
    groups.set(group, [...(groups.get(group) ?? []), rule]);
  }
  return groups;
}

/**
 * Declares a conformance suite inside the caller's vitest run: one `describe` for the scenario,
 * one `describe` per operation (and one for the transitions) and **one test per spec rule**, so
 * vitest's reporters list the documented rules. The suite runs once, in `beforeAll`, through
 * `runConformance`; then each rule's test passes when the rule was exercised and never violated
 * (or only by baselined divergences), fails with the expected and observed outcome, the quote, the
 * shrunk trace and the replay command when it was violated, and is skipped when it was never
 * exercised. With `minCoverage`, a `harness › coverage-gate` test fails when the gate fails; with
 * `baseline`, a `harness › baseline` test fails on stale entries (rules that no longer diverge).
 *
 * Call it at the top level of a test file (or inside a `describe`): the rules are read
 * synchronously from the scenario's spec while vitest collects the tests. Paths are relative to
 * the working directory (vitest's root), or `file:` URLs.
 *
 * Needs vitest 3.2 or later (a peer dependency).
 *
 * @throws ScenarioError or SpecError at collection time when the scenario or spec cannot be read,
 *   HarnessError `VITEST_TOO_OLD` for a vitest older than 3.2; errors of the run itself fail the
 *   suite's `beforeAll`.
 */
export function describeConformance(
  scenario: ScenarioPath,
  options: DescribeConformanceOptions = {},
): void {
  requireVitest();
  const { name, timeout, ...runOptions } = options;
  const rules = listRules(scenario);
  describe(name ?? `conformance: ${scenarioPathOf(scenario)}`, () => {
    let record: RunRecord | undefined;
    let baseline: BaselineReport | undefined;
    beforeAll(async () => {
      record = await runConformance(scenario, {
        ...runOptions,
        onBaseline: (report) => {
          baseline = report;
          runOptions.onBaseline?.(report);
        },
      });
    }, timeout ?? DEFAULT_TIMEOUT_MS);
    const finished = (): RunRecord => {
      if (record === undefined) throw new Error('the conformance run did not finish');
      return record;
    };
    for (const [group, entries] of byGroup(rules)) {
      describe(group, () => {
        for (const rule of entries) {
          it(rule.id, (ctx) => settle(ruleVerdict(rule, finished()), ctx));
        }
      });
    }
    describe('harness', () => {
      it('run', (ctx) => settle(runVerdict(finished()), ctx));
      if (runOptions.minCoverage !== undefined) {
        it('coverage-gate', (ctx) => settle(gateVerdict(finished()), ctx));
      }
      if (runOptions.baseline !== undefined) {
        it('baseline', (ctx) => {
          finished();
          return settle(baselineVerdict(baseline), ctx);
        });
      }
    });
  });
}
