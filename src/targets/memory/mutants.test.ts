import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANT_SCENARIOS } from './mutantScenarios.testkit.ts';
import { isMutantName, MUTANTS } from './mutants.ts';
import { fixture } from './simulation.testkit.ts';

const SHARED = '/work/shared';

function documentText(source: 'seed' | 'lambda-facts'): string | undefined {
  if (source === 'lambda-facts') {
    const file = join(SHARED, 'docs', 'lambda-facts.md');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }
  const dir = join(SHARED, 'seeds');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

describe('mutant catalogue', () => {
  it('has unique names, each recognised by isMutantName', () => {
    const names = MUTANTS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(22);
    for (const name of names) expect(isMutantName(name)).toBe(true);
    expect(isMutantName('not-a-mutant')).toBe(false);
  });

  it.each(MUTANTS.filter((m) => m.source === 'seed' || m.source === 'lambda-facts'))(
    '$name quotes its documented sentence verbatim',
    ({ breaks, source }) => {
      if (source !== 'seed' && source !== 'lambda-facts') return;
      const text = documentText(source);
      // The shared documents are not part of the repository; outside the workspace there is
      // nothing to compare with.
      if (text === undefined) return;
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
