import { describe, expect, it } from 'vitest';
import { LambdaApiError } from '../lambda/LambdaApi.ts';
import { BY_NAME, BY_VERSION, paginate } from './paginate.ts';

function names(count: number): { FunctionName: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    FunctionName: `f${String(i).padStart(2, '0')}`,
  }));
}

function query(max: number, marker?: string): URLSearchParams {
  const q = new URLSearchParams({ MaxItems: String(max) });
  if (marker !== undefined) q.set('Marker', marker);
  return q;
}

describe('paginate', () => {
  it('serves every item once, in key order, whatever order they are kept in', () => {
    const items = names(7).reverse();
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = paginate(items, query(3, marker), BY_NAME);
      seen.push(...page.items.map((f) => f.FunctionName));
      marker = page.nextMarker;
    } while (marker !== undefined);
    expect(seen).toEqual(names(7).map((f) => f.FunctionName));
  });

  it('keeps a marker valid when items before it are deleted and others are created', () => {
    let items = names(10);
    const first = paginate(items, query(4), BY_NAME);
    expect(first.items.map((f) => f.FunctionName)).toEqual(['f00', 'f01', 'f02', 'f03']);
    // Another client deletes three listed functions, creates one before and one after the marker.
    items = [
      ...items.filter((f) => !['f00', 'f01', 'f03'].includes(f.FunctionName)),
      { FunctionName: 'a-new' },
      { FunctionName: 'z-new' },
    ];
    const second = paginate(items, query(4, first.nextMarker), BY_NAME);
    // An index marker would have skipped f04..f06 here; the key marker continues after f03.
    expect(second.items.map((f) => f.FunctionName)).toEqual(['f04', 'f05', 'f06', 'f07']);
    const third = paginate(items, query(4, second.nextMarker), BY_NAME);
    expect(third.items.map((f) => f.FunctionName)).toEqual(['f08', 'f09', 'z-new']);
    expect(third.nextMarker).toBeUndefined();
  });

  it('continues after a marker whose own item is gone, and ends on an empty last page', () => {
    const items = names(4);
    const first = paginate(items, query(2), BY_NAME);
    const rest = paginate(items.slice(2), query(2, first.nextMarker), BY_NAME);
    expect(rest.items.map((f) => f.FunctionName)).toEqual(['f02', 'f03']);
    expect(paginate([], query(2, first.nextMarker), BY_NAME)).toEqual({ items: [] });
  });

  it('orders versions $LATEST first, then by number, not as text', () => {
    const versions = ['$LATEST', '1', '2', '10', '11'].map((Version) => ({ Version }));
    const first = paginate(versions, query(3), BY_VERSION);
    expect(first.items.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
    const second = paginate(versions, query(3, first.nextMarker), BY_VERSION);
    expect(second.items.map((v) => v.Version)).toEqual(['10', '11']);
  });

  it('refuses a marker it did not make, and an index marker of the old format', () => {
    for (const marker of ['garbage', Buffer.from('i:3').toString('base64')]) {
      expect(() => paginate(names(3), query(2, marker), BY_NAME)).toThrow(LambdaApiError);
    }
    const notAVersion = Buffer.from('k:abc').toString('base64');
    expect(() => paginate([{ Version: '1' }], query(2, notAVersion), BY_VERSION)).toThrow(
      /marker returned by a previous call/,
    );
  });
});
