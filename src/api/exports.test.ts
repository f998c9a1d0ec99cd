import { describe, expect, it } from 'vitest';
import * as api from 'lambda-conformance';
import * as vitestHelper from 'lambda-conformance/vitest';
import { runConformance } from './runConformance.ts';

// The package's `exports` map, resolved through the package's own name as a user's import would be.
describe('package exports', () => {
  it("'lambda-conformance' is the API: runConformance, listRules, exitCodeOf, errors, mutants", () => {
    expect(api.runConformance).toBe(runConformance);
    expect(Object.keys(api).sort()).toEqual([
      'CATEGORY_TITLES',
      'HarnessError',
      'InputError',
      'MUTANTS',
      'ScenarioError',
      'SpecError',
      'describeObservation',
      'exitCodeOf',
      'listRules',
      'runConformance',
      'withCoverageGate',
    ]);
    expect(api.MUTANTS.map((m) => m.name)).toContain('invoke-while-pending');
  });

  it("'lambda-conformance/vitest' is the vitest helper", () => {
    expect(Object.keys(vitestHelper).sort()).toEqual([
      'baselineVerdict',
      'describeConformance',
      'gateVerdict',
      'ruleVerdict',
    ]);
  });
});
