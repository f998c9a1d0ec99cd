import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import { excerpt } from '../errors/excerpt.ts';
import type { DivergenceCategory } from '../monitor/Verdict.ts';
import type { ScenarioTarget } from '../spec/Scenario.ts';
import type { Strictness } from '../spec/strictness.ts';
import type { Timing } from '../targets/Target.ts';
import { counterexampleProblems } from './counterexampleProblems.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

/**
 * Version of the counterexample file format that runs write. Version 2 stores the target settings
 * a replay needs (endpoint kind, event mapping, role, observesCode…), the strictness and the
 * unobservable fields; version 1 files are still read.
 */
export const COUNTEREXAMPLE_VERSION = 2;

/** The versions {@link loadCounterexample} reads. */
export const COUNTEREXAMPLE_VERSIONS: readonly number[] = [1, COUNTEREXAMPLE_VERSION];

/**
 * Where an aws target's Lambda endpoint was: `emulator`, the built-in emulator the run started
 * for itself (a replay starts a fresh one); `external`, an endpoint URL that must be running when
 * the counterexample is replayed (another emulator, or the built-in one started by `serve`);
 * `aws`, no endpoint: the SDK's own (real AWS).
 */
export type EndpointKind = 'emulator' | 'external' | 'aws';

/**
 * Target settings never stored in a counterexample: the local profile name and the accounts a
 * real-AWS run may touch, which a replay must be given again (`--allow-account`). Credentials are
 * no target setting at all: they come from the environment and are never written anywhere.
 */
export const UNSTORED_TARGET_SETTINGS = ['profile', 'allowAccounts'] as const;

/**
 * The target settings a counterexample was found with: the scenario's target options and the run's
 * flags merged, without {@link UNSTORED_TARGET_SETTINGS}.
 */
export type StoredTarget = Omit<
  ScenarioTarget,
  'mutants' | (typeof UNSTORED_TARGET_SETTINGS)[number]
> & {
  readonly mutants: readonly string[];
  /** Version 2, aws target: where the endpoint was. */
  readonly endpointKind?: EndpointKind;
};

/** A saved, replayable sequence and the verdict it produced (scenarios/regressions/*.json). */
export interface Counterexample {
  readonly version: 1 | typeof COUNTEREXAMPLE_VERSION;
  readonly description: string;
  readonly spec: { readonly file: string; readonly hash: string };
  readonly reading: string;
  /** Version 2: how strictly the run judged; a version 1 file replays with `all`. */
  readonly strictness?: Strictness;
  /** Version 2: observation fields the run's target could not see, so the run never checked them. */
  readonly unobservable?: readonly string[];
  /** The target and its settings (version 1: name, mutants, endpoint and emulator delays only). */
  readonly target: StoredTarget;
  readonly timing: Timing;
  /** Human-readable form of `commands`, one replay call per line. */
  readonly text: readonly string[];
  readonly commands: readonly HarnessCommand[];
  readonly expected: {
    readonly verdict: 'divergence' | 'conformant';
    readonly ruleId?: string;
    readonly category?: DivergenceCategory;
  };
}

/** The {@link EndpointKind} of an aws target's `endpoint` setting. */
export function endpointKindOf(endpoint: string | undefined): EndpointKind {
  if (endpoint === undefined) return 'aws';
  return endpoint === 'emulator' ? 'emulator' : 'external';
}

/**
 * What a counterexample stores about the target a run used: its settings but the unstored ones,
 * its mutants, and for the aws target where the endpoint was and whether it ran the handler.
 */
export function storedTarget(
  options: ScenarioTarget,
  info: { readonly mutants: readonly string[]; readonly observesCode: boolean },
): StoredTarget {
  const settings: { -readonly [K in keyof ScenarioTarget]: ScenarioTarget[K] } = { ...options };
  for (const key of UNSTORED_TARGET_SETTINGS) delete settings[key];
  return {
    ...settings,
    mutants: [...info.mutants],
    ...(options.name === 'aws'
      ? { endpointKind: endpointKindOf(options.endpoint), observesCode: info.observesCode }
      : {}),
  };
}

/** Writes a counterexample as `<dir>/<rule>-<hash>.json` (same content, same name) and returns the path. */
export async function saveCounterexample(dir: string, cx: Counterexample): Promise<string> {
  await makeDirectory(dir);
  const text = `${JSON.stringify(cx, null, 2)}\n`;
  const hash = createHash('sha256')
    .update(JSON.stringify(cx.commands))
    .update(cx.target.mutants.join(','))
    .digest('hex')
    .slice(0, 10);
  const file = join(dir, `${cx.expected.ruleId ?? 'run'}-${hash}.json`);
  await writeFile(file, text);
  return file;
}

/**
 * Reads a counterexample file of any version in {@link COUNTEREXAMPLE_VERSIONS}, checking its
 * form (not yet against a spec: see `commandIssues`).
 *
 * @throws HarnessError `COUNTEREXAMPLE_INVALID`, one line naming the file and every problem.
 */
export async function loadCounterexample(file: string): Promise<Counterexample> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    const why =
      cause instanceof SyntaxError
        ? `is not valid JSON (${excerpt(cause.message)})`
        : 'cannot be read';
    throw new HarnessError('COUNTEREXAMPLE_INVALID', `${file}: counterexample file ${why}.`, {
      cause,
    });
  }
  const problems = counterexampleProblems(parsed, COUNTEREXAMPLE_VERSIONS);
  if (problems.length > 0) {
    throw new HarnessError(
      'COUNTEREXAMPLE_INVALID',
      `${file}: not a counterexample: ${problems.join('; ')}.`,
    );
  }
  // Every member replay reads was checked above.
  return parsed as Counterexample;
}
