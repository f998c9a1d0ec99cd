/**
 * lambda-conformance inside your own vitest run (`import … from 'lambda-conformance/vitest'`): one
 * vitest test per documented Lambda lifecycle rule, so vitest's reporters (and CI dashboards fed by
 * them) list the rules as passed, failed or skipped.
 *
 * ```ts
 * // lambda.conformance.test.ts
 * import { describeConformance } from 'lambda-conformance/vitest';
 * describeConformance('scenarios/emulator.yaml', { runs: 50, save: false });
 * ```
 *
 * @packageDocumentation
 */

export { describeConformance, type DescribeConformanceOptions } from './describeConformance.ts';
export { baselineVerdict, gateVerdict, ruleVerdict, type RuleVerdict } from './ruleVerdict.ts';
