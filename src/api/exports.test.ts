import { describe, expect, it } from 'vitest';
import * as api from 'lambda-conformance';
import * as vitestHelper from 'lambda-conformance/vitest';
import { tempDir, writeScenario } from './api.testkit.ts';
import { runConformance } from './runConformance.ts';

// The package's `exports` map, resolved through the package's own name as a user's import would be.
/** A user's test iterates the exported names: each profile and a few mutants caught by name. */
describe('iterating the exported mutant and profile names (issue 15)', () => {
  const caught = [...api.MUTANT_PROFILE_NAMES, 'invoke-while-pending', 'no-conflicts'] as const;
  it.each(caught)(
    '%s, given by its exported name, is caught on the memory target',
    async (name) => {
      const dir = await tempDir();
      const record = await api.runConformance(await writeScenario(dir), {
        mutants: [name],
        save: false,
        bail: true,
      });
      expect(record.verdict).toBe('divergence');
      expect(record.target.mutants.length).toBeGreaterThan(0);
    },
  );
});

describe('package exports', () => {
  it("'lambda-conformance' is the API: runConformance, listRules, exitCodeOf, errors, mutants", () => {
    expect(api.runConformance).toBe(runConformance);
    expect(Object.keys(api).sort()).toEqual([
      'CATEGORY_TITLES',
      'HarnessError',
      'InputError',
      'MUTANTS',
      'MUTANT_NAMES',
      'MUTANT_PROFILES',
      'MUTANT_PROFILE_NAMES',
      'ScenarioError',
      'SpecError',
      'describeObservation',
      'exitCodeOf',
      'listRules',
      'runConformance',
      'withCoverageGate',
    ]);
    expect(api.MUTANTS.map((m) => m.name)).toContain('invoke-while-pending');
    expect(api.MUTANT_NAMES).toEqual(api.MUTANTS.map((m) => m.name));
    expect(api.MUTANT_PROFILE_NAMES).toEqual(['naive']);
    for (const profile of api.MUTANT_PROFILES)
      for (const m of profile.mutants) expect(api.MUTANT_NAMES).toContain(m);
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
