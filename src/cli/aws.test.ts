import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBody, send } from '../emulator/emulator.testkit.ts';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import type * as StartEmulatorModuleNs from '../emulator/startEmulator.ts';
import { replaySequence } from '../runner/replay.ts';
import { unobservableFields } from '../runner/runConformance.ts';
import { createAwsTarget } from '../targets/aws/createAwsTarget.ts';
import { openAwsTarget } from '../connect/openAwsTarget.ts';
import {
  emulatorScenario,
  listFunctionNames,
  readRecord,
  viewFunction,
  waitUntil,
} from './awsCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';
import { resolveRun } from '../run/resolveRun.ts';

type StartEmulatorModule = typeof StartEmulatorModuleNs;

// Every emulator a test starts is recorded, so the openAwsTarget test can see that its own was closed.
const started = vi.hoisted(() => ({ urls: [] as string[] }));
vi.mock('../emulator/startEmulator.ts', async (importOriginal) => {
  const original = await importOriginal<StartEmulatorModule>();
  return {
    ...original,
    startEmulator: async (...args: Parameters<typeof original.startEmulator>) => {
      const emulator = await original.startEmulator(...args);
      started.urls.push(emulator.url);
      return emulator;
    },
  };
});

/** Quick delays for emulators the tests start themselves. */
const QUICK = { pendingMs: 100, updateMs: 100, versionMs: 50, reactivateMs: 100 } as const;

describe('run scenarios/emulator.yaml: the aws target over HTTP against the built-in emulator', () => {
  it('exits 0 on the faithful emulator and reports the run-owned emulator endpoint', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--runs',
      '25',
      '--out',
      out,
      '--no-save',
      '--reporter',
      'json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rec = await readRecord(out);
    expect(rec.verdict).toBe('conformant');
    expect(rec.runsCompleted).toBe(25);
    expect(rec.target.name).toBe('aws');
    expect(rec.target.endpoint).toMatch(/^emulator \(http:\/\/127\.0\.0\.1:\d+\)$/);
    const exercised = rec.coverage.filter((c) => c.kind === 'rule' && c.exercised > 0);
    expect(exercised.length).toBeGreaterThanOrEqual(30);
  });

  // Mutants whose shrunk counterexample is a few calls long, so real time finds and shrinks them fast.
  it.each([
    ['create-says-active', ['create']],
    ['list-carries-state', ['list-functions']],
    ['invoke-while-pending', ['invoke-pending-creating', 'invoke-pending-restoring']],
    [
      'pending-conflict-wrong-type',
      [
        'update-code-pending',
        'update-configuration-pending',
        'update-code-pending-stale-revision',
        'update-configuration-pending-stale-revision',
      ],
    ],
  ])('--mutant %s exits 1 naming the rule it breaks', async (mutant, rules) => {
    const out = await tempDir();
    const regressions = await tempDir();
    const r = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--mutant',
      mutant,
      '--out',
      out,
      '--regressions',
      regressions,
      '--reporter',
      'json',
      // Stop at the first divergence: real time makes shrinking each of several slow.
      '--bail',
    );
    expect(r.code).toBe(1);
    const rec = await readRecord(out);
    // The divergence names a rule the mutant breaks.
    const d = rec.divergences.find((v) =>
      [v.ruleId, ...v.expectations.map((e) => e.ruleId)].some((id) => rules.includes(id)),
    );
    expect(d, rec.divergences.map((v) => v.ruleId).join(', ')).toBeDefined();
    // Its saved counterexample replays over HTTP on a fresh run-owned emulator with the mutant.
    const file = d?.counterexampleFile;
    expect(file).toBeDefined();
    expect(await readdir(regressions)).toHaveLength(rec.divergences.length);
    const replay = await cli('replay', file ?? '', '--endpoint', 'emulator');
    expect(replay.out).toMatch(/Reproduced: divergence /);
    // Exit codes as run's: the divergence is still there.
    expect(replay.code).toBe(1);
  });
});

describe('run --target aws against an emulator the test started', () => {
  let emulator: Emulator;
  let dir: string;
  beforeEach(async () => {
    emulator = await startEmulator({ ...QUICK, port: 0 });
    dir = await tempDir();
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('never touches a function it did not create, and leaves none of its own behind', async () => {
    const foreign = 'someone-elses-function';
    const created = await send(emulator, 'POST', '/2015-03-31/functions', createBody(foreign));
    expect(created.status).toBe(201);
    // Let its own provisioning finish first: that transition changes its RevisionId by itself.
    expect(
      await waitUntil(async () => (await viewFunction(emulator, foreign)).state === 'Active', 5000),
    ).toBe(true);
    const before = await viewFunction(emulator, foreign);
    const scenario = await emulatorScenario(dir, emulator, { runs: 15, maxCommands: 15 });
    const r = await cli('run', scenario, '--out', dir, '--no-save');
    expect(r.code).toBe(0);
    expect((await readRecord(dir)).operations).toBeGreaterThan(50);
    const after = await viewFunction(emulator, foreign);
    expect(after).toEqual(before);
    expect(after.status).toBe(200);
    expect(after.tags).toBeUndefined();
    expect(await listFunctionNames(emulator)).toEqual([foreign]);
  });

  it.each([
    ['throttle', { throttle: 5 }],
    ['serverError', { serverError: 6 }],
  ])(
    'ends injected %s faults as inconclusive (exit 3), never as a divergence',
    async (name, faults) => {
      const queued = await send(emulator, 'POST', '/_conformance/faults', faults);
      expect(queued.status).toBe(200);
      const scenario = await emulatorScenario(dir, emulator, { runs: 3, maxCommands: 10 });
      const r = await cli('run', scenario, '--out', dir, '--no-save');
      const rec = await readRecord(dir);
      expect(rec.divergences).toEqual([]);
      expect(rec.verdict).toBe('inconclusive');
      expect(r.code).toBe(3);
      expect(rec.inconclusive.length).toBeGreaterThan(0);
      expect(rec.inconclusive.map((i) => i.reason).join('\n')).toMatch(
        name === 'throttle' ? /thrott|429|TooManyRequests/i : /5\d\d|server|ServiceException/i,
      );
      // Every fault was played, and the run still cleaned up after itself.
      const health = await send(emulator, 'GET', '/_conformance/health');
      expect(health.json?.['faults']).toEqual({ throttle: 0, serverError: 0, hang: 0 });
      expect(await listFunctionNames(emulator)).toEqual([]);
    },
  );

  // The retry policy cannot be set from a scenario (only target.callTimeoutMs can), so the run is
  // resolved from a scenario as the CLI does and its target replaced by one with a short timeout and
  // quick retries.
  it('ends a hung request in an inconclusive timeout verdict', async () => {
    const scenario = await emulatorScenario(dir, emulator);
    const { run, opened } = await resolveRun(scenario, { save: false }, { commandLine: 'test' });
    const target = createAwsTarget({
      endpoint: emulator.url,
      callTimeoutMs: 300,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    });
    try {
      await send(emulator, 'POST', '/_conformance/faults', { hang: 1 });
      const outcome = await replaySequence(
        { ...run, target },
        { provisionMs: 0, updateMs: 0, versionMs: 0, reactivateMs: 0 },
        [
          { kind: 'op', op: { name: 'CreateFunction', fn: 'fn0', args: CREATE_ARGS } },
          { kind: 'op', op: { name: 'GetFunction', fn: 'fn0', args: {} } },
        ],
        unobservableFields(run).fields,
      );
      expect(outcome.verdict).toBe('inconclusive');
      expect(outcome.divergence).toBeUndefined();
      expect(outcome.trace[0]?.verdict).toBe('inconclusive');
      expect(outcome.tally.inconclusive[0]?.reason).toMatch(/time/i);
      expect(await listFunctionNames(emulator)).toEqual([]);
    } finally {
      target.dispose();
      await opened.dispose();
    }
  });
});

const CREATE_ARGS = { packageType: 'Zip', code: 1, config: 1 } as const;

describe('openAwsTarget', () => {
  it('closes the emulator it started when the target cannot be created', async () => {
    started.urls.length = 0;
    await expect(
      openAwsTarget({ name: 'aws', endpoint: 'emulator', imageUris: [''] }, 'seed'),
    ).rejects.toMatchObject({ code: 'INVALID_AWS_TARGET_OPTION' });
    const [url] = started.urls;
    expect(url).toBeDefined();
    await expect(fetch(`${url ?? ''}/_conformance/health`)).rejects.toThrow();
  });
});

/** Runs the real CLI in a child process whose environment holds no AWS endpoint or credentials. */
function offlineCli(
  args: readonly string[],
): Promise<{ code: number | null; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: '/nonexistent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    // Should anything reach for STS after all, it meets a closed local port, never AWS.
    AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
    AWS_REGION: 'us-east-1',
    CI: '1',
    NO_COLOR: '1',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lambda-conformance.mjs', ...args], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('run --target aws on real AWS refuses to start, offline', () => {
  // Real AWS needs an execution role, and the CLI has no way to give one yet (no --role, no
  // target.role in scenarios): the refusal happens in preflight before STS is ever asked.
  it('without a role: exit 2, ROLE_REQUIRED, before any network call', async () => {
    const out = await tempDir();
    for (const extra of [[], ['--allow-account', '123456789012']]) {
      const r = await offlineCli(['run', '--target', 'aws', '--out', out, '--no-save', ...extra]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/needs an execution role on real AWS/);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(await readdir(out)).toEqual([]);
    }
  });

  it('the shipped real-AWS scenario refuses to start without a role, offline', async () => {
    const out = await tempDir();
    const r = await offlineCli(['run', 'scenarios/aws-regression.yaml', '--out', out, '--no-save']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs an execution role on real AWS/);
    expect(await readdir(out)).toEqual([]);
  });

  it('with a mutant: exit 2, mutants exist only in the simulation', async () => {
    const r = await offlineCli(['run', '--target', 'aws', '--mutant', 'create-says-active']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/mutants exist only in the built-in simulation/);
  });
});
