import { fileURLToPath } from 'node:url';
import type { RunFlags } from '../cli/resolveRun.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';

/** A scenario as the API takes it: a path (relative to the working directory) or a `file:` URL. */
export type ScenarioPath = string | URL;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The {@link RunFlags} that hold one string value. */
type StringFlag = {
  [K in keyof RunFlags]-?: NonNullable<RunFlags[K]> extends string ? K : never;
}[keyof RunFlags];

/** The options as the CLI's resolver takes them, the equivalent command line, and the gate. */
export interface ApiFlags {
  readonly flags: RunFlags;
  /** `npx lambda-conformance run …` with the same options: replay hints in the record use it. */
  readonly commandLine: string;
  readonly minCoverage: number | undefined;
}

function bad(option: string, expected: string, value: unknown): HarnessError {
  return new HarnessError(
    'BAD_OPTION',
    `runConformance: option '${option}': expected ${expected}, got ${JSON.stringify(value)}.`,
  );
}

function integer(option: string, value: number | undefined, min: number): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < min) throw bad(option, `an integer >= ${min}`, value);
  return String(value);
}

// The resolver checks these two only after it has opened the target (an emulator it starts would
// be left running), so they are checked here first.
function duration(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'number' ? `${value}ms` : value;
  const badNumber = typeof value === 'number' && !(Number.isSafeInteger(value) && value >= 0);
  if (badNumber || !/^\d+(\.\d+)?(ms|s|m|h)$/.test(text.trim())) {
    throw bad(
      'timeBudget',
      "a duration like '60s', '10m' or milliseconds (an integer >= 0)",
      value,
    );
  }
  return text;
}

function shard(value: ConformanceOptions['shard']): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : `${value.index}/${value.count}`;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = [Number(m?.[1]), Number(m?.[2])];
  if (m === null || index < 1 || index > count) {
    throw bad('shard', "index/count with 1 <= index <= count, e.g. '2/4'", value);
  }
  return text;
}

function minCoverage(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!(Number.isFinite(value) && value >= 0 && value <= 100)) {
    throw bad('minCoverage', 'a percentage from 0 to 100', value);
  }
  return value;
}

/** The scenario path as a plain string (a `file:` URL becomes its path). */
export function scenarioPathOf(scenario: ScenarioPath): string {
  return typeof scenario === 'string' ? scenario : fileURLToPath(scenario);
}

/**
 * Checks the options and turns them into the CLI's {@link RunFlags}. Everything that can be wrong
 * with an option itself is caught here, before the target is opened, as a HarnessError
 * `BAD_OPTION` naming the option; what needs the scenario or the spec (an unknown reading, mutant
 * or target) is caught by the resolver, with the same messages as the CLI's.
 */
export function toRunFlags(scenario: ScenarioPath, options: ConformanceOptions): ApiFlags {
  const file = scenarioPathOf(scenario);
  const flags: Mutable<RunFlags> = {
    scenario: file,
    mutants: [...(options.mutants ?? [])],
    allowAccounts: [...(options.allowAccounts ?? [])],
    save: options.save ?? true,
    maskAccount: options.maskAccount === true,
  };
  const entries: readonly (readonly [StringFlag, string, string | undefined])[] = [
    ['target', 'target', options.target],
    ['endpoint', 'endpoint', options.endpoint],
    ['runs', 'runs', integer('runs', options.runs, 1)],
    ['seed', 'seed', integer('seed', options.seed, 0)],
    ['maxCommands', 'max-commands', integer('maxCommands', options.maxCommands, 1)],
    ['out', 'out', options.out],
    ['reading', 'reading', options.reading],
    ['timeBudget', 'time-budget', duration(options.timeBudget)],
    ['shard', 'shard', shard(options.shard)],
    ['regressions', 'regressions', options.regressions],
    ['record', 'record', options.record],
    ['concurrency', 'concurrency', integer('concurrency', options.concurrency, 1)],
  ];
  const words = ['npx lambda-conformance run', file];
  for (const [key, flag, value] of entries) {
    if (value === undefined) continue;
    flags[key] = value;
    words.push(`--${flag}`, value);
  }
  for (const m of flags.mutants) words.push('--mutant', m);
  for (const a of flags.allowAccounts) words.push('--allow-account', a);
  if (!flags.save) words.push('--no-save');
  if (flags.maskAccount === true) words.push('--mask-account');
  if (options.baseline !== undefined) words.push('--baseline', options.baseline);
  const gate = minCoverage(options.minCoverage);
  if (gate !== undefined) words.push('--min-coverage', String(gate));
  return { flags, commandLine: words.join(' '), minCoverage: gate };
}
