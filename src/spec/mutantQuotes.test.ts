import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../targets/memory/mutants.ts';

// The documents the spec cites, kept in the repository; the two AWS pages are the "seed" ones.
const SOURCES = join('spec', 'sources');
const SEEDS = ['lambda-function-states.txt', 'lambda-container-image-invocation.txt'];

function documentText(source: 'seed' | 'lambda-facts'): string {
  if (source === 'lambda-facts') return readFileSync(join(SOURCES, 'lambda-facts.md'), 'utf8');
  return SEEDS.map((name) => readFileSync(join(SOURCES, name), 'utf8')).join('\n');
}

describe('the mutant catalogue', () => {
  // `recording` mutants describe the recorded answers they contradict (no sentence to quote).
  it.each(MUTANTS.filter((m) => m.source === 'seed' || m.source === 'lambda-facts'))(
    '$name quotes its documented sentence verbatim',
    ({ breaks, source }) => {
      if (source !== 'seed' && source !== 'lambda-facts') throw new Error('not a document');
      const text = documentText(source);
      // The documents hard-wrap their lines; a quotation is compared with whitespace collapsed.
      const flat = (s: string): string => s.replace(/\s+/g, ' ');
      expect(flat(text)).toContain(flat(breaks));
    },
  );
});
