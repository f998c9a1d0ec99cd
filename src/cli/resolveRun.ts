import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import { REPORTER_NAMES } from '../reporters/registry.ts';
import { DEFAULT_TIMING, type ResolvedRun, type TimingRanges } from '../runner/ResolvedRun.ts';
import { didYouMean } from '../spec/didYouMean.ts';
import { checkScenarioNames } from '../spec/checkScenarioNames.ts';
import { loadScenario } from '../spec/loadScenario.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Scenario, ScenarioTarget } from '../spec/Scenario.ts';
import { MUTANTS } from '../targets/memory/mutants.ts';
import { openTarget, type OpenedTarget } from '../targets/registry.ts';
import { intFlag, parseDuration } from './parseFlags.ts';

/** The flags of `run` (and `mutants`, `replay`) as parsed, before defaults. */
export interface RunFlags {
  readonly scenario?: string;
  readonly target?: string;
  readonly endpoint?: string;
  readonly mutants: readonly string[];
  readonly runs?: string;
  readonly seed?: string;
  readonly maxCommands?: string;
  readonly out?: string;
  readonly reading?: string;
  readonly reporters?: readonly string[];
  readonly timeBudget?: string;
  readonly shard?: string;
  readonly allowAccounts: readonly string[];
  /** aws target: execution role ARN for created functions (real AWS). */
  readonly role?: string;
  /** Target options a saved counterexample brings back (endpoint, emulator delays). */
  readonly targetOverrides?: Partial<ScenarioTarget>;
  readonly regressions?: string;
  readonly save: boolean;
  readonly record?: string;
  readonly concurrency?: string;
  readonly maskAccount?: boolean;
}

/** The default scenario and spec, relative to the working directory. */
export const DEFAULT_SCENARIO = 'scenarios/default.yaml';
export const DEFAULT_SPEC = 'spec/lambda-lifecycle.yaml';
export const DEFAULT_REPORTERS = ['console', 'json', 'junit', 'markdown'] as const;

function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new HarnessError(
      'BAD_FLAG',
      `--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got '${value}'.`,
    );
  }
  return { index, count };
}

function scenarioFromFlags(): Scenario {
  return {
    file: '<flags>',
    name: 'flags',
    spec: resolve(DEFAULT_SPEC),
    target: { name: 'memory' },
  };
}

/** Loads the scenario (or the default), applies flags over it, loads the spec, opens the target. */
export async function resolveRun(
  flags: RunFlags,
  signal: AbortSignal | undefined,
  commandLine: string,
): Promise<{ run: ResolvedRun; opened: OpenedTarget }> {
  const scenarioFile =
    flags.scenario ?? (existsSync(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : undefined);
  const scenario =
    scenarioFile === undefined ? scenarioFromFlags() : await loadScenario(resolve(scenarioFile));
  const spec = await loadSpec(scenario.spec);
  // The scenario's own names are located in its file; the same names given as flags are checked
  // below and by the target.
  checkScenarioNames(scenario, {
    ...(flags.reading === undefined ? { readings: spec.readings.keys() } : {}),
    ...(flags.mutants.length === 0 ? { mutants: MUTANTS.map((m) => m.name) } : {}),
    ...(flags.reporters === undefined ? { reporters: REPORTER_NAMES } : {}),
  });
  const reading = flags.reading ?? scenario.reading ?? spec.defaultReading;
  if (!spec.readings.has(reading)) {
    const hint = didYouMean(reading, spec.readings.keys()) ?? '';
    throw new HarnessError(
      'BAD_FLAG',
      `--reading: the spec has no reading '${reading}'. ${hint}`.trim(),
    );
  }
  const targetOptions: ScenarioTarget = {
    ...scenario.target,
    ...(flags.target !== undefined ? { name: flags.target } : {}),
    ...flags.targetOverrides,
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {}),
    ...(flags.role !== undefined ? { role: flags.role } : {}),
    ...(flags.mutants.length > 0 ? { mutants: flags.mutants } : {}),
    ...(flags.allowAccounts.length > 0
      ? { allowAccounts: [...(scenario.target.allowAccounts ?? []), ...flags.allowAccounts] }
      : {}),
  };
  // Every flag is checked before the target opens: a bad one must not leave an emulator running.
  const runs = intFlag('runs', flags.runs) ?? scenario.runs ?? 100;
  const maxCommands = intFlag('max-commands', flags.maxCommands) ?? scenario.maxCommands ?? 30;
  const seed =
    intFlag('seed', flags.seed, 0) ?? scenario.seed ?? Math.floor(Math.random() * 2 ** 31);
  const shard = parseShard(flags.shard);
  const concurrency = intFlag('concurrency', flags.concurrency) ?? 1;
  const timeBudgetMs =
    flags.timeBudget !== undefined
      ? parseDuration('time-budget', flags.timeBudget)
      : scenario.timeBudgetMs;
  const opened = await openTarget(targetOptions, reading);
  const timing: TimingRanges = { ...DEFAULT_TIMING, ...scenario.timing };
  const out = flags.out !== undefined ? resolve(flags.out) : (scenario.out ?? resolve('reports'));
  const scenarioDir = scenario.file === '<flags>' ? resolve('scenarios') : dirname(scenario.file);
  const regressionsDir = flags.save
    ? resolve(flags.regressions ?? join(scenarioDir, 'regressions'))
    : undefined;
  const run: Omit<ResolvedRun, 'targetOptions'> = {
    scenario: {
      name: scenario.name,
      file: scenario.file === '<flags>' ? scenario.file : relative(process.cwd(), scenario.file),
    },
    spec,
    reading,
    target: opened.target,
    targetInfo: opened.info,
    runs,
    maxCommands,
    seed,
    functions: scenario.functions ?? 2,
    timeBudgetMs,
    weights: scenario.weights ?? {},
    timing,
    reporters: flags.reporters ?? scenario.reporters ?? DEFAULT_REPORTERS,
    outDir: out,
    regressionsDir,
    maxShrinks: opened.target.capabilities.virtualTime ? undefined : 50,
    shard,
    concurrency,
    knownRules: new Set(),
    signal,
    record:
      flags.record === undefined
        ? undefined
        : { file: resolve(flags.record), maskAccount: flags.maskAccount === true },
    commandLine,
  };
  return { run: { ...run, targetOptions }, opened };
}
