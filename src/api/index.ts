/**
 * The programmatic API of lambda-conformance (`import … from 'lambda-conformance'`): run a
 * conformance suite from a scenario file and get the run record back, without the CLI. Plain
 * JavaScript with type declarations: import it from Node, TypeScript (`NodeNext`) or vitest.
 *
 * ```ts
 * import { runConformance, exitCodeOf } from 'lambda-conformance';
 * const record = await runConformance('scenarios/default.yaml', { runs: 200, save: false });
 * if (exitCodeOf(record) !== 0) console.log(record.divergences[0]?.replayCommand);
 * ```
 *
 * For one vitest test per spec rule, see `lambda-conformance/vitest`.
 *
 * @packageDocumentation
 */

export { runConformance } from './runConformance.ts';
export type { BaselineReport, ConformanceOptions } from './ConformanceOptions.ts';
export type { BaselineEntry } from '../runner/RunRecord.ts';
export type { ScenarioPath } from './ScenarioPath.ts';
export { listRules, type RuleEntry } from './listRules.ts';

export type { RunOptions, Shard } from '../run/RunOptions.ts';
/** The CLI's exit code for a record: 0 conformant, 1 divergence or failed coverage gate, 3 inconclusive. */
export { exitCodeOf } from '../run/exitCodeOf.ts';
export { withCoverageGate } from '../runner/RunRecord.ts';
export type {
  CoverageGate,
  Divergence,
  RegressionResult,
  RuleCoverage,
  RunRecord,
  RunVerdict,
  StopReason,
  TraceEntry,
} from '../runner/RunRecord.ts';
export type { ProgressListener } from '../runner/runConformance.ts';
export type { DivergenceCategory, Expectation } from '../monitor/Verdict.ts';
export { CATEGORY_TITLES, describeObservation } from '../monitor/Verdict.ts';
export type { Observation } from '../lambda/Observation.ts';
export type { Citation } from '../spec/Spec.ts';
export {
  MUTANTS,
  MUTANT_NAMES,
  type MutantInfo,
  type MutantName,
} from '../targets/memory/mutants.ts';
export {
  MUTANT_PROFILES,
  MUTANT_PROFILE_NAMES,
  type MutantProfile,
  type MutantProfileName,
} from '../targets/memory/mutantProfiles.ts';
export {
  HarnessError,
  InputError,
  ScenarioError,
  SpecError,
  type Issue,
} from '../errors/HarnessError.ts';
