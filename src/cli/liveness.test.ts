import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { OPERATION_NAMES } from '../lambda/catalogue.ts';
import { listFunctionNames, readRecord } from './awsCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** An update of the emulator never completes within a test: it stays InProgress for a day. */
const STUCK = { pendingMs: 50, updateMs: 24 * 60 * 60 * 1000 } as const;

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A scenario of the aws target against `endpoint` that creates, updates and settles. */
async function scenario(
  dir: string,
  endpoint: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const file = join(dir, 'liveness.yaml');
  const text = {
    name: 'liveness',
    spec: resolve('spec/lambda-lifecycle.yaml'),
    target: { name: 'aws', endpoint },
    runs: 1000,
    maxCommands: 10,
    seed: 20261123,
    functions: 1,
    weights: {
      ...Object.fromEntries(OPERATION_NAMES.map((name) => [name, 0])),
      Wait: 0,
      Inject: 0,
      CreateFunction: 3,
      UpdateFunctionCode: 4,
      Settle: 4,
    },
    reporters: ['console', 'json'],
    ...extra,
  };
  await writeFile(file, `${JSON.stringify(text, null, 2)}\n`);
  return file;
}

describe('liveness on real time is never dropped', () => {
  it('a stuck update and a time budget that ends first: inconclusive (exit 3) naming it, never 0', async () => {
    emulator = await startEmulator(STUCK);
    const dir = await tempDir();
    const out = join(dir, 'out');
    const file = await scenario(dir, emulator.url);
    const r = await cli('run', file, '--time-budget', '4s', '--no-save', '--out', out);
    expect(r.code).toBe(3);
    const record = await readRecord(out);
    expect(record.stoppedBy).toBe('time-budget');
    expect(record.verdict).toBe('inconclusive');
    expect(record.inconclusive.map((i) => i.reason)).toContainEqual(
      expect.stringMatching(
        /^update-completes pending for \d[^ ]* \(bound 5m\) when the time budget ended/,
      ),
    );
    expect(await listFunctionNames(emulator)).toEqual([]);
  });

  it('with the bound shortened by the scenario, the same emulator diverges (exit 1), shown as a deviation', async () => {
    emulator = await startEmulator(STUCK);
    const dir = await tempDir();
    const out = join(dir, 'out');
    const file = await scenario(dir, emulator.url, { bounds: { 'update-completes': '1s' } });
    const r = await cli('run', file, '--time-budget', '20s', '--no-save', '--out', out);
    expect(r.code).toBe(1);
    const record = await readRecord(out);
    expect(record.bounds).toEqual([
      { transition: 'update-completes', withinMs: 1000, documentedMs: 300_000 },
    ]);
    expect(record.divergences[0]).toMatchObject({
      ruleId: 'update-completes',
      category: 'too-late',
    });
    expect(r.out).toMatch(/^ {2}bounds +update-completes 1.0s instead of the documented 5m$/m);
  });

  it('refuses bounds for an unknown transition, an event transition or a longer bound, located', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bounds.yaml');
    await writeFile(
      file,
      [
        'name: bounds',
        `spec: ${resolve('spec/lambda-lifecycle.yaml')}`,
        'target: { name: memory }',
        'bounds:',
        '  update-complete: 3s',
        '  idle-reclaim: 1s',
        '  provisioning-completes: 10m',
        '',
      ].join('\n'),
    );
    const r = await cli('run', file, '--no-save', '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      `${file}:5:3: scenario 'bounds': the spec has no transition 'update-complete'. Did you mean 'update-completes'?`,
      `${file}:6:3: scenario 'bounds': 'idle-reclaim' happens on an environment event and has no time bound. Bounds apply to async transitions: provisioning-completes, provisioning-fails, reactivation-completes, reactivation-fails, update-completes, update-fails, version-activates.`,
      `${file}:7:3: scenario 'bounds': 'provisioning-completes' 10m is not shorter than its documented bound 5m. A scenario may only shorten a bound, for an emulator whose delays are configured.`,
    ]);
    const duration = join(dir, 'duration.yaml');
    await writeFile(
      duration,
      [
        'name: d',
        'spec: x.yaml',
        'target: { name: memory }',
        'bounds: { update-completes: soon }',
      ].join('\n'),
    );
    const bad = await cli('run', duration);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/duration\.yaml:4:29: bounds: 'update-completes' is not a duration\./);
  });
});
