import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import { excerpt } from '../errors/excerpt.ts';
import type { DivergenceCategory } from '../monitor/Verdict.ts';
import type { ScenarioTarget } from '../spec/Scenario.ts';
import type { Timing } from '../targets/Target.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

/** Version of the counterexample file format. */
export const COUNTEREXAMPLE_VERSION = 1;

/** A saved, replayable sequence and the verdict it produced (scenarios/regressions/*.json). */
export interface Counterexample {
  readonly version: typeof COUNTEREXAMPLE_VERSION;
  readonly description: string;
  readonly spec: { readonly file: string; readonly hash: string };
  readonly reading: string;
  readonly target: {
    readonly name: string;
    readonly mutants: readonly string[];
    /** The endpoint (`emulator` for a run-owned emulator) and its delays, when not the memory target. */
    readonly endpoint?: string;
    readonly emulator?: ScenarioTarget['emulator'];
  };
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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a counterexample file, with a clear error naming the file and what is wrong. */
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
  const problems: string[] = [];
  if (!isObject(parsed)) problems.push('expected a JSON object');
  else {
    if (parsed['version'] !== COUNTEREXAMPLE_VERSION)
      problems.push(`"version" must be ${COUNTEREXAMPLE_VERSION}`);
    if (!Array.isArray(parsed['commands']))
      problems.push('"commands" must be an array of commands');
    if (!isObject(parsed['timing'])) problems.push('"timing" must be an object');
    if (!isObject(parsed['target']))
      problems.push('"target" must be an object with name and mutants');
    if (!isObject(parsed['expected'])) problems.push('"expected" must be an object');
  }
  if (problems.length > 0) {
    throw new HarnessError(
      'COUNTEREXAMPLE_INVALID',
      `${file}: not a counterexample: ${problems.join('; ')}.`,
    );
  }
  return parsed as Counterexample;
}
