import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { replaySequence, type ReplayOutcome } from '../runner/replay.ts';
import type { ResolvedRun } from '../runner/ResolvedRun.ts';
import { unobservableFields } from '../runner/runConformance.ts';
import type { Timing } from '../targets/Target.ts';
import { tempDir } from './cli.testkit.ts';
import { resolveRun } from '../run/resolveRun.ts';
import { controlEventRequests } from '../emulator/controlRoutes.ts';

/** @internal A Lambda function as the emulator's GetFunction answers it (the members tests read). */
export interface FunctionView {
  readonly status: number;
  readonly revisionId: unknown;
  readonly codeSha256: unknown;
  readonly state: unknown;
  readonly tags: unknown;
}

/** @internal Image URIs for code revisions 1..3 (what `endpoint: emulator` gives the target too). */
export const TEST_IMAGE_URIS = [1, 2, 3].map((n) => `conformance.local/handler:c${n}`);

export { readRecord } from './cli.testkit.ts';

/**
 * @internal Writes a scenario for the aws target against an emulator the test started: every
 * environment event mapped to its control API, Image functions enabled, no real waits. JSON is YAML,
 * so the file is written as JSON. Returns the file's path.
 */
export async function emulatorScenario(
  dir: string,
  emulator: Emulator,
  options: {
    runs?: number;
    maxCommands?: number;
    spec?: string;
    name?: string;
    weights?: Readonly<Record<string, number>>;
  } = {},
): Promise<string> {
  const events = controlEventRequests(emulator.url);
  const name = options.name ?? 'external-emulator';
  const scenario = {
    name,
    spec: options.spec ?? resolve('spec/lambda-lifecycle.yaml'),
    target: { name: 'aws', endpoint: emulator.url, events, imageUris: TEST_IMAGE_URIS },
    runs: options.runs ?? 5,
    maxCommands: options.maxCommands ?? 12,
    seed: 20261123,
    functions: 1,
    weights: options.weights ?? { Wait: 0, Settle: 2, CreateFunction: 2 },
    timeBudget: '60s',
    reporters: ['json'],
  };
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, `${JSON.stringify(scenario, null, 2)}\n`);
  return file;
}

/** @internal Raw `GET` of a path on the emulator, parsed as JSON (empty object when not JSON). */
export async function getJson(
  emulator: Emulator,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}${path}`);
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // An empty or non-JSON answer reads as an empty body.
  }
  return { status: response.status, body };
}

/** @internal Names of every function the emulator's ListFunctions shows (raw HTTP, first page). */
export async function listFunctionNames(emulator: Emulator): Promise<string[]> {
  const { body } = await getJson(emulator, '/2015-03-31/functions');
  const functions = Array.isArray(body['Functions']) ? (body['Functions'] as unknown[]) : [];
  return functions.flatMap((f) => {
    const name = (f as { FunctionName?: unknown }).FunctionName;
    return typeof name === 'string' ? [name] : [];
  });
}

/** @internal A function as raw GetFunction shows it. */
export async function viewFunction(emulator: Emulator, name: string): Promise<FunctionView> {
  const { status, body } = await getJson(emulator, `/2015-03-31/functions/${name}`);
  const config = (body['Configuration'] ?? {}) as Record<string, unknown>;
  return {
    status,
    revisionId: config['RevisionId'],
    codeSha256: config['CodeSha256'],
    state: config['State'],
    tags: body['Tags'],
  };
}

/** @internal Polls `check` every 50 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * @internal Starts an emulator with `timing` as its delays and `mutants` on, resolves a run of the
 * aws target against it from a scenario (as the CLI does; `spec` is the spec to check), hands the
 * run to `use`, then releases both.
 */
export async function onEmulator<T>(
  spec: string,
  timing: Timing,
  mutants: readonly string[],
  use: (run: ResolvedRun) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({
    port: 0,
    mutants,
    pendingMs: timing.provisionMs,
    updateMs: timing.updateMs,
    versionMs: timing.versionMs,
    reactivateMs: timing.reactivateMs,
  });
  try {
    const scenario = await emulatorScenario(await tempDir(), emulator, { spec });
    const { run, opened } = await resolveRun(scenario, { save: false }, { commandLine: 'test' });
    try {
      return await use(run);
    } finally {
      await opened.dispose();
    }
  } finally {
    await emulator.close();
  }
}

/** @internal Replays `commands` once on a fresh session of the run's target. */
export function replayOn(
  run: ResolvedRun,
  timing: Timing,
  commands: readonly HarnessCommand[],
): Promise<ReplayOutcome> {
  return replaySequence(run, timing, commands, unobservableFields(run).fields);
}
