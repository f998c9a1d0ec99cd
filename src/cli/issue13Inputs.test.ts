import { OPERATION_NAMES } from '../lambda/catalogue.ts';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli.testkit.ts';

/*
 * Issue 13, "What was seen": each bullet and the test that reproduces it.
 *
 * Faults reported as divergences
 * - 502/503 with an HTML body, 2xx truncated or non-JSON, ThrottlingException under 400:
 *   src/targets/aws/faultRuns.test.ts (a run per fault kind), src/targets/aws/faults.test.ts.
 * - a CreateFunction whose 201 body was unreadable left the function behind:
 *   faults.test.ts "a CreateFunction answered with %s … close() sweeps the function".
 * Reports lost
 * - the time budget ends before a lane's first sequence (`--time-budget 1ms`): runEnds.test.ts, and
 *   the `--time-budget 1ms` row below (0 operations: inconclusive, exit 3).
 * - a DeleteFunction that times out or fails once is not retried: faults.test.ts "a DeleteFunction
 *   that fails (%s, %d times) at close is retried", runEnds.test.ts.
 * - the emulator dying mid-run (also with Inject events pending): src/cli/endpointGone.test.ts.
 * - the printed `cleanup` advice deletes nothing: runEnds.test.ts and faults.test.ts run the printed
 *   `cleanup --endpoint URL --run ID`; src/cli/interrupt.test.ts runs the one a second Ctrl-C prints.
 * Signals
 * - SIGINT/SIGTERM on the memory target only at the end: src/cli/signals.test.ts.
 * - Ctrl-C against an unresponsive endpoint takes 30 s; a second Ctrl-C is ignored:
 *   src/cli/interrupt.test.ts.
 * - a SIGINT on an in-flight CreateFunction applied late leaked it: src/cli/interrupt.test.ts
 *   "a CreateFunction cut off by SIGINT and applied by the endpoint afterwards…".
 * Outputs (--out, --record, --write-baseline, --regressions; --out /proc/x hangs): src/cli/outputs.test.ts.
 * Unbounded inputs
 * - `--max-commands 99999999`, huge runs and budgets, `--runs -1`, echoed values: rows below.
 * - the time budget does not stop a long sequence: src/runner/budgetInFlight.test.ts (memory),
 *   src/cli/budget.test.ts (aws).
 * - a 400 KB spec of aliases: src/spec/parseYaml.test.ts; a 5 MB text file as spec, invisible
 *   characters in keys: src/spec/echoedInput.test.ts and rows below.
 * Validation gaps (weights, templates and endpoints, keys named as flags, 0 operations): rows below,
 *   src/spec/loadScenario.test.ts, src/cli/run.test.ts "names a bad scenario value as the scenario key".
 * Other commands: check-trace unknown names src/cli/checkTraceStrict.test.ts; diff unreachable
 *   src/cli/deadEndpoint.test.ts; merge duplicates and gaps src/cli/shard.test.ts; replay is another
 *   change's.
 * The emulator at concurrency 256: src/emulator/concurrency.test.ts.
 */

const SPEC = resolve('spec/lambda-lifecycle.yaml');
const HUGE = 'x'.repeat(3000);

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});

/** Writes a scenario whose lines follow `name` and `spec`; returns its path. */
async function scenario(name: string, lines: readonly string[]): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, [`name: ${name}`, `spec: ${SPEC}`, ...lines, ''].join('\n'));
  return file;
}

interface Row {
  readonly input: string;
  readonly args: () => Promise<readonly string[]>;
  readonly code: number;
  /** What standard error says, whole (one line). */
  readonly says: RegExp;
}

const QUICK = ['--runs', '1', '--no-save', '--reporter', 'json'];
/** A message located in the scenario `name` (in the test's temporary directory). */
const located = (name: string, line: number, column: number, rest: string): RegExp =>
  new RegExp(`^/.*/${name}\\.yaml:${line}:${column}: ${rest}$`);

const ROWS: readonly Row[] = [
  {
    input: '--max-commands 99999999 (was a V8 out-of-memory crash)',
    args: () => Promise.resolve(['run', '--max-commands', '99999999', ...QUICK]),
    code: 2,
    says: /^--max-commands: expected an integer from 1 to 10000, got '99999999'\.$/,
  },
  {
    input: '--runs 99999999',
    args: () => Promise.resolve(['run', '--runs', '99999999', '--no-save']),
    code: 2,
    says: /^--runs: expected an integer from 1 to 1000000, got '99999999'\.$/,
  },
  {
    input: '--concurrency 100000',
    args: () => Promise.resolve(['run', '--concurrency', '100000', ...QUICK]),
    code: 2,
    says: /^--concurrency: expected an integer from 1 to 256, got '100000'\.$/,
  },
  {
    input: '--time-budget 999999d (a timer past 24 days fires at once)',
    args: () => Promise.resolve(['run', '--time-budget', '999999d', ...QUICK]),
    code: 2,
    says: /^--time-budget: expected a duration of at most 24d, got '999999d'\.$/,
  },
  {
    input: "--runs -1 (Node's three-line message)",
    args: () => Promise.resolve(['run', '--runs', '-1']),
    code: 2,
    says: /^--runs: expected a value, got '-1'; write --runs=-1 for a value that starts with '-'\.$/,
  },
  {
    input: '--runs with no value',
    args: () => Promise.resolve(['run', '--no-save', '--runs']),
    code: 2,
    says: /^--runs: expected a value \(--runs N\), got nothing\.$/,
  },
  {
    input: 'an invisible character in a flag',
    args: () => Promise.resolve(['run', '--run\u200Bs', '1']),
    code: 2,
    says: /^run: unknown option --run\\u200Bs\. Did you mean --runs\?$/,
  },
  {
    input: 'an invisible character in a value',
    args: () => Promise.resolve(['run', '--runs', '1\u200B']),
    code: 2,
    says: /^--runs: expected a whole number, got '1\\u200B'\.$/,
  },
  {
    input: 'a 3,000-character target name',
    args: () => Promise.resolve(['run', '--target', HUGE, ...QUICK]),
    code: 2,
    says: /^--target: unknown target 'x{60}… \(3000 characters\)'\. Expected one of: memory, aws\.$/,
  },
  {
    input: 'a 3,000-character command',
    args: () => Promise.resolve([HUGE]),
    code: 2,
    says: /^lambda-conformance: unknown command 'x{60}… \(3000 characters\)'\. Commands: .*\.$/,
  },
  {
    input: '--endpoint on a memory run (was silently ignored)',
    args: () => Promise.resolve(['run', '--endpoint', 'http://127.0.0.1:1', ...QUICK]),
    code: 2,
    says: /^--endpoint: only the aws target uses it, and this run's target is memory; add --target aws, or leave it out\.$/,
  },
  {
    input: 'weights: { Invok: 50 } (was exit 0)',
    args: async () => [
      'run',
      await scenario('invok', ['target: { name: memory }', 'weights: { Invok: 50 }']),
      ...QUICK,
    ],
    code: 2,
    says: located('invok', 4, 12, "weights: unknown command 'Invok'\\. Did you mean 'Invoke'\\?"),
  },
  {
    input: 'every weight 0 (was an internal error)',
    args: async () => [
      'run',
      await scenario('zero', [
        'target: { name: memory }',
        `weights: { ${[...OPERATION_NAMES, 'Wait', 'Settle', 'Inject']
          .map((n) => `${n}: 0`)
          .join(', ')} }`,
      ]),
      ...QUICK,
    ],
    code: 2,
    says: located(
      'zero',
      4,
      10,
      'weights: every command has weight 0, so no sequence can be generated\\. .*',
    ),
  },
  {
    input: 'scenario maxCommands 99999999',
    args: async () => [
      'run',
      await scenario('maxc', ['target: { name: memory }', 'maxCommands: 99999999']),
      '--no-save',
    ],
    code: 2,
    says: located(
      'maxc',
      4,
      14,
      "scenario: 'maxCommands' must be an integer from 1 to 10000, found the number 99999999\\.",
    ),
  },
  {
    input: 'scenario timeBudget 999999d',
    args: async () => [
      'run',
      await scenario('budget', ['target: { name: memory }', 'timeBudget: 999999d']),
      '--no-save',
    ],
    code: 2,
    says: located(
      'budget',
      4,
      13,
      "scenario: 'timeBudget' 999999d is longer than 24d, the longest a run can wait\\.",
    ),
  },
  {
    input: 'an endpoint under a memory target (was silently ignored)',
    args: async () => [
      'run',
      await scenario('memEndpoint', [
        'target:',
        '  name: memory',
        '  endpoint: http://127.0.0.1:1',
      ]),
      '--no-save',
    ],
    code: 2,
    says: located(
      'memEndpoint',
      5,
      3,
      "target: 'endpoint' applies only to the aws target, and this target is memory\\. Remove it, or set name: aws\\.",
    ),
  },
  {
    input: "scenario mutants for a real endpoint (was named as '--mutant or …', unlocated)",
    args: async () => [
      'run',
      await scenario('awsMutants', [
        'target:',
        '  name: aws',
        '  endpoint: http://127.0.0.1:1',
        '  mutants: [create-says-active]',
      ]),
      '--no-save',
    ],
    code: 2,
    says: located(
      'awsMutants',
      6,
      3,
      "target: 'mutants' applies only to the built-in simulation, .*",
    ),
  },
  {
    input: "a scenario's unknown reporter, even with --reporter given",
    args: async () => [
      'run',
      await scenario('reporter', ['target: { name: memory }', 'reporters: [jsn]']),
      ...QUICK,
    ],
    code: 2,
    says: located(
      'reporter',
      4,
      13,
      "scenario 'reporters': unknown reporter 'jsn'\\. Did you mean 'json'\\?",
    ),
  },
  {
    input: 'an event template that is not a URL (was checked only when used)',
    args: async () => [
      'run',
      await scenario('event', [
        'target:',
        '  name: aws',
        '  endpoint: emulator',
        '  events:',
        "    idle-reclaim: { method: POST, url: '/control/{functionName}' }",
      ]),
      '--no-save',
    ],
    code: 2,
    says: located(
      'event',
      7,
      40,
      "target event 'idle-reclaim': 'url' is not an absolute http:// or https:// URL: .*",
    ),
  },
  {
    input: '--time-budget 1ms: 0 operations checked (was CONFORMANT, exit 0)',
    args: () => Promise.resolve(['run', '--time-budget', '1ms', '--out', dir, ...QUICK]),
    code: 3,
    says: /^$/,
  },
];

describe('malformed inputs of issue 13: one line, located, never a stack trace, a hang or silence', () => {
  it.each(ROWS.map((r) => [r.input, r] as const))('%s', async (_input, row) => {
    const r = await cli(...(await row.args()));
    expect(r.code, r.err).toBe(row.code);
    expect(r.err).toMatch(row.says);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err.length).toBeLessThan(400);
  });
});
