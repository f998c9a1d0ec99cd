#!/usr/bin/env node
// The real-AWS regression run: scenarios/aws-regression.yaml against an AWS account set aside for
// it, then a clean-up of everything the run may have left behind, then where the reports are.
//
//   node scripts/aws-regression.mjs --allow-account 123456789012 \
//     --role arn:aws:iam::123456789012:role/lambda-conformance [--region eu-west-1] [--profile P]
//
// Credentials come from the default chain (AWS_PROFILE, environment, SSO, ...). This script creates
// and deletes Lambda functions in that account: it is never run by the test suite or CI. Plain .mjs
// because `zx script.ts` fails on Node 20.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { $ } from 'zx';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const SCENARIO = 'scenarios/aws-regression.yaml';
const USAGE = `usage: node scripts/aws-regression.mjs --allow-account ID --role ARN [--region R] [--profile P]
                                         [--out DIR] [--dry-run]

Runs ${SCENARIO} against real AWS Lambda in account ID (functions use execution role ARN),
then deletes every function a conformance run left there (cleanup --older-than 0s).
--dry-run prints the two commands instead of running them.`;

/** Environment variables that would send the "real AWS" run to some other endpoint. */
const REDIRECTS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_LAMBDA'];

/**
 * Parses the script's arguments (and checks the environment) into what it runs with, or returns
 * `{ error }` with a one-line message. Pure: exported so its parsing can be tested without AWS.
 */
export function parseRegressionArgs(argv, env = {}) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'allow-account': { type: 'string' },
        role: { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { help: true };
  const account = values['allow-account'];
  if (account === undefined || !/^\d{12}$/.test(account)) {
    return { error: '--allow-account: give the 12-digit id of the AWS account to run in' };
  }
  const role = values.role;
  if (role === undefined || !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(role)) {
    return {
      error: '--role: give the ARN of an IAM role Lambda can assume (arn:aws:iam::ID:role/NAME)',
    };
  }
  if (role.split(':')[4] !== account) {
    return { error: `--role: ${role} belongs to another account than --allow-account ${account}` };
  }
  const redirect = REDIRECTS.find((name) => env[name] !== undefined && env[name] !== '');
  if (redirect !== undefined) {
    return { error: `${redirect} is set: unset it, this script runs against real AWS only` };
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = resolve(values.out ?? join(ROOT, 'reports', `aws-regression-${stamp}`));
  const region = values.region;
  const profile = values.profile;
  return {
    run: [
      'run',
      SCENARIO,
      '--allow-account',
      account,
      '--role',
      role,
      '--out',
      out,
      '--regressions',
      join(out, 'regressions'),
    ],
    cleanup: [
      'cleanup',
      '--older-than',
      '0s',
      '--allow-account',
      account,
      ...(region !== undefined ? ['--region', region] : []),
      ...(profile !== undefined ? ['--profile', profile] : []),
    ],
    env: {
      ...(region !== undefined ? { AWS_REGION: region } : {}),
      ...(profile !== undefined ? { AWS_PROFILE: profile } : {}),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    out,
    dryRun: values['dry-run'] === true,
  };
}

async function main() {
  const parsed = parseRegressionArgs(process.argv.slice(2), process.env);
  if (parsed.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (parsed.error !== undefined) {
    console.error(`aws-regression: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const cli = join(ROOT, 'bin', 'lambda-conformance.mjs');
  if (parsed.dryRun) {
    const env = Object.entries(parsed.env).map(([k, v]) => `${k}=${v}`);
    for (const args of [parsed.run, parsed.cleanup])
      console.log([...env, 'node', cli, ...args].join(' '));
    return 0;
  }
  const sh = $({
    cwd: ROOT,
    env: { ...process.env, ...parsed.env },
    stdio: 'inherit',
    nothrow: true,
  });
  console.log(`aws-regression: running ${SCENARIO} …`);
  const run = await sh`node ${cli} ${parsed.run}`;
  // Clean up whatever happened: a failed, interrupted or budget-stopped run may leave functions.
  console.log('aws-regression: deleting functions conformance runs left behind …');
  const cleanup = await sh`node ${cli} ${parsed.cleanup}`;
  console.log(`aws-regression: reports in ${parsed.out} (run.json, junit.xml, summary.md)`);
  const runCode = run.exitCode ?? 2;
  if (cleanup.exitCode !== 0) {
    console.error(
      `aws-regression: cleanup exited ${String(cleanup.exitCode)}; check the account for functions named lc-*`,
    );
    return runCode === 0 ? 2 : runCode;
  }
  return runCode;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
