import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RevisionNumbers } from './RevisionNumbers.ts';

type Step = { readonly kind: 'deploy'; readonly identity: string } | { readonly kind: 'publish' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc
      .constantFrom('a', 'b', 'c', 'd', 'e')
      .map((identity) => ({ kind: 'deploy' as const, identity })),
    weight: 3,
  },
  { arbitrary: fc.constant({ kind: 'publish' as const }), weight: 1 },
);

describe('RevisionNumbers', () => {
  it('keeps a revision equal to the deployed and the published one exactly when the recording does', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 40 }),
        fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
        (steps, probe) => {
          const numbers = new RevisionNumbers(1, 3);
          let deployed: string | undefined;
          let published: string | undefined;
          for (const s of steps) {
            if (s.kind === 'publish') {
              numbers.publish();
              published = deployed;
              continue;
            }
            const { identity, number } = numbers.assign(s.identity);
            expect(number).toBeGreaterThanOrEqual(1);
            expect(number).toBeLessThanOrEqual(3);
            numbers.deploy(identity);
            deployed = s.identity;
          }
          if (deployed === undefined) return;
          const deployedNumber = numbers.deployed;
          const publishedNumber =
            published === undefined ? undefined : numbers.assign(published).number;
          // Asked about any revision, the numbers compare as the identities do.
          const probed = numbers.assign(probe).number;
          expect(probed === deployedNumber).toBe(probe === deployed);
          if (published !== undefined) {
            expect(probed === publishedNumber).toBe(probe === published);
            expect(deployedNumber === publishedNumber).toBe(deployed === published);
          }
        },
      ),
    );
  });

  it('gives a revision it cannot identify a number of its own', () => {
    const numbers = new RevisionNumbers(1, 3);
    const first = numbers.assign(undefined);
    numbers.deploy(first.identity);
    numbers.publish();
    const second = numbers.assign(undefined);
    expect(second.number).not.toBe(first.number);
  });

  it('needs at least three numbers', () => {
    expect(() => new RevisionNumbers(1, 2)).toThrow(/at least three/);
  });
});
