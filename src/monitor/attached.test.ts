import { describe, expect, it } from 'vitest';
import { attached, slot } from './attached.ts';

describe('attached', () => {
  it('computes once per object and keeps the value out of sight', () => {
    const where = slot<{ n: number }>('test');
    const owner = { a: 1, b: 'x' };
    let made = 0;
    const first = attached(owner, where, () => ({ n: ++made }));
    expect(attached(owner, where, () => ({ n: ++made }))).toBe(first);
    expect(made).toBe(1);
    // Listing, spreading, serializing, cloning and comparing do not see it.
    expect(Object.keys(owner)).toEqual(['a', 'b']);
    expect({ ...owner }).toStrictEqual({ a: 1, b: 'x' });
    expect(JSON.stringify(owner)).toBe('{"a":1,"b":"x"}');
    expect(structuredClone(owner)).toStrictEqual({ a: 1, b: 'x' });
    // A copy is another object: its own value.
    expect(attached({ ...owner }, where, () => ({ n: ++made }))).not.toBe(first);
  });

  it('keeps the value of an object that cannot take a property (frozen) aside', () => {
    const where = slot<string>('test');
    const frozen = Object.freeze({ a: 1 });
    let made = 0;
    expect(attached(frozen, where, () => `v${++made}`)).toBe('v1');
    expect(attached(frozen, where, () => `v${++made}`)).toBe('v1');
    expect(Object.getOwnPropertySymbols(frozen)).toEqual([]);
  });
});
