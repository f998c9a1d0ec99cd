import { describe, expect, it } from 'vitest';
import { compareNames } from './compareNames.ts';

const sign = (x: number): number => Math.sign(x);

describe('compareNames', () => {
  it('orders plain names exactly as localeCompare does (case, `_`, `-`, digits, prefixes)', () => {
    const names = [
      'update-completes',
      'update-fails',
      'update',
      'update_x',
      'Update',
      'updateA',
      'updatea',
      'revisionId',
      'RevisionId',
      'packageType',
      'code',
      'config',
      'a1',
      'a10',
      'a-1',
      'a_1',
      'A',
      'a',
      '',
      'zz',
      'Z',
    ];
    for (const a of names) {
      for (const b of names) {
        expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(a.localeCompare(b)));
      }
    }
  });

  it('leaves other strings to localeCompare', () => {
    for (const [a, b] of [
      ['é', 'f'],
      ['a.b', 'a-b'],
      ['x y', 'x-y'],
    ] as const) {
      expect(compareNames(a, b)).toBe(a.localeCompare(b));
    }
  });
});
