import { describe, expect, it } from 'vitest';
import { checkOptions } from './checkOptions.ts';
import { fieldNaming, flagNaming } from './OptionNaming.ts';
import { readListText, readOptionText, writeOptionText } from './optionText.ts';
import type { OptionTable } from './OptionTable.ts';

interface Sample {
  readonly runs?: number;
  readonly coverage?: number;
  readonly budget?: number;
  readonly part?: { readonly index: number; readonly count: number };
  readonly mode?: string;
  readonly runtime?: string;
  readonly names?: readonly string[];
  readonly save?: boolean;
}

const TABLE: OptionTable<Sample> = {
  runs: { flag: 'runs', kind: 'integer', min: 1, help: 'runs' },
  coverage: {
    flag: 'min-coverage',
    kind: 'number',
    min: 0,
    max: 100,
    expected: 'a percentage from 0 to 100',
    help: 'gate',
  },
  budget: { flag: 'time-budget', kind: 'duration', help: 'budget' },
  part: { flag: 'shard', kind: 'shard', help: 'shard' },
  mode: { flag: 'mode', kind: 'text', choices: ['allow', 'refuse'], help: 'mode' },
  runtime: {
    flag: 'runtime',
    kind: 'text',
    pattern: /^nodejs\d+\.x$/,
    expected: 'a Node.js runtime such as nodejs24.x',
    help: 'runtime',
  },
  names: { flag: 'name', kind: 'list', help: 'names' },
  save: { flag: 'no-save', kind: 'boolean', negated: true, help: 'save' },
};

describe('option text', () => {
  it.each([
    ['integer', '200', 200],
    ['integer', '0', 0],
    ['number', '80.5', 80.5],
    ['duration', '1h30m', 5_400_000],
    ['duration', '2d', 172_800_000],
    ['shard', '2/4', { index: 2, count: 4 }],
    ['text', 'memory', 'memory'],
    ['path', 'reports/x', 'reports/x'],
  ] as const)('reads %s %j', (kind, text, value) => {
    expect(readOptionText(kind, text)).toEqual({ kind: 'value', value });
  });

  it.each([
    ['integer', 'abc', "expected a whole number, got 'abc'"],
    ['integer', '1.5', "expected a whole number, got '1.5'"],
    ['integer', '-1', "expected a whole number, got '-1'"],
    ['number', 'most', "expected a number, got 'most'"],
    ['duration', 'soon', "expected a duration such as 500ms, 30s, 10m, 1h30m or 2d, got 'soon'"],
    ['shard', '2of4', "expected i/n, e.g. 2/4, got '2of4'"],
  ] as const)('refuses %s %j, saying what it expected', (kind, text, message) => {
    expect(readOptionText(kind, text)).toEqual({ kind: 'refused', message });
  });

  it('splits repeated, comma-separated lists and drops blanks', () => {
    expect(readListText(['a,b', ' c ', ',', 'd,'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('writes values back as text the reader reads unchanged', () => {
    expect(writeOptionText('duration', 1_500)).toBe('1.5s');
    expect(writeOptionText('duration', 5_400_000)).toBe('1h30m');
    // The formatter rounds 1234 ms to 1.2s: the command line keeps the exact milliseconds.
    expect(writeOptionText('duration', 1_234)).toBe('1234ms');
    expect(writeOptionText('shard', { index: 2, count: 4 })).toBe('2/4');
    for (const ms of [0, 999, 1_234, 61_001, 5_400_000]) {
      expect(readOptionText('duration', writeOptionText('duration', ms))).toEqual({
        kind: 'value',
        value: ms,
      });
    }
  });
});

describe('checkOptions', () => {
  const flags = flagNaming(TABLE);
  const fields = fieldNaming('runConformance');

  it('accepts allowed values and leaves unknown keys and undefined values alone', () => {
    expect(() =>
      checkOptions(
        TABLE,
        {
          runs: 1,
          coverage: 100,
          budget: 0,
          part: { index: 4, count: 4 },
          mode: 'refuse',
          runtime: 'nodejs22.x',
          names: [],
          save: false,
          onProgress: () => undefined,
          seed: undefined,
        },
        fields,
      ),
    ).not.toThrow();
  });

  it.each([
    [
      { runs: 0 },
      "--runs: expected an integer >= 1, got '0'.",
      "option 'runs': expected an integer >= 1, got 0.",
    ],
    [
      { coverage: 101 },
      "--min-coverage: expected a percentage from 0 to 100, got '101'.",
      "option 'coverage': expected a percentage from 0 to 100, got 101.",
    ],
    [
      { part: { index: 3, count: 2 } },
      "--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got '3/2'.",
      'option \'part\': expected i/n with 1 <= i <= n (e.g. 2/4), got {"index":3,"count":2}.',
    ],
    [
      { mode: 'maybe' },
      "--mode: expected allow or refuse, got 'maybe'.",
      'option \'mode\': expected allow or refuse, got "maybe".',
    ],
    [
      { runtime: 'python3.13' },
      "--runtime: expected a Node.js runtime such as nodejs24.x, got 'python3.13'.",
      'option \'runtime\': expected a Node.js runtime such as nodejs24.x, got "python3.13".',
    ],
  ])('refuses %j once, in the words of whoever gave it', (values, flagMessage, fieldMessage) => {
    expect(() => checkOptions(TABLE, values, flags)).toThrow(
      expect.objectContaining({ code: 'BAD_FLAG', message: flagMessage }) as Error,
    );
    expect(() => checkOptions(TABLE, values, fields)).toThrow(
      expect.objectContaining({
        code: 'BAD_OPTION',
        message: `runConformance: ${fieldMessage}`,
      }) as Error,
    );
  });

  it.each([
    [{ runs: 2.5 }, 'an integer >= 1', '2.5'],
    [{ runs: Number.NaN }, 'an integer >= 1', 'null'],
    [{ budget: -1 }, 'a duration in milliseconds, an integer >= 0', '-1'],
    [{ budget: '2m' }, 'a duration in milliseconds, an integer >= 0', '"2m"'],
    [{ names: 'a' }, 'a list of strings', '"a"'],
    [{ save: 'no' }, 'true or false', '"no"'],
  ])('refuses a value of the wrong type from a program: %j', (values, expected, shown) => {
    expect(() => checkOptions(TABLE, values, fields)).toThrow(
      `runConformance: option '${Object.keys(values)[0] ?? ''}': expected ${expected}, got ${shown}.`,
    );
  });

  it('ties each table entry to its field type at compile time', () => {
    const table: OptionTable<{ readonly n?: number; readonly s?: string }> = {
      // @ts-expect-error a number cannot be read as text
      n: { flag: 'n', kind: 'text', help: 'n' },
      s: { flag: 's', kind: 'path', help: 's' },
    };
    expect(Object.keys(table)).toEqual(['n', 's']);
  });
});
