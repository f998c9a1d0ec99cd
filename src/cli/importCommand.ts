import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import { buildTrace } from '../importers/buildTrace.ts';
import type { CallPlan } from '../importers/CallPlan.ts';
import { planFromTestCode } from '../importers/localstack/planFromTestCode.ts';
import {
  findRecordedTest,
  isoRecordedDate,
  parseSnapshot,
} from '../importers/localstack/readSnapshot.ts';
import { formatPlan, planFromOrderFile } from '../importers/planFromOrderFile.ts';
import { parseTrace, traceIssuesError } from '../traces/readTrace.ts';
import { validateTrace } from '../traces/validateTrace.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';
import { DEFAULT_SPEC } from '../run/defaults.ts';
import { makeDirectory } from '../text/makeDirectory.ts';
import { probeOutFile } from './probeOut.ts';
import { excerpt } from '../errors/excerpt.ts';

/** Usage of `import localstack`. */
export const IMPORT_LOCALSTACK_USAGE =
  'import localstack FILE.snapshot.json --test KEY [--order FILE | --code FILE.py] [--out FILE.jsonl] [--spec S] [--repo owner/name] [--commit SHA] [--license SPDX] [--show-order]';

/** The options of `import localstack`. */
interface ImportOptions {
  readonly test?: string;
  readonly order?: string;
  readonly code?: string;
  readonly out?: string;
  readonly spec?: string;
  readonly repo?: string;
  readonly commit?: string;
  readonly license?: string;
  readonly showOrder?: boolean;
}

/** `import localstack`: the snapshot file, the recorded test, and where the call order comes from. */
export const IMPORT_SPEC: CommandSpec<ImportOptions> = {
  options: {
    test: {
      flag: 'test',
      kind: 'text',
      value: 'KEY',
      help: 'the recorded test (its key, or a unique tail of it)',
    },
    order: {
      flag: 'order',
      kind: 'path',
      value: 'FILE',
      help: 'the order of the calls, one per line (instead of reading the test code)',
    },
    code: {
      flag: 'code',
      kind: 'path',
      value: 'FILE.py',
      help: 'the test code (default: the .py beside the snapshot)',
    },
    out: {
      flag: 'out',
      kind: 'path',
      value: 'FILE.jsonl',
      help: 'where the trace goes (default stdout)',
    },
    spec: {
      flag: 'spec',
      kind: 'path',
      value: 'S',
      help: 'the spec the trace is validated against (default the package spec)',
    },
    repo: {
      flag: 'repo',
      kind: 'text',
      value: 'owner/name',
      help: 'the repository of the recording (default localstack/localstack)',
    },
    commit: {
      flag: 'commit',
      kind: 'text',
      value: 'SHA',
      help: 'the commit the recording was read at',
    },
    license: {
      flag: 'license',
      kind: 'text',
      value: 'SPDX',
      help: 'the licence of the recording (default Apache-2.0)',
    },
    showOrder: {
      flag: 'show-order',
      kind: 'boolean',
      help: 'print the order of the calls as an order file instead of importing',
    },
  },
  positionals: true,
  description:
    'import localstack FILE.snapshot.json --test KEY: turns one AWS-validated LocalStack snapshot test into a trace for check-trace. Exit 0, or 2 naming file:line on bad input.',
};

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(file), 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new HarnessError('BAD_IMPORT', `${file}: cannot read the ${what}: ${reason}`, { cause });
  }
}

/** The test code beside a snapshot file: `x.snapshot.json` → `x.py`. */
function codeBeside(snapshotFile: string): string {
  return snapshotFile.replace(/\.snapshot\.json$/, '.py');
}

async function planOf(
  values: ImportOptions,
  snapshotFile: string,
  testKey: string,
  keys: readonly string[],
  spec: Spec,
): Promise<CallPlan> {
  const { order } = values;
  if (order !== undefined)
    return planFromOrderFile(await readText(order, 'order file'), order, spec);
  const code = values.code ?? codeBeside(snapshotFile);
  if (values.code === undefined && !existsSync(resolve(code))) {
    throw new HarnessError(
      'BAD_IMPORT',
      `${code}: the test code is not beside the snapshot; give it with --code FILE.py, or the order of the calls with --order FILE`,
    );
  }
  // Named as in the repository when the file is a checkout's, so traces name no local paths.
  const inRepo = testKey.split('::')[0] ?? '';
  const shown = inRepo !== '' && resolve(code).endsWith(`/${inRepo}`) ? inRepo : code;
  return planFromTestCode(await readText(code, 'test code'), shown, testKey, keys);
}

/**
 * `lambda-conformance import localstack FILE.snapshot.json --test KEY …` (`args` are what follows
 * `import localstack`): turns one AWS-validated LocalStack snapshot test into a trace that
 * `check-trace` checks. The order of the calls is read from the test code beside the snapshot (or
 * `--code`), or given with `--order FILE`; `--show-order` prints the order as an order file
 * instead of importing. Writes the trace to `--out` (or stdout) and what the import left out or
 * assumed to stderr. Exit 0, or 2 with `file:line` on bad input.
 */
export async function importLocalstackCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = readArgv('import localstack', IMPORT_SPEC, args);
  const [file] = positionals;
  const testName = values.test;
  if (file === undefined || positionals.length > 1 || testName === undefined) {
    throw new HarnessError(
      'BAD_FLAG',
      `import localstack: expected one snapshot file and --test KEY: ${IMPORT_LOCALSTACK_USAGE}`,
    );
  }
  if (values.out !== undefined) await probeOutFile(values.out, 'the trace');
  const test = findRecordedTest(
    parseSnapshot(await readText(file, 'snapshot'), file),
    testName,
    file,
  );
  const specFile = values.spec ?? DEFAULT_SPEC;
  const spec = await loadSpec(resolve(specFile));
  const plan = await planOf(values, file, test.key, Object.keys(test.content), spec);
  if (values.showOrder === true) {
    io.out(`${formatPlan(plan).trimEnd()}\n`);
    return 0;
  }
  const testPath = test.key.split('::')[0] ?? '';
  const { commit } = values;
  const imported = buildTrace({
    spec,
    specFile: relative(process.cwd(), resolve(specFile)),
    plan,
    answers: test.content,
    run: test.key.split('::').slice(1).join('::'),
    target: 'aws',
    source: {
      repo: values.repo ?? 'localstack/localstack',
      ...(commit !== undefined ? { commit } : {}),
      path: testPath.replace(/\.py$/, '.snapshot.json'),
      key: test.key,
      recorded: isoRecordedDate(test.recordedDate),
      license: values.license ?? 'Apache-2.0',
    },
  });
  const text = imported.lines.map((l) => `${JSON.stringify(l)}\n`).join('');
  const { out } = values;
  const shown = out ?? 'the imported trace';
  const issues = validateTrace(parseTrace(text, shown), spec);
  if (issues.length > 0) throw traceIssuesError(shown, issues);
  for (const note of imported.notes) io.err(`import: ${note}\n`);
  if (out === undefined) {
    io.out(text);
  } else {
    await makeDirectory(dirname(resolve(out)));
    await writeFile(resolve(out), text);
    io.err(
      `import: ${imported.lines.length - 1} calls of ${test.key} written to ${out}; check it with: lambda-conformance check-trace ${out}\n`,
    );
  }
  return 0;
}

/**
 * `lambda-conformance import SOURCE …`: dispatches on the recording's source (today only
 * `localstack`).
 */
export async function importCommand(args: readonly string[], io: Io): Promise<number> {
  const [source, ...rest] = args;
  if (source === 'localstack') return importLocalstackCommand(rest, io);
  throw new HarnessError(
    'BAD_FLAG',
    `import: unknown source '${excerpt(source ?? '')}'; expected: ${IMPORT_LOCALSTACK_USAGE}`,
  );
}
