import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { MEMORY_CAPABILITIES } from '../targets/memory/MemoryTarget.ts';
import { toursOfRun } from '../runner/planTours.ts';
import { commandsArbitrary, type CommandOptions } from './buildCommands.ts';
import { doingSequence } from './doingSequence.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

/** What a sequence's commands print as, per sequence. */
function texts(arb: fc.Arbitrary<Iterable<unknown>>, seed: number, numRuns: number): string[][] {
  return fc.sample(arb, { seed, numRuns }).map((seq) => [...seq].map(String));
}

/** Whether a printed command is an API operation (not Wait, Settle or Inject). */
const isOperation = (text: string): boolean => !/^(Wait|Settle|Inject)\(/.test(text);

describe('doingSequence', () => {
  // Arrays of 0–3 numbers, where only a number above 5 "does something".
  const arrays = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 });
  const does = (n: unknown): boolean => typeof n === 'number' && n > 5;

  it('draws again a sequence that does nothing, and keeps every other exactly as drawn', () => {
    const before = fc.sample(arrays, { seed: 3, numRuns: 300 });
    const after = fc.sample(doingSequence(arrays, does), { seed: 3, numRuns: 300 });
    expect(before.some((a) => !a.some(does))).toBe(true);
    expect(after.every((a) => a.some(does))).toBe(true);
    before.forEach((a, i) => {
      if (a.some(does)) expect(after[i]).toEqual(a);
    });
  });

  it('shrinks as the sequences it wraps do', () => {
    const arb = doingSequence(arrays, does);
    const [value] = fc.sample(arb, { seed: 5, numRuns: 1 });
    const shrinks = (a: fc.Arbitrary<number[]>): number[][] =>
      [...a.shrink(value ?? [], undefined)].map((v) => v.value);
    expect(shrinks(arb)).toEqual(shrinks(arrays));
  });

  it('gives up after a bounded number of draws when nothing ever does something', () => {
    const [value] = fc.sample(
      doingSequence(arrays, () => false),
      { seed: 1, numRuns: 1 },
    );
    expect(Array.isArray(value)).toBe(true);
  });
});

describe('generated sequences', () => {
  const base: CommandOptions = {
    functions: 1,
    maxCommands: 30,
    weights: {},
    capabilities: MEMORY_CAPABILITIES,
  };

  it('each hold at least one API operation, with tours or without', () => {
    const tours = () => toursOfRun(spec, { ...base, reading: spec.defaultReading });
    for (const options of [base, { ...base, tours }, { ...base, maxCommands: 2 }]) {
      const seqs = texts(commandsArbitrary(spec, options), 20261123, 1000);
      for (const seq of seqs) expect(seq.some(isOperation), seq.join(' ')).toBe(true);
    }
  });
});
