import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../errors/HarnessError.ts';
import { checkScenarioNames } from './checkScenarioNames.ts';
import { parseScenario } from './parseScenario.ts';
import { positionOf } from './spec.testkit.ts';

const TEXT = `name: s
spec: spec.yaml
reading: seeed
target:
  name: memory
  mutants: [invoke-while-pending, stuck-updat]
reporters: [json, junti]
`;
const scenario = parseScenario(TEXT, 's.yaml');
const KNOWN = {
  readings: ['seed', 'current'],
  mutants: ['invoke-while-pending', 'stuck-update'],
  reporters: ['console', 'json', 'junit', 'markdown'],
};

function failure(known: Parameters<typeof checkScenarioNames>[1]): ScenarioError {
  try {
    checkScenarioNames(scenario, known);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('checkScenarioNames', () => {
  it('locates an unknown reading, mutant and reporter in the scenario file, as scenario keys', () => {
    const error = failure(KNOWN);
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.issues).toEqual([
      {
        code: 'unknown-reading',
        file: scenario.file,
        ...positionOf(TEXT, 'seeed'),
        message: "scenario 'reading': the spec has no reading 'seeed'.",
        hint: "Did you mean 'seed'?",
      },
      {
        code: 'bad-value',
        file: scenario.file,
        ...positionOf(TEXT, 'stuck-updat'),
        message: "scenario 'target.mutants': unknown mutant 'stuck-updat'.",
        hint: "Did you mean 'stuck-update'? Run 'lambda-conformance mutants --list' for the catalogue.",
      },
      {
        code: 'bad-value',
        file: scenario.file,
        ...positionOf(TEXT, 'junti'),
        message: "scenario 'reporters': unknown reporter 'junti'.",
        hint: "Did you mean 'junit'?",
      },
    ]);
    expect(error.message).not.toMatch(/--reading|--mutant|--reporter/);
  });

  it('checks only the names it is given (a flag replaces the scenario value)', () => {
    expect(() => checkScenarioNames(scenario, {})).not.toThrow();
    expect(failure({ readings: KNOWN.readings }).issues.map((i) => i.code)).toEqual([
      'unknown-reading',
    ]);
    expect(failure({ mutants: KNOWN.mutants }).issues.map((i) => i.message)).toEqual([
      "scenario 'target.mutants': unknown mutant 'stuck-updat'.",
    ]);
  });

  it('accepts known names', () => {
    const good = parseScenario(
      TEXT.replace('seeed', 'seed').replace('updat]', 'update]').replace('junti', 'junit'),
      's.yaml',
    );
    expect(() => checkScenarioNames(good, KNOWN)).not.toThrow();
  });
});
