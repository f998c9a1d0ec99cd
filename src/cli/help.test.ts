import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.testkit.ts';
import { COMMANDS } from './commands.ts';

describe('lambda-conformance --help and --version', () => {
  it('lists every command at the top level, exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS)
      expect(r.out).toMatch(new RegExp(`^  ${c.name} .*${c.summary.slice(0, 20)}`, 'm'));
    expect(r.out).toContain('Exit codes: 0 conformant, 1 divergence');
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    '%s --help prints its usage and every flag of its option table, exit 0',
    async (name, command) => {
      const r = await cli(name, '--help');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out.split('\n')[0]).toMatch(new RegExp(`^Usage: lambda-conformance ${name}\\b`));
      const { spec } = await command.load();
      for (const option of Object.values(spec.options)) {
        const left = `--${option.flag}${option.value === undefined ? '' : ` ${option.value}`}`;
        expect(r.out).toContain(`  ${left}`);
        expect(r.out).toContain(option.help);
      }
      expect(r.out).toContain('-h, --help');
      expect(await cli(name, '-h')).toEqual(r);
    },
  );

  it('prints the package version for --version', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, out: version, err: '' });
  });
});

describe('flags the parser refuses: one line naming the flag, exit 2', () => {
  it.each([
    [['run', '--runs', 'abc'], "--runs: expected a whole number, got 'abc'."],
    [['run', '--runs', '0'], "--runs: expected an integer from 1 to 1000000, got '0'."],
    [['run', '--runs=-1'], "--runs: expected a whole number, got '-1'."],
    [
      ['run', '--runs', '-1'],
      "--runs: expected a value, got '-1'; write --runs=-1 for a value that starts with '-'.",
    ],
    [['run', '--runs'], '--runs: expected a value (--runs N), got nothing.'],
    [['run', '--no-save=yes'], '--no-save: takes no value.'],
    [
      ['run', '--time-budget', 'soon'],
      "--time-budget: expected a duration such as 500ms, 30s, 10m, 1h30m or 2d, got 'soon'.",
    ],
    [['run', '--shard', '3/2'], "--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got '3/2'."],
    [
      ['run', '--min-coverage', '150'],
      "--min-coverage: expected a percentage from 0 to 100, got '150'.",
    ],
    [['run', '--recrd', 'x.jsonl'], 'run: unknown option --recrd. Did you mean --record?'],
    [
      ['run', '--frobnicate'],
      "run: unknown option --frobnicate. See 'lambda-conformance run --help' for its options.",
    ],
    [['serve', 'extra'], "serve: unexpected argument 'extra'; serve takes only options."],
    [['serve', '--port', '70000'], "--port: expected an integer from 0 to 65535, got '70000'."],
    [['mutants', '--target', 'aws'], "--target: expected memory or emulator, got 'aws'."],
    [['diff', '--runs', '2.5'], "--runs: expected a whole number, got '2.5'."],
    [['check-trace', 'x.jsonl', '--unobservable', 'ranCod'], /^--unobservable: 'ranCod' is not/],
    [['merge', '--out'], '--out: expected a value (--out DIR), got nothing.'],
    [['lint', '--fix'], /^lint: unknown option --fix\. /],
    [
      ['diagram', 'spec.yaml', '--outt', 'x'],
      'diagram: unknown option --outt. Did you mean --out?',
    ],
    [['cleanup', '--older-than', '1y'], /^--older-than: expected a duration .*, got '1y'\.$/],
    [
      ['replay', 'x.json', '--mutnt', 'a'],
      'replay: unknown option --mutnt. Did you mean --mutant?',
    ],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toBe(message);
    else expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});
