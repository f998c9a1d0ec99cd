import { HarnessError } from '../../errors/HarnessError.ts';
import { closest, didYouMean } from '../../errors/didYouMean.ts';
import { excerpt } from '../../errors/excerpt.ts';

/** One test of a LocalStack `*.snapshot.json` file: its answers as recorded against AWS. */
export interface RecordedTest {
  /** `tests/aws/services/lambda_/test_lambda_api.py::TestLambdaFunction::test_function_lifecycle`. */
  readonly key: string;
  /** As the file states it: `25-11-2025, 02:26:54`. */
  readonly recordedDate: string;
  /** Snapshot key → recorded answer (boto3 response dicts, placeholders for ids and ARNs). */
  readonly content: Readonly<Record<string, unknown>>;
}

function bad(file: string, what: string): HarnessError {
  return new HarnessError('BAD_IMPORT', `${file}: ${what}`);
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a LocalStack snapshot file: test key → recorded test. */
export function parseSnapshot(text: string, file: string): Map<string, RecordedTest> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new HarnessError(
      'BAD_IMPORT',
      `${file}: not JSON: expected a LocalStack *.snapshot.json file`,
      { cause },
    );
  }
  if (!isObject(value))
    throw bad(file, 'expected an object of test keys (a LocalStack *.snapshot.json file)');
  const tests = new Map<string, RecordedTest>();
  for (const [key, test] of Object.entries(value)) {
    if (!isObject(test) || !isObject(test['recorded-content'])) {
      throw bad(file, `test '${key}' has no 'recorded-content' object`);
    }
    const date = test['recorded-date'];
    tests.set(key, {
      key,
      recordedDate: typeof date === 'string' ? date : 'unknown',
      content: test['recorded-content'],
    });
  }
  return tests;
}

/**
 * The test `wanted` names: its full key, or a unique tail of it (`Class::test`, `test[param]`). An
 * unknown or ambiguous name is a `BAD_IMPORT` error with the candidates.
 */
export function findRecordedTest(
  tests: ReadonlyMap<string, RecordedTest>,
  wanted: string,
  file: string,
): RecordedTest {
  const exact = tests.get(wanted);
  if (exact !== undefined) return exact;
  const tails = [...tests.values()].filter(
    (t) => t.key.endsWith(`::${wanted}`) || t.key.endsWith(`.py::${wanted}`),
  );
  const [only, second] = tails;
  if (only !== undefined && second === undefined) return only;
  if (only !== undefined) {
    throw bad(
      file,
      `--test '${excerpt(wanted)}' matches ${tails.length} tests: ${tails.map((t) => t.key.split('::').slice(1).join('::')).join(', ')}`,
    );
  }
  const names = [...tests.keys()].map((k) => k.split('::').slice(1).join('::'));
  // A misspelt test name is compared with the test names, not only with the whole keys.
  const near = names.find((n) => closest(wanted, [n.split('::').pop() ?? n]) !== undefined);
  const hint = near !== undefined ? `Did you mean '${near}'?` : (didYouMean(wanted, names) ?? '');
  throw bad(file, `no recorded test '${excerpt(wanted)}'. ${hint}`.trim());
}

/** `25-11-2025, 02:26:54` → `2025-11-25T02:26:54` (the recording states no time zone). */
export function isoRecordedDate(date: string): string {
  const m = /^([0-9]{2})-([0-9]{2})-([0-9]{4}), ([0-9:]{8})$/.exec(date);
  return m === null ? date : `${m[3] ?? ''}-${m[2] ?? ''}-${m[1] ?? ''}T${m[4] ?? ''}`;
}
