import { OPERATION_NAMES } from '../lambda/catalogue.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountPolicy } from '../emulator/AccountPolicy.ts';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { emulatorScenario, listFunctionNames, readRecord } from './awsCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** Quick delays for the emulators these tests start. */
const QUICK = { pendingMs: 50, updateMs: 50, versionMs: 20, reactivateMs: 50 } as const;

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Runs the aws target (real SDK, real HTTP) against an emulator whose account has `policy`. */
async function runWith(policy: AccountPolicy, mutants: readonly string[] = []) {
  emulator = await startEmulator({ ...QUICK, policy, mutants });
  const dir = await tempDir();
  const scenario = await emulatorScenario(dir, emulator, { runs: 20, maxCommands: 15 });
  const out = join(dir, 'out');
  const r = await cli(
    'run',
    scenario,
    '--no-save',
    '--reporter',
    'json,junit,markdown',
    '--out',
    out,
  );
  return { r, out, emulator };
}

describe('setup errors end the run with exit 2 and the service’s message, never as divergences', () => {
  it('a role Lambda cannot assume: exit 2, the message, and the report naming it', async () => {
    const {
      r,
      out,
      emulator: e,
    } = await runWith({
      roles: ['arn:aws:iam::123456789012:role/only-this-one'],
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^setup error: CreateFunction\(fn0, .*\) was refused with InvalidParameterValueException \(400\): The role defined for the function cannot be assumed by Lambda\..*--role/,
    );
    expect(r.err.split('\n')).toHaveLength(1);
    const record = await readRecord(out);
    expect(record.setupError?.message).toBe(r.err);
    expect(record.setupError?.command).toMatch(/^CreateFunction\(fn0, /);
    expect(record.stoppedBy).toBe('setup-error');
    expect(record.divergences).toEqual([]);
    // The run stopped at the refusal: not every sequence was generated.
    expect(record.runsCompleted).toBeLessThan(20);
    // No rule counts as exercised by the refused step, and no rule is reported violated.
    expect(record.coverage.find((c) => c.id === 'create')?.exercised).toBe(0);
    expect(record.coverage.every((c) => c.violated === 0)).toBe(true);
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase classname="harness" name="setup"[^>]*>\s*<failure /);
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^## ❌ Setup error: /m);
    expect(await listFunctionNames(e)).toEqual([]);
  });

  it('AccessDeniedException (not a Lambda error type) ends it the same way', async () => {
    const { r, out } = await runWith({ deniedActions: ['CreateFunction'] });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /refused with AccessDeniedException \(403\): User: .* is not authorized to perform: lambda:CreateFunction/,
    );
    expect((await readRecord(out)).stoppedBy).toBe('setup-error');
  });

  it('an AccessDenied on a read whose rule expects a 404 is a setup error too', async () => {
    const { r } = await runWith({ deniedActions: ['GetFunction'] });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^setup error: GetFunction\(fn0(, qualifier=\w+)?\) was refused with AccessDeniedException/,
    );
  });

  it('a runtime the endpoint does not offer ends it the same way', async () => {
    const { r } = await runWith({ runtimes: ['python3.12'] });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /refused with InvalidParameterValueException \(400\): The runtime parameter of nodejs\S+ is no longer supported/,
    );
  });

  it('a 400 where the spec expects another error stays a divergence (exit 1)', async () => {
    // The mutant refuses updates of a Pending function with 400 InvalidParameterValueException
    // where the documents give 409 ResourceConflictException.
    emulator = await startEmulator({ ...QUICK, mutants: ['pending-conflict-wrong-type'] });
    const dir = await tempDir();
    const scenario = await emulatorScenario(dir, emulator, {
      runs: 40,
      maxCommands: 8,
      weights: { Wait: 0, Settle: 0, Inject: 0, CreateFunction: 3, UpdateFunctionCode: 3 },
    });
    const out = join(dir, 'out');
    const r = await cli('run', scenario, '--no-save', '--out', out);
    expect(r.code).toBe(1);
    const record = await readRecord(out);
    expect(record.setupError).toBeUndefined();
    // The run goes on past each divergence: the 400 is reported under an update-while-Pending rule
    // (the generator sends both kinds of update).
    const rules = record.divergences.map((d) => d.ruleId);
    expect(
      rules.some((id) => /^update-(code|configuration)-pending/.test(id)),
      rules.join(', '),
    ).toBe(true);
  });
});

describe('tag operations address functions by ARN (the emulator refuses a bare name, as AWS does)', () => {
  it('a run tagging before, during and after a function’s life conforms, with no false tag-absent', async () => {
    emulator = await startEmulator(QUICK);
    const dir = await tempDir();
    const scenario = await emulatorScenario(dir, emulator, {
      runs: 30,
      maxCommands: 10,
      // Half the DeleteFunction calls delete a version only (qualifier: version), and other
      // operations draw more inputs: only tags, creates and deletes, so tag-absent still shows.
      weights: {
        ...Object.fromEntries(OPERATION_NAMES.map((name) => [name, 0])),
        Wait: 0,
        Inject: 0,
        Settle: 1,
        TagResource: 6,
        CreateFunction: 3,
        DeleteFunction: 2,
      },
    });
    const out = join(dir, 'out');
    const r = await cli('run', scenario, '--no-save', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const record = await readRecord(out);
    const exercised = (id: string): number =>
      record.coverage.find((c) => c.id === id)?.exercised ?? 0;
    expect(exercised('tag-absent')).toBeGreaterThan(0);
    expect(exercised('tag')).toBeGreaterThan(0);
    expect(record.divergences).toEqual([]);
    expect(record.inconclusive).toEqual([]);
  });
});
