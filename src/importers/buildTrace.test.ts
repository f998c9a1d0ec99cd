import { describe, expect, it } from 'vitest';
import type { TraceOpLine } from '../traces/TraceRecord.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import { buildTrace, IMPORT_STEP_MS } from './buildTrace.ts';
import type { PlannedCall } from './CallPlan.ts';

const spec = await loadSpec('spec/lambda-lifecycle.yaml');

const meta = (status: number): object => ({
  ResponseMetadata: { HTTPHeaders: {}, HTTPStatusCode: status },
});

/** A recorded function configuration, LocalStack style. */
function config(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    FunctionName: '<function-name:1>',
    CodeSha256: '<code-sha256:1>',
    Description: '',
    MemorySize: 128,
    PackageType: 'Zip',
    Version: '$LATEST',
    ...fields,
    ...meta(200),
  };
}

function error(code: string, status: number, message: string): object {
  return { Error: { Code: code, Message: message }, Message: message, ...meta(status) };
}

const call = (operation: string, key?: string, extra: Partial<PlannedCall> = {}): PlannedCall =>
  ({
    kind: 'spec',
    operation,
    args: {},
    where: `t:${operation}`,
    fn: 'fn0',
    ...(key !== undefined ? { key } : {}),
    ...extra,
  }) as PlannedCall;

function importOf(calls: readonly PlannedCall[], answers: Record<string, unknown>) {
  const trace = buildTrace({
    spec,
    specFile: 'spec/lambda-lifecycle.yaml',
    plan: { calls, order: 'test', notes: [] },
    answers,
    run: 'r',
    target: 'aws',
    source: {
      repo: 'o/r',
      path: 'p.snapshot.json',
      key: 'p.py::t',
      recorded: '2025-01-01T00:00:00',
      license: 'Apache-2.0',
    },
  });
  const ops = trace.lines.filter((l): l is TraceOpLine => l.type === 'op');
  return { trace, ops, commands: ops.map((o) => o.command) };
}

describe('buildTrace', () => {
  it('numbers code and configuration revisions by what the answers show', () => {
    const { ops, commands } = importOf(
      [
        call('CreateFunction', 'create'),
        call('UpdateFunctionConfiguration', 'same-config'),
        call('UpdateFunctionConfiguration', 'new-config'),
        call('PublishVersion', 'publish'),
        call('UpdateFunctionCode', 'new-code'),
        call('UpdateFunctionCode', 'same-code'),
        call('UpdateFunctionConfiguration', 'back-to-first'),
      ],
      {
        create: {
          CreateFunctionResponse: config({
            State: 'Pending',
            StateReasonCode: 'Creating',
            RevisionId: '<uuid:1>',
          }),
        },
        'same-config': config({
          State: 'Active',
          LastUpdateStatus: 'InProgress',
          RevisionId: '<uuid:2>',
        }),
        'new-config': config({
          State: 'Active',
          LastUpdateStatus: 'InProgress',
          RevisionId: '<uuid:3>',
          Description: 'x',
        }),
        publish: config({
          State: 'Active',
          Version: '1',
          RevisionId: '<uuid:9>',
          Description: 'the version’s own',
        }),
        'new-code': config({
          LastUpdateStatus: 'InProgress',
          Description: 'x',
          CodeSha256: '<code-sha256:2>',
        }),
        'same-code': config({
          LastUpdateStatus: 'InProgress',
          Description: 'x',
          CodeSha256: '<code-sha256:2>',
        }),
        'back-to-first': config({ LastUpdateStatus: 'InProgress', CodeSha256: '<code-sha256:2>' }),
      },
    );
    expect(commands).toEqual([
      'CreateFunction(fn0, code=1, config=1, packageType=Zip, publish=no)',
      'UpdateFunctionConfiguration(fn0, config=1, revisionId=none)',
      'UpdateFunctionConfiguration(fn0, config=2, revisionId=none)',
      'PublishVersion(fn0, revisionId=none)',
      'UpdateFunctionCode(fn0, code=2, publish=no, revisionId=none)',
      'UpdateFunctionCode(fn0, code=2, publish=no, revisionId=none)',
      'UpdateFunctionConfiguration(fn0, config=1, revisionId=none)',
    ]);
    expect(ops.map((o) => o.at)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => i * IMPORT_STEP_MS));
    // PublishVersion reports the version, whose RevisionId is not $LATEST's.
    expect(ops[3]?.observation).toEqual({
      kind: 'ok',
      fields: { State: 'Active', Version: '1', PackageType: 'Zip' },
    });
  });

  it('reads refusals: a 412 is a stale RevisionId, a 400 is left out', () => {
    const { trace, commands, ops } = importOf(
      [
        call('CreateFunction', 'create'),
        call('UpdateFunctionCode', 'stale'),
        call('UpdateFunctionCode', 'invalid'),
      ],
      {
        create: config({ State: 'Pending', RevisionId: '<uuid:1>' }),
        stale: error(
          'PreconditionFailedException',
          412,
          'The Revision Id provided does not match the latest Revision Id.',
        ),
        invalid: error('InvalidParameterValueException', 400, 'Please provide ImageUri'),
      },
    );
    expect(commands[1]).toBe('UpdateFunctionCode(fn0, code=1, publish=no, revisionId=stale)');
    expect(ops[1]?.observation).toMatchObject({
      kind: 'error',
      type: 'PreconditionFailedException',
      status: 412,
    });
    expect(ops).toHaveLength(2);
    expect(trace.notes).toEqual([
      "t:UpdateFunctionCode: UpdateFunctionCode left out: refused as invalid input (InvalidParameterValueException, 400), arguments outside the spec's inputs",
    ]);
  });

  it('starts a function made before the recorded calls with an unrecorded CreateFunction', () => {
    const { trace, ops } = importOf([call('GetFunction', 'get')], {
      get: {
        Configuration: config({ State: 'Active', PackageType: 'Image', RevisionId: '<uuid:1>' }),
        ...meta(200),
      },
    });
    expect(ops.map((o) => o.command)).toEqual([
      'CreateFunction(fn0, code=1, config=1, packageType=Image, publish=no)',
      'GetFunction(fn0, qualifier=none)',
    ]);
    expect(ops[0]?.observation).toEqual({ kind: 'ok', fields: {}, unrecorded: true });
    expect(trace.notes[0]).toMatch(/fn0 existed before the recorded calls/);
  });

  it('does not start a function that a refusal shows missing', () => {
    const { ops } = importOf([call('GetFunction', 'missing')], {
      missing: error('ResourceNotFoundException', 404, 'Function not found: arn:…'),
    });
    expect(ops.map((o) => o.command)).toEqual(['GetFunction(fn0, qualifier=none)']);
  });

  it('leaves reads outside the spec out and ends a function at a change outside it', () => {
    const outside = (
      name: string,
      mutating: boolean,
      extra: Partial<PlannedCall> = {},
    ): PlannedCall =>
      ({
        kind: 'outside',
        call: name,
        mutating,
        where: `t:${name}`,
        fn: 'fn0',
        ...extra,
      }) as PlannedCall;
    const { trace, commands } = importOf(
      [
        call('CreateFunction', 'create'),
        outside('list_tags', false),
        outside('untag_resource', true, { key: 'refused' }),
        call('TagResource'),
        outside('untag_resource', true),
        call('GetFunction', 'after'),
      ],
      {
        create: config({ State: 'Pending', RevisionId: '<uuid:1>' }),
        refused: error('ResourceNotFoundException', 404, 'Function not found'),
        after: { Configuration: config({ State: 'Active', RevisionId: '<uuid:3>' }), ...meta(200) },
      },
    );
    expect(commands).toEqual([
      'CreateFunction(fn0, code=1, config=1, packageType=Zip, publish=no)',
      'TagResource(fn0)',
    ]);
    expect(trace.notes).toEqual([
      "t:list_tags: list_tags left out: a read outside the spec's operations",
      "t:untag_resource: untag_resource left out: outside the spec's operations, and refused (nothing changed)",
      "t:untag_resource: untag_resource is outside the spec's operations and may change fn0: the trace of fn0 ends here",
      't:GetFunction: GetFunction left out: the trace of fn0 ended at t:untag_resource (untag_resource)',
    ]);
  });

  it('marks answers it does not have as unknown, not absent', () => {
    const { ops } = importOf(
      [
        call('CreateFunction', 'create'),
        call('UpdateFunctionCode'),
        call('GetFunction', 'part', { partial: true }),
        call('ListFunctions', 'list', { fn: 'fn1' }),
      ],
      {
        create: config({ State: 'Pending', RevisionId: '<uuid:1>' }),
        part: config({ State: 'Active' }),
        list: { Functions: [{ FunctionName: '<function-name:1>' }], ...meta(200) },
      },
    );
    expect(ops.map((o) => o.observation)).toEqual([
      {
        kind: 'ok',
        fields: {
          State: 'Pending',
          RevisionId: '<uuid:1>',
          Version: '$LATEST',
          PackageType: 'Zip',
        },
      },
      { kind: 'ok', fields: {}, unrecorded: true },
      {
        kind: 'ok',
        fields: { State: 'Active', Version: '$LATEST', PackageType: 'Zip' },
        unrecorded: true,
      },
      // fn1's name is not known: whether it is listed is unknown.
      { kind: 'ok', fields: { stateFieldsListed: false }, unrecorded: true },
    ]);
    // The unrecorded update is taken to deploy new code.
    expect(ops[1]?.command).toBe('UpdateFunctionCode(fn0, code=2, publish=no, revisionId=none)');
  });

  it('names the key a plan asks for that the recording lacks', () => {
    expect(() => importOf([call('GetFunction', 'get_fn')], { get_fn_response: {} })).toThrow(
      "t:GetFunction: the recording has no answer 'get_fn'. Expected one of: get_fn_response.",
    );
    expect(() =>
      importOf([call('GetFunction', 'get_fn_respose')], { get_fn_response: {} }),
    ).toThrow("Did you mean 'get_fn_response'?");
  });
});
