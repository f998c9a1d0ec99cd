import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import { checkOptions } from '../options/checkOptions.ts';
import { flagNaming, type OptionNaming } from '../options/OptionNaming.ts';
import { knownRulesFor } from '../baseline/Baseline.ts';
import { DEFAULT_TIMING, type ResolvedRun, type TimingRanges } from '../runner/ResolvedRun.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { loadScenario } from '../spec/loadScenario.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import { withBounds } from '../spec/withBounds.ts';
import type { Scenario } from '../spec/Scenario.ts';
import { openTarget, type OpenedTarget } from '../connect/openTarget.ts';
import { loadBaselineStep, type BaselineStep } from './baselineStep.ts';
import { probeRunOutputs, runOutputsOf } from './probeRunOutputs.ts';
import { DEFAULT_OUT, DEFAULT_REPORTERS, DEFAULT_SCENARIO, DEFAULT_SPEC } from './defaults.ts';
import { outputPath } from './outputPath.ts';
import { RUN_OPTION_TABLE } from './runOptionTable.ts';
import { applyTargetFlags } from './targetFlags.ts';
import type { RunOptions } from './RunOptions.ts';
import {
  isReporterName,
  REPORTER_NAMES,
  unknownReporterMessage,
  withCiReporter,
} from '../reporters/registry.ts';
import { checkScenarioNames } from '../spec/checkScenarioNames.ts';
import { MUTANT_AND_PROFILE_NAMES } from '../targets/memory/mutantProfiles.ts';
import { excerpt } from '../errors/excerpt.ts';

/** The reporter that prints instead of writing a file. */
const CONSOLE = 'console';

/** What a run is resolved for, besides its scenario and options. */
export interface RunContext {
  /** The command line that reproduces the run: replay hints in the record extend it. */
  readonly commandLine: string;
  /** Stops the run cleanly: sessions clean up and the record of what ran is kept. */
  readonly signal?: AbortSignal | undefined;
  /** How messages name a bad option; default: by its `run` flag (`--runs`). */
  readonly naming?: OptionNaming;
  /**
   * Which reports a run writes when its options name none. `scenario` (the command line): the
   * scenario's reporters, else all four, into `out`, the scenario's `out`, else `reports/`.
   * `requested` (the API): files only into a given `out` (the scenario's reporters but `console`),
   * and `console` only when named. Default `scenario`.
   */
  readonly reports?: 'scenario' | 'requested';
  /**
   * The environment the run's defaults read: `GITHUB_ACTIONS=true` adds the `github-actions`
   * reporter when the options name none (`scenario` reports only). Default `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A run ready to execute: the engine's input, its opened target, and the steps around it. */
export interface PreparedRun {
  /** Everything the engine needs, complete (`knownRules` from the baseline, the time budget). */
  readonly run: ResolvedRun;
  /** The opened target: preflight it before the run, always dispose of it after. */
  readonly opened: OpenedTarget;
  /** The coverage gate (0–100), when one was asked for. */
  readonly minCoverage: number | undefined;
  /** The baseline to apply and the baseline to write. */
  readonly baseline: BaselineStep;
  /** The directory created before the reporters finish; undefined when none writes a file. */
  readonly outDir: string | undefined;
}

function scenarioFromDefaults(): Scenario {
  return {
    file: '<flags>',
    name: 'flags',
    spec: resolve(DEFAULT_SPEC),
    target: { name: 'memory' },
  };
}

/** The scenario's `out`, moved out of the installed package (see {@link outputPath}). */
function scenarioOut(scenario: Scenario): string | undefined {
  return scenario.out === undefined ? undefined : outputPath(scenario.out);
}

/** The reporters to run and the directory they write into, per {@link RunContext.reports}. */
function reportsOf(
  scenario: Scenario,
  options: RunOptions,
  context: RunContext,
  naming: OptionNaming,
): { names: readonly string[]; outDir: string | undefined } {
  const out = options.out === undefined ? undefined : resolve(options.out);
  if (context.reports !== 'requested') {
    return {
      names:
        options.reporters ??
        withCiReporter(scenario.reporters ?? DEFAULT_REPORTERS, context.env ?? process.env),
      outDir: out ?? scenarioOut(scenario) ?? resolve(DEFAULT_OUT),
    };
  }
  if (options.reporters === undefined) {
    const names = out === undefined ? [] : (scenario.reporters ?? DEFAULT_REPORTERS);
    return { names: names.filter((n) => n !== CONSOLE), outDir: out };
  }
  const writers = options.reporters.filter((n) => n.trim() !== CONSOLE);
  if (out === undefined && writers.length > 0) {
    throw new HarnessError(
      naming.code,
      `${naming.prefix}reporters ${writers.join(', ')} write files: give 'out', the directory to write them into.`,
    );
  }
  return { names: options.reporters, outDir: out };
}

/** Aborted when any of `signals` is; undefined when there is none. */
function stopSignal(...signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const given = signals.filter((s): s is AbortSignal => s !== undefined);
  return given.length <= 1 ? given[0] : AbortSignal.any(given);
}

/** Options only the aws target reads: given for a memory run, they would be silently ignored. */
const AWS_ONLY_OPTIONS = ['endpoint', 'role', 'allowAccounts'] as const;

function checkAwsOnlyOptions(target: string, options: RunOptions, naming: OptionNaming): void {
  if (target !== 'memory') return;
  for (const key of AWS_ONLY_OPTIONS) {
    const value = options[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    throw new HarnessError(
      naming.code,
      `${naming.prefix}${naming.option(key)}: only the aws target uses it, and this run's target is memory; add ${naming.option('target')} aws, or leave it out.`,
    );
  }
}

/**
 * `--path` names a sequence only together with the seed printed beside it (a lane's seed, which is
 * not the scenario's under `--concurrency` or `--shard`): the seed must be given with it.
 */
function checkPathOptions(options: RunOptions, naming: OptionNaming): void {
  if (options.path === undefined || options.seed !== undefined) return;
  throw new HarnessError(
    naming.code,
    `${naming.prefix}${naming.option('path')}: give the seed printed beside it too (${naming.option('seed')}): a path names a sequence only with its seed.`,
  );
}

/**
 * Resolves a run once, for the command line and the API alike: checks every option (before
 * anything is opened, so a bad one never leaves an emulator running), loads the baseline, the
 * scenario (`scenarios/default.yaml` when none is given and it exists) and its spec, merges the
 * options over the scenario and the defaults, chooses the reporters, then opens the target. The
 * caller must dispose of `opened` (`executeRun` does).
 *
 * @throws HarnessError for a bad option (named as `context.naming` says), scenario, spec,
 *   baseline, reading, target or mutant, with a one-line located message.
 */
export async function resolveRun(
  scenarioPath: string | undefined,
  options: RunOptions,
  context: RunContext,
): Promise<PreparedRun> {
  const naming = context.naming ?? flagNaming(RUN_OPTION_TABLE);
  checkOptions(RUN_OPTION_TABLE, options, naming);
  checkPathOptions(options, naming);
  // Named as the option that gave it, before anything opens (the scenario's are located in it).
  const unknownReporter = options.reporters?.map((n) => n.trim()).find((n) => !isReporterName(n));
  if (unknownReporter !== undefined)
    throw new HarnessError(
      naming.code,
      `${naming.prefix}${naming.option('reporters')}: ${unknownReporterMessage(unknownReporter)}`,
    );
  // Loaded before the target is opened: a bad baseline file fails fast (exit 2).
  const baseline = await loadBaselineStep(options);
  const scenarioFile =
    scenarioPath ?? (existsSync(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : undefined);
  const scenario =
    scenarioFile === undefined ? scenarioFromDefaults() : await loadScenario(resolve(scenarioFile));
  const documented = await loadSpec(
    options.spec === undefined ? (scenario.spec ?? DEFAULT_SPEC) : resolve(options.spec),
  );
  // The scenario's own names are located in its file; the same names given as options are checked
  // below and by the target.
  // A reading is the spec's (the scenario's may be for another --spec); the catalogues are fixed,
  // so the scenario's mutant and reporter names are checked even when options override them.
  checkScenarioNames(scenario, {
    ...(options.reading === undefined ? { readings: documented.readings.keys() } : {}),
    mutants: MUTANT_AND_PROFILE_NAMES,
    reporters: REPORTER_NAMES,
    transitions: new Map(
      documented.transitions.map((t) => [
        t.id,
        t.trigger.kind === 'async' ? t.trigger.withinMs : undefined,
      ]),
    ),
  });
  // The scenario's shorter bounds (an emulator with configured delays) replace the documented ones.
  const { spec, overrides: bounds } = withBounds(documented, scenario.bounds ?? {});
  const reading = options.reading ?? scenario.reading ?? spec.defaultReading;
  if (!spec.readings.has(reading)) {
    const hint = didYouMean(reading, spec.readings.keys()) ?? '';
    throw new HarnessError(
      naming.code,
      `${naming.prefix}${naming.option('reading')}: the spec has no reading '${excerpt(reading)}'. ${hint}`.trim(),
    );
  }
  const targetOptions = await applyTargetFlags(scenario.target, options);
  checkAwsOnlyOptions(targetOptions.name, options, naming);
  const reports = reportsOf(scenario, options, context, naming);
  const fromFlags = scenario.file === '<flags>';
  const scenarioDir = fromFlags ? resolve('scenarios') : dirname(scenario.file);
  const regressionsDir =
    options.save === false
      ? undefined
      : options.regressions !== undefined
        ? resolve(options.regressions)
        : outputPath(join(scenarioDir, 'regressions'));
  // Every output is probed before the target opens: a bad path is exit 2 before anything runs.
  const outputs = runOutputsOf({
    options,
    scenario,
    reports,
    regressionsDir,
    writeBaseline: baseline.write,
  });
  await probeRunOutputs(outputs, naming);
  const opened = await openTarget(targetOptions, reading);
  const timing: TimingRanges = { ...DEFAULT_TIMING, ...scenario.timing };
  const run: ResolvedRun = {
    scenario: {
      name: scenario.name,
      file: fromFlags ? scenario.file : relative(process.cwd(), scenario.file),
    },
    spec,
    ...(bounds.length > 0 ? { bounds } : {}),
    reading,
    strictness: options.strictness ?? scenario.strictness ?? 'all',
    target: opened.target,
    targetOptions,
    targetInfo: opened.info,
    // --path: the one sequence at the path, with the seed given (see checkPathOptions).
    ...(options.path !== undefined ? { path: options.path } : {}),
    runs: options.path !== undefined ? 1 : (options.runs ?? scenario.runs ?? 100),
    maxCommands: options.maxCommands ?? scenario.maxCommands ?? 30,
    seed: options.seed ?? scenario.seed ?? Math.floor(Math.random() * 2 ** 31),
    functions: scenario.functions ?? 2,
    timeBudgetMs: options.timeBudget ?? scenario.timeBudgetMs,
    weights: scenario.weights ?? {},
    timing,
    reporters: reports.names,
    outDir: reports.outDir ?? scenarioOut(scenario) ?? resolve(DEFAULT_OUT),
    regressionsDir,
    maxShrinks: opened.target.capabilities.virtualTime ? undefined : 50,
    bail: options.path !== undefined || (options.bail ?? false),
    shard: options.path !== undefined ? undefined : options.shard,
    concurrency: options.path !== undefined ? 1 : (options.concurrency ?? 1),
    knownRules:
      baseline.baseline === undefined ? new Set() : knownRulesFor(baseline.baseline, opened.info),
    // The run also stops when its target goes away mid-run (executeRun reports it so).
    signal: stopSignal(context.signal, opened.target.gone),
    record:
      options.record === undefined
        ? undefined
        : { file: resolve(options.record), maskAccount: options.maskAccount === true },
    commandLine: context.commandLine,
  };
  // Made before the reporters finish only when one of them writes a file.
  const outDir = outputs.some((o) => o.giver.key === 'out') ? reports.outDir : undefined;
  return { run, opened, minCoverage: options.minCoverage, baseline, outDir };
}
