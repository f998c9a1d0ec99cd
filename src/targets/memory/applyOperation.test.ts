import { describe, expect, it } from 'vitest';
import { buildHandlerZip, HANDLER_RUNTIME, HANDLER_SETTING } from '../handler/buildHandlerZip.ts';
import { imageUriFor } from '../handler/imageUri.ts';
import { LambdaApiError } from '../../lambda/LambdaApi.ts';
import type {
  AliasConfiguration,
  FunctionConfiguration,
  LambdaApi,
} from '../../lambda/LambdaApi.ts';
import { CONFORMANCE_ROLE } from '../conformanceRole.ts';
import { NEVER_ISSUED_REVISION_ID, SessionBook } from '../SessionBook.ts';
import { applyOperation } from './applyOperation.ts';

type Call = readonly [string, ...unknown[]];

/** A LambdaApi that records its calls and answers with a configuration carrying `revisionId`. */
function recordingApi(answers: { revisionId: string; failWith?: Error }): {
  api: LambdaApi;
  calls: Call[];
} {
  const calls: Call[] = [];
  const config = (): FunctionConfiguration =>
    ({
      RevisionId: answers.revisionId,
      State: 'Active',
      Version: '$LATEST',
    }) as FunctionConfiguration;
  const alias = (): AliasConfiguration => ({
    AliasArn: `${ARN}:conformance-alias`,
    Name: 'conformance-alias',
    FunctionVersion: '1',
    Description: '',
    RevisionId: 'alias-rev',
  });
  const record = <T>(name: string, args: unknown[], value: T): T => {
    calls.push([name, ...args]);
    if (answers.failWith !== undefined) throw answers.failWith;
    return value;
  };
  const api: LambdaApi = {
    createFunction: (...a) => record('createFunction', a, config()),
    getFunction: (...a) =>
      record('getFunction', a, { Configuration: config(), Code: { RepositoryType: 'S3' } }),
    getFunctionConfiguration: (...a) => record('getFunctionConfiguration', a, config()),
    updateFunctionCode: (...a) => record('updateFunctionCode', a, config()),
    updateFunctionConfiguration: (...a) => record('updateFunctionConfiguration', a, config()),
    invoke: (...a) =>
      record('invoke', a, {
        StatusCode: 200,
        ExecutedVersion: '$LATEST',
        Payload: '{"code":1,"config":2}',
      }),
    publishVersion: (...a) =>
      record('publishVersion', a, { ...config(), RevisionId: 'version-rev' }),
    listVersionsByFunction: (...a) => record('listVersionsByFunction', a, { Versions: [] }),
    listFunctions: (...a) => record('listFunctions', a, { Functions: [] }),
    tagResource: (...a) => record('tagResource', a, undefined),
    untagResource: (...a) => record('untagResource', a, undefined),
    listTags: (...a) => record('listTags', a, { Tags: {} }),
    deleteFunction: (...a) => record('deleteFunction', a, undefined),
    createAlias: (...a) => record('createAlias', a, alias()),
    getAlias: (...a) => record('getAlias', a, alias()),
    updateAlias: (...a) => record('updateAlias', a, alias()),
    deleteAlias: (...a) => record('deleteAlias', a, undefined),
  };
  return { api, calls };
}

const ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:lc-run-fn1';

function book(imageRepository?: string): SessionBook {
  return new SessionBook({
    runId: 'run',
    region: 'eu-west-1',
    accountId: '111122223333',
    ...(imageRepository === undefined ? {} : { imageRepository }),
  });
}

describe('applyOperation', () => {
  it('maps CreateFunction (Zip) to the conformance handler zip, role, runtime, handler and environment', () => {
    const { api, calls } = recordingApi({ revisionId: 'a' });
    applyOperation(
      api,
      { name: 'CreateFunction', fn: 'fn1', args: { packageType: 'Zip', code: 3, config: 4 } },
      book(),
    );
    expect(calls).toEqual([
      [
        'createFunction',
        {
          FunctionName: 'lc-run-fn1',
          Role: CONFORMANCE_ROLE,
          PackageType: 'Zip',
          Code: { ZipFile: buildHandlerZip(3) },
          Environment: { Variables: { CONFORMANCE_CONFIG: '4' } },
          Runtime: HANDLER_RUNTIME,
          Handler: HANDLER_SETTING,
        },
      ],
    ]);
  });

  it("maps Image functions to image URIs, in the book's repository, for creation and code updates", () => {
    const { api, calls } = recordingApi({ revisionId: 'a' });
    const b = book('registry.example/h');
    applyOperation(
      api,
      { name: 'CreateFunction', fn: 'fn1', args: { packageType: 'Image', code: 1, config: 1 } },
      b,
    );
    applyOperation(api, { name: 'UpdateFunctionCode', fn: 'fn1', args: { code: 2 } }, b);
    expect(calls[0]?.[1]).toMatchObject({
      PackageType: 'Image',
      Code: { ImageUri: imageUriFor(1, 'registry.example/h') },
    });
    expect(calls[0]?.[1]).not.toHaveProperty('Runtime');
    expect(calls[1]).toEqual([
      'updateFunctionCode',
      'lc-run-fn1',
      { ImageUri: imageUriFor(2, 'registry.example/h') },
    ]);
  });

  it('maps the remaining operations to their calls', () => {
    const { api, calls } = recordingApi({ revisionId: 'a' });
    const b = book();
    for (const name of [
      'Invoke',
      'GetFunction',
      'GetFunctionConfiguration',
      'ListVersionsByFunction',
      'ListFunctions',
      'TagResource',
      'TagResource',
      'UntagResource',
      'ListTags',
      'DeleteFunction',
    ]) {
      applyOperation(api, { name, fn: 'fn1', args: {} }, b);
    }
    applyOperation(api, { name: 'UpdateFunctionConfiguration', fn: 'fn1', args: { config: 7 } }, b);
    expect(calls).toEqual([
      ['invoke', 'lc-run-fn1', undefined, '{}', 'RequestResponse'],
      ['getFunction', 'lc-run-fn1', undefined],
      ['getFunctionConfiguration', 'lc-run-fn1', undefined],
      ['listVersionsByFunction', 'lc-run-fn1'],
      ['listFunctions'],
      ['tagResource', ARN, { 'conformance-tag': '1' }],
      ['tagResource', ARN, { 'conformance-tag': '2' }],
      ['untagResource', ARN, ['conformance-tag']],
      ['listTags', ARN],
      ['deleteFunction', 'lc-run-fn1', undefined],
      [
        'updateFunctionConfiguration',
        'lc-run-fn1',
        { Environment: { Variables: { CONFORMANCE_CONFIG: '7' } } },
      ],
    ]);
  });

  it("addresses qualifier 'version' to the highest version a publishing answer named, until the function is created anew; a version's answer is observed without its RevisionId", () => {
    const { api, calls } = recordingApi({ revisionId: 'latest-rev' });
    let published = '3';
    api.publishVersion = (...a) => {
      calls.push(['publishVersion', ...a]);
      return { RevisionId: 'version-rev', Version: published } as FunctionConfiguration;
    };
    const b = book();
    const get = { name: 'GetFunction', fn: 'fn1', args: { qualifier: 'version' } };
    applyOperation(api, get, b);
    applyOperation(api, { name: 'PublishVersion', fn: 'fn1', args: {} }, b);
    published = '2';
    applyOperation(api, { name: 'PublishVersion', fn: 'fn1', args: {} }, b);
    const seen = applyOperation(api, get, b);
    applyOperation(api, { name: 'Invoke', fn: 'fn1', args: { qualifier: 'version' } }, b);
    applyOperation(api, { name: 'DeleteFunction', fn: 'fn1', args: { qualifier: 'version' } }, b);
    applyOperation(api, { name: 'GetFunction', fn: 'fn1', args: { qualifier: 'none' } }, b);
    applyOperation(
      api,
      {
        name: 'CreateFunction',
        fn: 'fn1',
        args: { packageType: 'Zip', code: 1, config: 1, publish: 'yes' },
      },
      b,
    );
    applyOperation(api, get, b);
    expect(calls.filter(([name]) => name !== 'publishVersion').map((c) => [c[0], c[2]])).toEqual([
      ['getFunction', '1'],
      ['getFunction', '3'],
      ['invoke', '3'],
      ['deleteFunction', '3'],
      ['getFunction', undefined],
      ['createFunction', undefined],
      ['getFunction', '1'],
    ]);
    expect(calls.find(([name]) => name === 'createFunction')?.[1]).toMatchObject({ Publish: true });
    expect(seen).toMatchObject({ kind: 'ok', fields: { State: 'Active' } });
    expect(seen.kind === 'ok' && 'RevisionId' in seen.fields).toBe(false);
  });

  it("sends for revisionId 'stale' a never-issued UUID, then the first $LATEST RevisionId once another was seen — never a version's", () => {
    const first = recordingApi({ revisionId: 'rev-1' });
    const b = book();
    applyOperation(
      first.api,
      { name: 'CreateFunction', fn: 'fn1', args: { packageType: 'Zip', code: 1, config: 1 } },
      b,
    );
    applyOperation(
      first.api,
      { name: 'PublishVersion', fn: 'fn1', args: { revisionId: 'stale' } },
      b,
    );
    expect(first.calls[1]).toEqual([
      'publishVersion',
      'lc-run-fn1',
      { RevisionId: NEVER_ISSUED_REVISION_ID },
    ]);
    const later = recordingApi({ revisionId: 'rev-2' });
    applyOperation(later.api, { name: 'GetFunction', fn: 'fn1', args: {} }, b);
    applyOperation(
      later.api,
      { name: 'UpdateFunctionConfiguration', fn: 'fn1', args: { config: 2, revisionId: 'stale' } },
      b,
    );
    expect(later.calls[1]?.[2]).toMatchObject({ RevisionId: 'rev-1' });
    expect(b.staleRevision('fn1')).toBe('rev-1');
  });

  it('observes ok answers with observeResponse and Lambda errors as error observations', () => {
    const ok = recordingApi({ revisionId: 'a' });
    expect(applyOperation(ok.api, { name: 'Invoke', fn: 'fn1', args: {} }, book())).toEqual({
      kind: 'ok',
      fields: { StatusCode: 200, ExecutedVersion: '$LATEST', ranCode: 1, ranConfig: 2 },
    });
    const refused = recordingApi({
      revisionId: 'a',
      failWith: new LambdaApiError('ResourceConflictException', 409, 'no'),
    });
    expect(applyOperation(refused.api, { name: 'Invoke', fn: 'fn1', args: {} }, book())).toEqual({
      kind: 'error',
      type: 'ResourceConflictException',
      status: 409,
      message: 'no',
    });
  });

  it('lets any other exception through: it is a bug, not an answer', () => {
    const broken = recordingApi({ revisionId: 'a', failWith: new TypeError('bug') });
    expect(() =>
      applyOperation(broken.api, { name: 'ListFunctions', fn: 'fn1', args: {} }, book()),
    ).toThrow(TypeError);
  });
});
