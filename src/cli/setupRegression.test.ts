import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { emulatorScenario, listFunctionNames, readRecord } from './awsCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** Quick delays for the emulators these tests start. */
const QUICK = { pendingMs: 50, updateMs: 50, versionMs: 20, reactivateMs: 50 } as const;

/** The only role the second emulator's account lets Lambda assume: not the harness's. */
const ONLY_ROLE = { roles: ['arn:aws:iam::123456789012:role/only-this-one'] } as const;

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/**
 * Saves counterexamples in `dir/regressions` from a run against an emulator with a bug (each starts
 * with a CreateFunction), then starts an emulator whose account refuses the harness's role.
 */
async function regressionsThenRefusingEmulator(dir: string): Promise<string> {
  const regressions = join(dir, 'regressions');
  emulator = await startEmulator({ ...QUICK, mutants: ['pending-conflict-wrong-type'] });
  const scenario = await emulatorScenario(dir, emulator, {
    runs: 40,
    maxCommands: 8,
    weights: { Wait: 0, Settle: 0, Inject: 0, CreateFunction: 3, UpdateFunctionCode: 3 },
  });
  const first = await cli('run', scenario, '--regressions', regressions, '--out', join(dir, 'o1'));
  expect(first.code).toBe(1);
  expect((await readdir(regressions)).length).toBeGreaterThan(0);
  await emulator.close();
  emulator = await startEmulator({ ...QUICK, policy: ONLY_ROLE });
  return regressions;
}

describe('a setup error met while replaying saved regressions (issue 13)', () => {
  it('run: exit 2 with the message, the reports written, nothing generated, nothing left', async () => {
    const dir = await tempDir();
    const regressions = await regressionsThenRefusingEmulator(dir);
    if (emulator === undefined) throw new Error('no emulator');
    const scenario = await emulatorScenario(dir, emulator, { runs: 5, maxCommands: 8 });
    const out = join(dir, 'o2');
    const r = await cli(
      'run',
      scenario,
      '--regressions',
      regressions,
      '--reporter',
      'json,junit,markdown',
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^setup error: CreateFunction\(fn0, .*\) was refused with InvalidParameterValueException \(400\): The role defined for the function cannot be assumed by Lambda\./,
    );
    expect(r.err.split('\n')).toHaveLength(1);
    const record = await readRecord(out);
    expect(record.stoppedBy).toBe('setup-error');
    expect(record.setupError?.message).toBe(r.err);
    expect(record.verdict).toBe('inconclusive');
    // The replay that met it is listed as inconclusive (never "conformant": the bug is not fixed),
    // and the run generated nothing after it.
    expect(record.regressions[0]?.observed).toBe('inconclusive');
    expect(record.regressions.every((x) => x.observed !== 'conformant')).toBe(true);
    expect(record.runsCompleted).toBe(0);
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toMatch(/name="setup"/);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toMatch(/^## ❌ Setup error: /m);
    expect(await listFunctionNames(emulator)).toEqual([]);
  });

  it('replay: exit 2 with the message, never "fixed"', async () => {
    const dir = await tempDir();
    const regressions = await regressionsThenRefusingEmulator(dir);
    if (emulator === undefined) throw new Error('no emulator');
    const [file] = (await readdir(regressions)).sort();
    const r = await cli('replay', join(regressions, file ?? ''), '--endpoint', emulator.url);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^setup error: CreateFunction\(fn0, .*\) was refused with /);
    expect(r.out).not.toMatch(/fixed|conformant now/i);
  });
});
