import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What scripts/aws-regression.mjs parses its arguments into (the script is plain JavaScript). */
interface Parsed {
  readonly error?: string;
  readonly help?: boolean;
  readonly run?: readonly string[];
  readonly cleanup?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly out?: string;
  readonly dryRun?: boolean;
}

type ParseRegressionArgs = (argv: readonly string[], env?: Record<string, string>) => Parsed;

// Only the argument parsing is tested: importing the script never runs it, and nothing here may
// ever reach AWS.
async function parser(): Promise<ParseRegressionArgs> {
  const file = resolve('scripts/aws-regression.mjs');
  const mod = (await import(file)) as { parseRegressionArgs: ParseRegressionArgs };
  return mod.parseRegressionArgs;
}

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-conformance`;

describe('scripts/aws-regression.mjs argument parsing', () => {
  it('runs the regression scenario with the safety flags, then cleans up everything', async () => {
    const parse = await parser();
    const p = parse(
      ['--allow-account', ACCOUNT, '--role', ROLE, '--region', 'eu-west-1', '--out', 'x'],
      {},
    );
    expect(p.error).toBeUndefined();
    expect(p.run).toEqual([
      'run',
      'scenarios/aws-regression.yaml',
      '--allow-account',
      ACCOUNT,
      '--role',
      ROLE,
      '--out',
      resolve('x'),
      '--regressions',
      resolve('x', 'regressions'),
    ]);
    expect(p.cleanup).toEqual([
      'cleanup',
      '--older-than',
      '0s',
      '--allow-account',
      ACCOUNT,
      '--region',
      'eu-west-1',
    ]);
    expect(p.env).toMatchObject({ AWS_REGION: 'eu-west-1' });
    expect(p.dryRun).toBe(false);
  });

  it.each([
    [['--role', ROLE], /--allow-account/],
    [['--allow-account', '1234', '--role', ROLE], /12-digit/],
    [['--allow-account', ACCOUNT], /--role/],
    [['--allow-account', ACCOUNT, '--role', 'lambda-conformance'], /ARN/],
    [['--allow-account', ACCOUNT, '--role', 'arn:aws:iam::999999999999:role/x'], /another account/],
    [['--allow-account', ACCOUNT, '--role', ROLE, '--endpoint', 'x'], /endpoint/],
  ])('refuses %j', async (argv, message) => {
    const parse = await parser();
    expect(parse(argv, {}).error).toMatch(message);
  });

  it('refuses to run when an endpoint variable would send "real AWS" elsewhere', async () => {
    const parse = await parser();
    const argv = ['--allow-account', ACCOUNT, '--role', ROLE];
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_LAMBDA']) {
      expect(parse(argv, { [name]: 'http://127.0.0.1:4566' }).error).toMatch(name);
    }
  });
});
