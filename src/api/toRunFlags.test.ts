import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toRunFlags } from './toRunFlags.ts';

describe('toRunFlags', () => {
  it('maps every option onto the flag of the same name, with the equivalent command line', () => {
    const { flags, commandLine, minCoverage } = toRunFlags('scenarios/default.yaml', {
      target: 'aws',
      endpoint: 'emulator',
      mutants: ['invoke-while-pending', 'tag-while-updating'],
      runs: 50,
      seed: 0,
      maxCommands: 12,
      reading: 'current',
      out: 'reports/api',
      timeBudget: 1500,
      shard: { index: 2, count: 4 },
      allowAccounts: ['123456789012'],
      regressions: 'regressions',
      save: false,
      record: 'trace.jsonl',
      maskAccount: true,
      concurrency: 4,
      minCoverage: 80,
    });
    expect(flags).toEqual({
      scenario: 'scenarios/default.yaml',
      target: 'aws',
      endpoint: 'emulator',
      mutants: ['invoke-while-pending', 'tag-while-updating'],
      runs: '50',
      seed: '0',
      maxCommands: '12',
      reading: 'current',
      out: 'reports/api',
      timeBudget: '1500ms',
      shard: '2/4',
      allowAccounts: ['123456789012'],
      regressions: 'regressions',
      save: false,
      record: 'trace.jsonl',
      maskAccount: true,
      concurrency: '4',
    });
    expect(minCoverage).toBe(80);
    expect(commandLine).toBe(
      'npx lambda-conformance run scenarios/default.yaml --target aws --endpoint emulator ' +
        '--runs 50 --seed 0 --max-commands 12 --out reports/api --reading current ' +
        '--time-budget 1500ms --shard 2/4 --regressions regressions --record trace.jsonl ' +
        '--concurrency 4 --mutant invoke-while-pending --mutant tag-while-updating ' +
        '--allow-account 123456789012 --no-save --mask-account --min-coverage 80',
    );
  });

  it('leaves out what is not given, saving by default as the CLI does', () => {
    const { flags, commandLine, minCoverage } = toRunFlags('s.yaml', {});
    expect(flags).toEqual({
      scenario: 's.yaml',
      mutants: [],
      allowAccounts: [],
      save: true,
      maskAccount: false,
    });
    expect(commandLine).toBe('npx lambda-conformance run s.yaml');
    expect(minCoverage).toBeUndefined();
  });

  it('takes a file: URL as the scenario and a duration string as the budget', () => {
    const url = pathToFileURL('/tmp/my scenario.yaml');
    const { flags } = toRunFlags(url, { timeBudget: '2m' });
    expect(flags.scenario).toBe('/tmp/my scenario.yaml');
    expect(flags.timeBudget).toBe('2m');
  });

  it.each([
    [{ runs: 0 }, "option 'runs': expected an integer >= 1, got 0."],
    [{ maxCommands: 2.5 }, "option 'maxCommands': expected an integer >= 1, got 2.5."],
    [{ seed: -1 }, "option 'seed': expected an integer >= 0, got -1."],
    [{ concurrency: Number.NaN }, "option 'concurrency': expected an integer >= 1, got null."],
    [{ minCoverage: -5 }, "option 'minCoverage': expected a percentage from 0 to 100, got -5."],
    [{ timeBudget: 1.5 }, "option 'timeBudget': expected a duration like '60s'"],
    [{ timeBudget: 'soon' }, "option 'timeBudget': expected a duration like '60s'"],
    [{ shard: '3/2' }, "option 'shard': expected index/count with 1 <= index <= count"],
    [{ shard: { index: 0, count: 4 } }, "option 'shard': expected index/count"],
  ])('rejects %o, naming the option', (options, message) => {
    expect(() => toRunFlags('s.yaml', options)).toThrow(`runConformance: ${message}`);
  });
});
