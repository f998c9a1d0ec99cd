import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, formatDuration, parseDuration, readDuration } from './duration.ts';

describe('the duration grammar', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['1.5s', 1_500],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['2d', 172_800_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['0s', 0],
    [' 60s ', 60_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(readDuration(text)).toEqual({ kind: 'duration', ms });
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', ''],
    ['soon', ''],
    ['15', ' (a number needs a unit: ms, s, m, h or d)'],
    ['1.5', ' (a number needs a unit: ms, s, m, h or d)'],
    ['m', ''],
    ['-1s', ''],
    ['1y', ''],
    ['1h x', ''],
    ['1h 30m', ''],
    ['15 minutes', ''],
  ])('refuses %j, saying what it expected', (text, why) => {
    expect(readDuration(text)).toEqual({
      kind: 'refused',
      message: `expected a duration such as 500ms, 30s, 10m, 1h30m or 2d, got '${text}'${why}`,
    });
    expect(parseDuration(text)).toBeUndefined();
  });

  it('refuses a duration too long to count in milliseconds', () => {
    expect(readDuration('99999999999999999d')).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/\(too long\)$/) as unknown,
    });
  });

  it('is the pattern the spec and scenario schemas hold durations to', () => {
    const spec = JSON.parse(readFileSync('spec/spec.schema.json', 'utf8')) as {
      $defs: { duration: { pattern: string } };
    };
    const scenario = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')) as {
      properties: { timeBudget: { pattern: string } };
    };
    expect(spec.$defs.duration.pattern).toBe(DURATION_PATTERN.source);
    expect(scenario.properties.timeBudget.pattern).toBe(DURATION_PATTERN.source);
  });
});

describe('the duration formatter', () => {
  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [999.6, '1.0s'],
    [3_000, '3.0s'],
    [12_345, '12.3s'],
    [59_960, '1m'],
    [90_000, '1m30s'],
    [125_000, '2m5s'],
    [900_000, '15m'],
    [903_000, '15m3s'],
    [3_725_000, '1h2m5s'],
    [5_400_000, '1h30m'],
    [172_800_000, '2d'],
    [-1, '?'],
    [Number.NaN, '?'],
  ])('formats %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('prints what the grammar reads back: exact for whole ms below 1s, tenths below 1m, whole seconds above', () => {
    const exact = fc.oneof(
      fc.integer({ min: 0, max: 999 }),
      fc.integer({ min: 10, max: 599 }).map((t) => t * 100),
      fc.integer({ min: 60, max: 10 * 86_400 }).map((s) => s * 1_000),
    );
    fc.assert(fc.property(exact, (ms) => parseDuration(formatDuration(ms)) === ms));
  });
});
