import { describe, expect, it } from 'vitest';
import { MUTANT_SCENARIOS } from './mutantScenarios.testkit.ts';
import { isMutantName, MUTANTS } from './mutants.ts';
import { fixture } from './simulation.testkit.ts';

describe('mutant catalogue', () => {
  it('has unique names, each recognised by isMutantName', () => {
    const names = MUTANTS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(22);
    for (const name of names) expect(isMutantName(name)).toBe(true);
    expect(isMutantName('not-a-mutant')).toBe(false);
  });
  // That each quotes its document verbatim is checked next to the documents (spec/sources):
  // src/spec/mutantQuotes.test.ts, as nothing here may name the spec folder.
});

describe.each(MUTANTS)('mutant $name', ({ name, breaks }) => {
  it(`changes exactly the documented behaviour it breaks: "${breaks}"`, () => {
    const scenario = MUTANT_SCENARIOS[name];
    const faithful = scenario.run(fixture());
    const mutated = scenario.run(fixture({ mutants: [name] }));
    expect(faithful).toMatchObject(scenario.faithful);
    expect(mutated).toMatchObject(scenario.mutated);
    expect(mutated).not.toEqual(faithful);
  });
});
