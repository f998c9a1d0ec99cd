import { describe, expect, it } from 'vitest';
import { internValues } from './AbstractState.ts';
import { RecordTable } from './RecordTable.ts';

describe('RecordTable', () => {
  it('finds an entry by any record equal to the one it was set with', () => {
    const table = new RecordTable<string>();
    const a = internValues({ state: 'Active', versions: 1 });
    const b = internValues({ state: 'Active', versions: 2 });
    table.set(a, 'a');
    expect(table.get({ state: 'Active', versions: 1 })).toBe('a');
    expect(table.get(b)).toBeUndefined();
    table.set(b, 'b');
    expect(table.get(a)).toBe('a');
    expect(table.get({ versions: 2, state: 'Active' })).toBeUndefined();
    expect(table.get({ state: 'Active', versions: 2 })).toBe('b');
    table.clear();
    expect(table.get(a)).toBeUndefined();
    expect(table.get(b)).toBeUndefined();
  });
});
