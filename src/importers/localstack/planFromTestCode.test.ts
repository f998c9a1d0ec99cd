import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../planFromOrderFile.ts';
import { planFromTestCode } from './planFromTestCode.ts';

const KEY = 'tests/t.py::TestX::test_it';

/** A test function in LocalStack's style, with the patterns the reader must follow. */
const CODE = `
class TestX:
    @markers.aws.validated
    def test_it(
        self, create_lambda_function, snapshot, aws_client
    ):
        """Doc string with aws_client.lambda_.delete_function(FunctionName=x) in it."""
        function_name = f"fn-{short_uid()}"
        other = f"fn2-{short_uid()}"
        create_response = create_lambda_function(
            func_name=function_name,
            runtime=Runtime.python3_12,
        )
        snapshot.match("create", create_response)
        aws_client.lambda_.get_waiter("function_active_v2").wait(FunctionName=function_name)
        aws_client.lambda_.create_function(FunctionName=other, PackageType="Image")  # not matched
        result = aws_client.lambda_.get_function(FunctionName=function_name)
        result = read_streams(result)
        snapshot.match("get", result["Configuration"])
        with pytest.raises(aws_client.lambda_.exceptions.PreconditionFailedException) as e:
            aws_client.lambda_.update_function_code(
                FunctionName=function_name, ZipFile=b"x", RevisionId="wrong"
            )
        snapshot.match("stale", e.value.response)
        aws_client.lambda_.get_function(FunctionName=function_name, Qualifier="1")
        aws_client.lambda_.delete_function(FunctionName=f"{function_name}:1")
        aws_client.lambda_.update_function_code(FunctionName=other, ZipFile=b"y", Publish=True)
        aws_client.lambda_.untag_resource(Resource=function_name, TagKeys=["a"])
        arn = f"arn:aws:lambda:r:111111111111:function:{function_name}"
        aws_client.lambda_.delete_function(FunctionName=arn)
        listed = aws_client.lambda_.list_functions()
        snapshot.match("list", listed)

    def test_other(self):
        aws_client.lambda_.delete_function(FunctionName="z")
`;

describe('planFromTestCode', () => {
  it('reads the calls in order, with their keys, functions and what the spec does not cover', () => {
    const plan = planFromTestCode(CODE, 't.py', KEY, ['create', 'get', 'stale', 'list']);
    expect(plan.order).toBe('test code t.py:4');
    expect(formatPlan(plan).split('\n')).toEqual([
      '# order of test code t.py:4',
      'CreateFunction fn0 <- create  # t.py:10',
      'CreateFunction fn1 packageType=Image  # t.py:16',
      'GetFunction fn0 partial <- get  # t.py:17',
      'UpdateFunctionCode fn0 revisionId=stale <- stale  # t.py:21',
      '- get_function[qualified] fn0  # t.py:25',
      '! delete_function[by-arn] fn0  # t.py:26',
      'UpdateFunctionCode fn1 publish=yes  # t.py:27',
      'UntagResource fn0  # t.py:28',
      '! delete_function[by-arn] fn0  # t.py:30',
      'ListFunctions fn0 <- list  # t.py:31',
      'ListFunctions fn1 <- list  # t.py:31',
    ]);
  });

  it('reads a real LocalStack test: CRUD of test_function_lifecycle', async () => {
    const dir = 'src/importers/localstack/fixtures/tests/aws/services/lambda_';
    const code = await readFile(`${dir}/test_lambda_api.py`, 'utf8');
    const snapshot = JSON.parse(
      await readFile(`${dir}/test_lambda_api.snapshot.json`, 'utf8'),
    ) as Record<string, { 'recorded-content': Record<string, unknown> }>;
    const key =
      'tests/aws/services/lambda_/test_lambda_api.py::TestLambdaFunction::test_function_lifecycle';
    const keys = Object.keys(snapshot[key]?.['recorded-content'] ?? {});
    const plan = planFromTestCode(code, 'test_lambda_api.py', key, keys);
    expect(
      plan.calls.map((c) => (c.kind === 'spec' ? `${c.operation} ${c.key ?? '-'}` : c.call)),
    ).toEqual([
      'CreateFunction create_response',
      'GetFunction get_function_response',
      'UpdateFunctionConfiguration update_func_conf_response',
      'GetFunction get_function_response_postupdate',
      'UpdateFunctionCode update_code_response',
      'GetFunction get_function_response_postcodeupdate',
      'DeleteFunction delete_response',
      'DeleteFunction delete_postdelete',
    ]);
  });

  it.each([
    [
      'a call inside a loop',
      `class TestX:\n    def test_it(self):\n        for i in range(3):\n            aws_client.lambda_.invoke(FunctionName=f)\n`,
      [],
      /^t\.py:4: a call inside 'for' \(line 3\): the order of its calls cannot be read/,
    ],
    [
      'a computed key',
      `class TestX:\n    def test_it(self):\n        r = aws_client.lambda_.invoke(FunctionName=f)\n        snapshot.match(f"r{i}", r)\n`,
      [],
      /^t\.py:4: a snapshot key computed at run time \(f"r\{i\}"\)/,
    ],
    [
      'an answer no call can be found for',
      `class TestX:\n    def test_it(self):\n        with pytest.raises(Exception) as e:\n            method(FunctionName=f)\n        snapshot.match("k", e.value.response)\n`,
      ['k'],
      /^t\.py:5: cannot tell which call answered snapshot 'k' \(e\.value\.response\)/,
    ],
    [
      'recorded keys matched in a helper',
      `class TestX:\n    def test_it(self):\n        def helper(s):\n            snapshot.match(f"k_{s}", aws_client.lambda_.list_tags(Resource=a))\n        helper("x")\n`,
      ['k_x'],
      /^t\.py:2: the recording holds 'k_x', which no straight-line call of the test matches/,
    ],
    [
      'a test that is not in the file',
      `class TestY:\n    def test_it(self):\n        pass\n`,
      [],
      /^t\.py: no test function 'TestX\.test_it' in the test code/,
    ],
  ])('refuses %s, naming file:line and asking for an order file', (_what, code, keys, message) => {
    expect(() => planFromTestCode(code, 't.py', KEY, keys)).toThrow(message);
  });
});
