import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
import type { Io } from './Io.ts';
import { parseFlags } from './parseFlags.ts';
import { DEFAULT_SPEC } from './resolveRun.ts';

/** Usage of `import localstack`. */
export const IMPORT_LOCALSTACK_USAGE =
  'import localstack FILE.snapshot.json --test KEY [--order FILE | --code FILE.py] [--out FILE.jsonl] [--spec S] [--repo owner/name] [--commit SHA] [--license SPDX] [--show-order]';

const FLAGS = {
  test: { type: 'string' },
  order: { type: 'string' },
  code: { type: 'string' },
  out: { type: 'string' },
  spec: { type: 'string' },
  repo: { type: 'string' },
  commit: { type: 'string' },
  license: { type: 'string' },
  'show-order': { type: 'boolean' },
} as const;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

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
  values: Record<string, unknown>,
  snapshotFile: string,
  testKey: string,
  keys: readonly string[],
  spec: Spec,
): Promise<CallPlan> {
  const order = str(values['order']);
  if (order !== undefined)
    return planFromOrderFile(await readText(order, 'order file'), order, spec);
  const code = str(values['code']) ?? codeBeside(snapshotFile);
  if (str(values['code']) === undefined && !existsSync(resolve(code))) {
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
  const { values, positionals } = parseFlags('import localstack', args, FLAGS, true);
  const [file] = positionals;
  const testName = str(values['test']);
  if (file === undefined || positionals.length > 1 || testName === undefined) {
    throw new HarnessError(
      'BAD_FLAG',
      `import localstack: expected one snapshot file and --test KEY: ${IMPORT_LOCALSTACK_USAGE}`,
    );
  }
  const test = findRecordedTest(
    parseSnapshot(await readText(file, 'snapshot'), file),
    testName,
    file,
  );
  const specFile = str(values['spec']) ?? DEFAULT_SPEC;
  const spec = await loadSpec(resolve(specFile));
  const plan = await planOf(values, file, test.key, Object.keys(test.content), spec);
  if (values['show-order'] === true) {
    io.out(formatPlan(plan));
    return 0;
  }
  const testPath = test.key.split('::')[0] ?? '';
  const commit = str(values['commit']);
  const imported = buildTrace({
    spec,
    specFile: relative(process.cwd(), resolve(specFile)),
    plan,
    answers: test.content,
    run: test.key.split('::').slice(1).join('::'),
    target: 'aws',
    source: {
      repo: str(values['repo']) ?? 'localstack/localstack',
      ...(commit !== undefined ? { commit } : {}),
      path: testPath.replace(/\.py$/, '.snapshot.json'),
      key: test.key,
      recorded: isoRecordedDate(test.recordedDate),
      license: str(values['license']) ?? 'Apache-2.0',
    },
  });
  const text = imported.lines.map((l) => `${JSON.stringify(l)}\n`).join('');
  const out = str(values['out']);
  const shown = out ?? 'the imported trace';
  const issues = validateTrace(parseTrace(text, shown), spec);
  if (issues.length > 0) throw traceIssuesError(shown, issues);
  for (const note of imported.notes) io.err(`import: ${note}`);
  if (out === undefined) {
    io.out(text.trimEnd());
  } else {
    await mkdir(dirname(resolve(out)), { recursive: true });
    await writeFile(resolve(out), text);
    io.err(
      `import: ${imported.lines.length - 1} calls of ${test.key} written to ${out}; check it with: lambda-conformance check-trace ${out}`,
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
    `import: unknown source '${source ?? ''}'; expected: ${IMPORT_LOCALSTACK_USAGE}`,
  );
}
