import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLineOf } from '../run/commandLineOf.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';
import { parseArgv } from './parseArgv.ts';
import { RUN_SPEC } from './runCommand.ts';

const word = fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/);
const path = fc.array(word, { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));

/** Valid run options, as a program could give them. */
const runOptions: fc.Arbitrary<RunOptions> = fc.record(
  {
    spec: path,
    target: fc.constantFrom('memory', 'aws'),
    endpoint: fc.constantFrom('emulator', 'http://127.0.0.1:4566'),
    mutants: fc.array(word, { maxLength: 3 }),
    reading: word,
    runs: fc.integer({ min: 1, max: 1_000_000 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    maxCommands: fc.integer({ min: 1, max: 500 }),
    timeBudget: fc.integer({ min: 0, max: 10 * 86_400_000 }),
    concurrency: fc.integer({ min: 1, max: 64 }),
    shard: fc
      .integer({ min: 1, max: 16 })
      .chain((count) =>
        fc.record({ index: fc.integer({ min: 1, max: count }), count: fc.constant(count) }),
      ),
    out: path,
    reporters: fc.subarray(['console', 'json', 'junit', 'markdown']),
    minCoverage: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
    regressions: path,
    save: fc.boolean(),
    record: path,
    maskAccount: fc.boolean(),
    baseline: path,
    writeBaseline: path,
    allowAccounts: fc.array(fc.stringMatching(/^\d{12}$/), { maxLength: 2 }),
    role: fc.constant('arn:aws:iam::123456789012:role/lc'),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    events: path,
    runtime: fc.integer({ min: 18, max: 30 }).map((n) => `nodejs${String(n)}.x`),
  },
  { requiredKeys: [] },
);

/** What a command line cannot tell apart from leaving an option out: defaults and empty lists. */
function normalised(options: RunOptions): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options).filter(
      ([key, value]) =>
        value !== undefined &&
        !(Array.isArray(value) && value.length === 0) &&
        !(key === 'save' && value === true) &&
        !(key === 'maskAccount' && value === false),
    ),
  );
}

describe('the run option table', () => {
  it("drives both ways: the API's command line, read by run's parser, gives back the options", () => {
    fc.assert(
      fc.property(runOptions, (options) => {
        const words = commandLineOf('s.yaml', options).split(' ');
        expect(words.slice(0, 4)).toEqual(['npx', 'lambda-conformance', 'run', 's.yaml']);
        const parsed = parseArgv('run', RUN_SPEC, words.slice(4));
        expect(parsed.positionals).toEqual([]);
        expect(normalised(parsed.values)).toEqual(normalised(options));
      }),
    );
  });

  it('writes the flags with a value first, then the repeatable ones, then the switches', () => {
    expect(
      commandLineOf('scenarios/default.yaml', {
        save: false,
        mutants: ['invoke-while-pending', 'tag-while-updating'],
        timeBudget: 1_500,
        runs: 300,
        shard: { index: 2, count: 4 },
        maskAccount: true,
      }),
    ).toBe(
      'npx lambda-conformance run scenarios/default.yaml --runs 300 --time-budget 1.5s --shard 2/4 ' +
        '--mutant invoke-while-pending --mutant tag-while-updating --no-save --mask-account',
    );
  });
});

describe('one duration grammar on every surface', () => {
  it('accepts 1h30m and 2d as --time-budget and as a scenario timeBudget', async () => {
    const dir = await tempDir();
    for (const budget of ['1h30m', '2d']) {
      const flag = await cli(
        'run',
        '--runs',
        '2',
        '--time-budget',
        budget,
        '--no-save',
        '--reporter',
        'json',
        '--out',
        dir,
      );
      expect([flag.code, flag.err]).toEqual([0, '']);
      expect((await readRecord(dir)).stoppedBy).toBe('completed');
      const scenario = join(dir, `budget-${budget}.yaml`);
      await writeFile(
        scenario,
        `name: b\nspec: ${JSON.stringify(join(process.cwd(), 'spec/lambda-lifecycle.yaml'))}\ntarget: { name: memory }\nruns: 2\ntimeBudget: ${budget}\n`,
      );
      const file = await cli('run', scenario, '--no-save', '--reporter', 'json', '--out', dir);
      expect([file.code, file.err]).toEqual([0, '']);
    }
  });
});
