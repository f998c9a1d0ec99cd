import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from './didYouMean.ts';

describe('didYouMean', () => {
  it('suggests a close candidate, case-insensitively', () => {
    expect(didYouMean('Actve', ['Pending', 'Active'])).toBe("Did you mean 'Active'?");
    expect(closest('lastupdatestatus', ['state', 'lastUpdateStatus'])).toBe('lastUpdateStatus');
  });

  it('lists the candidates when none is close, and says nothing when there are none', () => {
    expect(didYouMean('zzz', ['ok', 'unspecified'])).toBe('Expected one of: ok, unspecified.');
    expect(didYouMean('zzz', [])).toBeUndefined();
  });
});
