import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from './didYouMean.ts';
import { formatDuration, parseDuration } from '../spec/duration.ts';

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

describe('durations', () => {
  it('parses ms, s, m, h and combinations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5s')).toBe(1500);
  });

  it('rejects anything else', () => {
    for (const text of ['', '15', 'm', '15 minutes', '-1s', '1d'])
      expect(parseDuration(text)).toBeUndefined();
  });

  it('formats back to the largest whole unit', () => {
    expect([900_000, 10_000, 500, 7_200_000, 90_000].map(formatDuration)).toEqual([
      '15m',
      '10s',
      '500ms',
      '2h',
      '90s',
    ]);
  });
});
