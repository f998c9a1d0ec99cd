import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlEventRequests } from '../emulator/controlRoutes.ts';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import type { Counterexample } from '../runner/Counterexample.ts';
import { listFunctionNames, TEST_IMAGE_URIS } from './awsCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';

/**
 * Quick delays (the emulator runs on real time). Creation completes at once, so that no saved
 * sequence depends on how fast its calls follow one another: replays see what the run saw.
 */
// Updates last 500 ms: a replay on a loaded machine still injects its update-failure while one runs.
const QUICK = { pendingMs: 0, updateMs: 500, versionMs: 50, reactivateMs: 100 } as const;

/** A mutant only an environment event shows: a failed update leaves the function Failed. */
const MUTANT = 'failed-update-sets-failed';

/** Sequences of creations, events, code updates and reads: where the mutant shows. */
const WEIGHTS = {
  Wait: 0,
  Settle: 4,
  CreateFunction: 2,
  GetFunction: 1,
  UpdateFunctionCode: 3,
  Inject: 3,
  GetFunctionConfiguration: 0,
  UpdateFunctionConfiguration: 0,
  Invoke: 0,
  PublishVersion: 0,
  ListVersionsByFunction: 0,
  ListFunctions: 0,
  TagResource: 0,
  DeleteFunction: 0,
};

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEREPLAYKEY',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYREPLAYSECRET',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLEREPLAYSESSIONTOKEN',
};

/** Runs `use` with the credential variables set, then restores the environment. */
async function withCredentials<T>(use: () => Promise<T>): Promise<T> {
  const saved = Object.keys(CREDENTIALS).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, CREDENTIALS);
  try {
    return await use();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * The built-in emulator started by the test as a server of its own, with a mutant on, used as an
 * external endpoint: the run knows only its URL and the event mapping of its control API.
 */
describe('replay of a counterexample found on an external endpoint with an event mapping', () => {
  let emulator: Emulator;
  let file: string;
  let cx: Counterexample;

  beforeAll(async () => {
    emulator = await startEmulator({ ...QUICK, port: 0, mutants: [MUTANT] });
    const dir = await tempDir();
    const regressions = join(dir, 'regressions');
    const scenario = join(dir, 'external.yaml');
    // JSON is YAML. The emulator's control API maps the one event the mutant needs.
    const events = { 'update-failure': controlEventRequests(emulator.url)['update-failure'] };
    await writeFile(
      scenario,
      JSON.stringify({
        name: 'external',
        spec: resolve('spec/lambda-lifecycle.yaml'),
        target: { name: 'aws', endpoint: emulator.url, events, imageUris: TEST_IMAGE_URIS },
        runs: 100,
        maxCommands: 10,
        seed: 20261123,
        functions: 1,
        weights: WEIGHTS,
        timeBudget: '90s',
        reporters: ['json'],
      }),
    );
    const found = await withCredentials(() =>
      cli('run', scenario, '--out', dir, '--regressions', regressions),
    );
    expect(found.err).toBe('');
    expect(found.out).toBe('');
    expect(found.code).toBe(1);
    const [name] = await readdir(regressions);
    file = join(regressions, name ?? '');
    cx = JSON.parse(await readFile(file, 'utf8')) as Counterexample;
  }, 120_000);

  afterAll(async () => {
    await emulator.close();
  });

  it('stores the target settings: external endpoint, its event mapping, observesCode, strictness', () => {
    expect(cx.version).toBe(2);
    expect(cx.commands.some((c) => c.kind === 'inject')).toBe(true);
    expect(cx.target).toMatchObject({
      name: 'aws',
      mutants: [],
      endpoint: emulator.url,
      endpointKind: 'external',
      observesCode: true,
    });
    expect(Object.keys(cx.target.events ?? {})).toEqual(['update-failure']);
    expect(cx.target.events?.['update-failure']).toEqual({
      method: 'POST',
      url: `${emulator.url}/_conformance/events`,
      body: { event: 'update-failure', functionName: '{functionName}' },
    });
    expect(cx.target.imageUris).toHaveLength(3);
    expect(cx.strictness).toBe('all');
    expect(cx.unobservable).toEqual([]);
    expect(cx.reading).toBe('seed');
  });

  it('never stores credential material', async () => {
    const text = await readFile(file, 'utf8');
    for (const secret of Object.values(CREDENTIALS)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/accessKeyId|secretAccessKey|sessionToken|AWS_/i);
  });

  it('replays with only the file, reproducing the divergence (exit 1)', async () => {
    const replay = await cli('replay', file);
    expect(replay.err).toBe('');
    expect(replay.out).toContain(`on aws at ${emulator.url}`);
    expect(replay.out).toMatch(/Inject\(update-failure, fn0\)/);
    expect(replay.out).toContain(
      `Reproduced: divergence ${cx.expected.ruleId ?? ''} (${cx.expected.category ?? ''}), as recorded.`,
    );
    expect(replay.code).toBe(1);
    expect(await listFunctionNames(emulator)).toEqual([]);
  });

  it('follows the emulator to another port with --endpoint, its control API with it', async () => {
    const moved = await startEmulator({ ...QUICK, port: 0, mutants: [MUTANT] });
    const fixed = await startEmulator({ ...QUICK, port: 0 });
    try {
      const again = await cli('replay', file, '--endpoint', moved.url);
      expect(again.out).toMatch(/Reproduced: divergence /);
      expect(again.code).toBe(1);
      // The same sequence on an emulator without the bug: conformant now, exit 0 as in run.
      const conformant = await cli('replay', file, '--endpoint', fixed.url);
      expect(conformant.out).toContain(
        `Conformant now: the recorded divergence ${cx.expected.ruleId ?? ''} (${cx.expected.category ?? ''}) no longer occurs.`,
      );
      expect(conformant.code).toBe(0);
      expect(await listFunctionNames(moved)).toEqual([]);
      expect(await listFunctionNames(fixed)).toEqual([]);
    } finally {
      await moved.close();
      await fixed.close();
    }
  });

  it('ends inconclusive (exit 3) within seconds when the endpoint is not running', async () => {
    const gone = await startEmulator({ ...QUICK, port: 0 });
    const url = gone.url;
    await gone.close();
    const started = Date.now();
    const replay = await cli('replay', file, '--endpoint', url);
    expect(replay.code).toBe(3);
    expect(replay.err).toMatch(/^replay: inconclusive: /);
    expect(replay.err).not.toMatch(/internal error/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an Inject the target has no event mapping for (exit 2); --events gives one', async () => {
    const dir = await tempDir();
    const { events, ...target } = cx.target;
    expect(events).toBeDefined();
    const edited = join(dir, 'no-events.json');
    await writeFile(edited, JSON.stringify({ ...cx, target }));
    const refused = await cli('replay', edited);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /^.*no-events\.json: cannot be replayed: command \d+ Inject\(update-failure, fn0\) needs the target to produce 'update-failure'.*--events FILE/,
    );
    expect(refused.out).toBe('');
    // An --events file in the form of a scenario's target.events (YAML; JSON is YAML too).
    const mapping = join(dir, 'events.yaml');
    await writeFile(
      mapping,
      [
        'update-failure:',
        '  method: POST',
        `  url: ${emulator.url}/_conformance/events`,
        '  body: { event: update-failure, functionName: "{functionName}" }',
        '',
      ].join('\n'),
    );
    const mapped = await cli('replay', edited, '--events', mapping);
    expect(mapped.out).toMatch(/Reproduced: divergence /);
    expect(mapped.code).toBe(1);
  });
});
