import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import {
  COUNTEREXAMPLES_DIR,
  initFiles,
  REPORTS_DIR,
  SCENARIO_FILE,
  TEST_FILE,
  WORKFLOW_FILE,
} from './initFiles.ts';
import { readArgv } from './parseArgv.ts';

/** The options of `init`. */
interface InitOptions {
  readonly endpoint?: string;
  readonly name?: string;
  readonly runs?: number;
  readonly start?: string;
  readonly dir?: string;
}

/** The endpoint written when none is given: where most emulators listen. */
const DEFAULT_ENDPOINT = 'http://127.0.0.1:4566';

/** `init`: what goes into the files it writes, and where. */
export const INIT_SPEC: CommandSpec<InitOptions> = {
  options: {
    endpoint: {
      flag: 'endpoint',
      kind: 'text',
      value: 'URL',
      pattern: /^https?:\/\/[^\s/]+\S*$/,
      expected: 'an http:// or https:// URL',
      help: `your emulator's Lambda endpoint (default ${DEFAULT_ENDPOINT})`,
    },
    name: {
      flag: 'name',
      kind: 'text',
      value: 'NAME',
      pattern: /^[A-Za-z0-9][\w.-]{0,63}$/,
      expected: 'a name of letters, digits, ., - and _ (at most 64)',
      help: 'the scenario name the reports show (default emulator)',
    },
    runs: {
      flag: 'runs',
      kind: 'integer',
      min: 1,
      value: 'N',
      help: 'generated sequences (default 100)',
    },
    start: {
      flag: 'start',
      kind: 'text',
      value: 'COMMAND',
      pattern: /\S/,
      expected: 'a command',
      help: 'the command that starts your emulator in the workflow (default: a step marked TODO)',
    },
    dir: {
      flag: 'dir',
      kind: 'path',
      value: 'DIR',
      help: 'the project to write into (default: the current directory)',
    },
  },
  positionals: false,
  description: `Writes ${SCENARIO_FILE}, ${TEST_FILE} and ${WORKFLOW_FILE} into the project. Never overwrites a file: when one exists, nothing is written (exit 2).`,
};

/**
 * `lambda-conformance init [--endpoint URL] [--name NAME] [--runs N] [--start COMMAND] [--dir DIR]`:
 * writes a scenario for the user's endpoint, a vitest test using `describeConformance`, and a
 * GitHub Actions workflow (checkout, Node 20, `npm ci`, start the emulator, run the suite, upload
 * the reports and the counterexamples). Every file is checked first: if one exists, nothing is
 * written and the command fails naming it.
 *
 * @throws HarnessError `BAD_FLAG` for a bad flag; `INIT_FILE_EXISTS` naming the files that exist.
 */
export async function initCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = readArgv('init', INIT_SPEC, args);
  const dir = resolve(values.dir ?? '.');
  const files = initFiles({
    name: values.name ?? 'emulator',
    endpoint: values.endpoint ?? DEFAULT_ENDPOINT,
    runs: values.runs ?? 100,
    start: values.start,
  });
  const existing = files.filter((f) => existsSync(join(dir, f.path))).map((f) => f.path);
  if (existing.length > 0) {
    const [last, ...rest] = [...existing].reverse();
    const named = rest.length === 0 ? last : `${[...rest].reverse().join(', ')} and ${last ?? ''}`;
    throw new HarnessError(
      'INIT_FILE_EXISTS',
      `init: ${named ?? ''} already exist${existing.length === 1 ? 's' : ''} in ${dir}; nothing was written (init never overwrites a file).`,
    );
  }
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    // 'wx': a file that appeared since the check is still not overwritten.
    await writeFile(path, file.text, { encoding: 'utf8', flag: 'wx' });
  }
  const width = Math.max(...files.map((f) => f.path.length));
  for (const f of files) io.out(`wrote ${f.path.padEnd(width)}  ${f.what}\n`);
  const run = `npx lambda-conformance run ${SCENARIO_FILE}`;
  const vitest = 'npx vitest run conformance';
  const column = Math.max(run.length, vitest.length);
  io.out(
    [
      '',
      values.start === undefined
        ? `Next: put the command that starts your emulator in the step marked TODO in ${WORKFLOW_FILE}; then, with the emulator running:`
        : 'Next, with the emulator running:',
      `  ${run.padEnd(column)}  # reports in ${REPORTS_DIR}/, counterexamples in ${COUNTEREXAMPLES_DIR}/`,
      `  ${vitest.padEnd(column)}  # the same suite, one vitest test per rule`,
      '',
    ].join('\n'),
  );
  return 0;
}
