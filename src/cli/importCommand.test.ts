import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/HarnessError.ts';
import type { TraceLine } from '../traces/TraceRecord.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';
import { importCommand } from './importCommand.ts';

const SNAPSHOT =
  'src/importers/localstack/fixtures/tests/aws/services/lambda_/test_lambda_api.snapshot.json';

/** Runs `import …` in process: output, and exit 2 with the message for a HarnessError (as main does). */
async function runImport(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  try {
    const code = await importCommand(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    return { code: 2, out: out.join('\n'), err: error.message };
  }
}

describe('lambda-conformance import localstack', () => {
  it('imports a recorded test in the order of its code, naming its source, and check-trace finds it conformant', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'lifecycle.jsonl');
    const r = await runImport(
      'localstack',
      SNAPSHOT,
      '--test',
      'test_function_lifecycle',
      '--out',
      trace,
      '--commit',
      'abc123',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `import: 8 calls of tests/aws/services/lambda_/test_lambda_api.py::TestLambdaFunction::test_function_lifecycle written to ${trace}`,
    );
    const lines = (await readFile(trace, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceLine);
    const [header] = lines;
    expect(header?.type === 'run' ? header.source : undefined).toEqual({
      repo: 'localstack/localstack',
      commit: 'abc123',
      path: 'tests/aws/services/lambda_/test_lambda_api.snapshot.json',
      key: 'tests/aws/services/lambda_/test_lambda_api.py::TestLambdaFunction::test_function_lifecycle',
      recorded: '2025-11-25T02:26:54',
      license: 'Apache-2.0',
      order: 'test code tests/aws/services/lambda_/test_lambda_api.py:9',
      notes: [],
    });
    const checked = await cli('check-trace', trace, '--out', dir, '--reporter', 'json');
    expect(checked.code).toBe(0);
    expect((await readRecord(dir)).operations).toBe(8);
  });

  it('takes the order from an order file instead, and prints the order it reads with --show-order', async () => {
    const dir = await tempDir();
    const shown = await runImport(
      'localstack',
      SNAPSHOT,
      '--test',
      'test_redundant_updates',
      '--show-order',
    );
    expect(shown.code).toBe(0);
    expect(shown.out.split('\n').slice(1, 3)).toEqual([
      'CreateFunction fn0 <- create_response  # tests/aws/services/lambda_/test_lambda_api.py:70',
      'UpdateFunctionConfiguration fn0 <- first_update_result  # tests/aws/services/lambda_/test_lambda_api.py:78',
    ]);
    // The user's own order: only the two updates, the second one's answer read from the first key.
    const order = join(dir, 'o.order');
    await writeFile(
      order,
      'CreateFunction <- create_response\nUpdateFunctionConfiguration <- first_update_result\n',
    );
    const r = await runImport(
      'localstack',
      SNAPSHOT,
      '--test',
      'TestLambdaFunction::test_redundant_updates',
      '--order',
      order,
    );
    expect(r.code).toBe(0);
    const ops = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceLine);
    expect(ops.flatMap((l) => (l.type === 'op' ? [l.command] : []))).toEqual([
      'CreateFunction(fn0, code=1, config=1, packageType=Zip, publish=no)',
      'UpdateFunctionConfiguration(fn0, config=2, revisionId=none)',
    ]);
    expect(ops[0]?.type === 'run' ? ops[0].source?.order : undefined).toBe(order);
  });

  it.each([
    [
      ['localstack', SNAPSHOT, '--test', 'test_function_lifecycl'],
      /no recorded test 'test_function_lifecycl'\. Did you mean 'TestLambdaFunction::test_function_lifecycle'\?/,
    ],
    [['localstack', SNAPSHOT], /expected one snapshot file and --test KEY/],
    [
      ['localstack', 'none.snapshot.json', '--test', 'x'],
      /^none\.snapshot\.json: cannot read the snapshot/,
    ],
    [['moto', SNAPSHOT], /^import: unknown source 'moto'/],
  ])('exits 2 on bad input %j', async (args, message) => {
    const r = await runImport(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('asks for the code or an order when the test code is not beside the snapshot', async () => {
    const dir = await tempDir();
    const copy = join(dir, 'x.snapshot.json');
    await writeFile(copy, await readFile(SNAPSHOT, 'utf8'));
    const r = await runImport('localstack', copy, '--test', 'test_function_lifecycle');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `${join(dir, 'x.py')}: the test code is not beside the snapshot; give it with --code FILE.py, or the order of the calls with --order FILE`,
    );
  });
});
