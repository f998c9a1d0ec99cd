import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANT_SCENARIOS } from './mutantScenarios.testkit.ts';
import { isMutantName, MUTANTS } from './mutants.ts';
import { fixture } from './simulation.testkit.ts';

// The documents the spec cites, kept in the repository; the two AWS pages are the "seed" ones.
const SOURCES = 'spec/sources';
const SEEDS = ['lambda-function-states.txt', 'lambda-container-image-invocation.txt'];

function documentText(source: 'seed' | 'lambda-facts'): string {
  if (source === 'lambda-facts') return readFileSync(join(SOURCES, 'lambda-facts.md'), 'utf8');
  return SEEDS.map((name) => readFileSync(join(SOURCES, name), 'utf8')).join('\n');
}

describe('mutant catalogue', () => {
  it('has unique names, each recognised by isMutantName', () => {
    const names = MUTANTS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(22);
    for (const name of names) expect(isMutantName(name)).toBe(true);
    expect(isMutantName('not-a-mutant')).toBe(false);
  });

  it.each(MUTANTS.filter((m) => m.source !== 'model'))(
    '$name quotes its documented sentence verbatim',
    ({ breaks, source }) => {
      const text = documentText(source);
      // The documents hard-wrap their lines; a quotation is compared with whitespace collapsed.
      const flat = (s: string): string => s.replace(/\s+/g, ' ');
      expect(flat(text)).toContain(flat(breaks));
    },
  );
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
