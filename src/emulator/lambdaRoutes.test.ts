import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../targets/handler/buildHandlerZip.ts';
import { createBody, send, sleep, startTestEmulator, SETTLE_MS } from './emulator.testkit.ts';
import type { Emulator } from './startEmulator.ts';

const FN = '/2015-03-31/functions';

describe('emulator Lambda routes over raw HTTP', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.close());

  it('creates a function with 201, Pending and no LastUpdateStatus, then it becomes Active', async () => {
    const created = await send(emulator, 'POST', FN, createBody('f1'));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      FunctionName: 'f1',
      State: 'Pending',
      StateReasonCode: 'Creating',
    });
    expect(created.json).not.toHaveProperty('LastUpdateStatus');
    await sleep(SETTLE_MS);
    const got = await send(emulator, 'GET', `${FN}/f1`);
    expect(got.status).toBe(200);
    expect(got.json?.['Configuration']).toMatchObject({
      State: 'Active',
      LastUpdateStatus: 'Successful',
    });
    const config = await send(emulator, 'GET', `${FN}/f1/configuration`);
    expect(config.json).toMatchObject({ FunctionName: 'f1', State: 'Active' });
  });

  it('answers a state conflict with x-amzn-ErrorType and a lowercase message member', async () => {
    await send(emulator, 'POST', FN, createBody('f1'));
    const refused = await send(emulator, 'POST', `${FN}/f1/invocations`, '{}');
    expect(refused.status).toBe(409);
    expect(refused.headers.get('x-amzn-errortype')).toBe('ResourceConflictException');
    expect(refused.json).toEqual({
      Type: 'User',
      message:
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    });
  });

  it('invokes with the payload as body and X-Amz-Executed-Version', async () => {
    await send(emulator, 'POST', FN, createBody('f1', 2, 3));
    await sleep(SETTLE_MS);
    const invoked = await send(emulator, 'POST', `${FN}/f1/invocations`, '{}', {
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(invoked.status).toBe(200);
    expect(invoked.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(invoked.headers.get('x-amz-function-error')).toBeNull();
    expect(invoked.json).toEqual({ code: 2, config: 3 });
  });

  it('updates code (InProgress), refuses a second update with 409 and a stale revision with 412', async () => {
    const created = await send(emulator, 'POST', FN, createBody('f1'));
    await sleep(SETTLE_MS);
    const zip = Buffer.from(buildHandlerZip(2)).toString('base64');
    const stale = await send(emulator, 'PUT', `${FN}/f1/code`, {
      ZipFile: zip,
      RevisionId: created.json?.['RevisionId'],
    });
    expect(stale.status).toBe(412);
    expect(stale.json).toHaveProperty('message');
    const updated = await send(emulator, 'PUT', `${FN}/f1/code`, { ZipFile: zip });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ State: 'Active', LastUpdateStatus: 'InProgress' });
    const during = await send(emulator, 'POST', `${FN}/f1/invocations`, '{}');
    expect(during.json).toEqual({ code: 1, config: 1 });
    const second = await send(emulator, 'PUT', `${FN}/f1/configuration`, {
      Environment: { Variables: { CONFORMANCE_CONFIG: '2' } },
    });
    expect(second.status).toBe(409);
    expect(String(second.json?.['message'])).toContain('An update is in progress');
  });

  it('publishes (201) and lists versions, paginating with Marker', async () => {
    await send(emulator, 'POST', FN, createBody('f1'));
    await sleep(SETTLE_MS);
    expect((await send(emulator, 'POST', `${FN}/f1/versions`, {})).status).toBe(201);
    const page1 = await send(emulator, 'GET', `${FN}/f1/versions?MaxItems=1`);
    expect(page1.json?.['Versions']).toHaveLength(1);
    const marker = String(page1.json?.['NextMarker']);
    const page2 = await send(
      emulator,
      'GET',
      `${FN}/f1/versions?MaxItems=1&Marker=${encodeURIComponent(marker)}`,
    );
    expect(page2.json?.['Versions']).toMatchObject([{ Version: '1' }]);
    expect(page2.json).not.toHaveProperty('NextMarker');
  });

  it('lists functions in pages, without state fields', async () => {
    for (const name of ['a', 'b', 'c']) await send(emulator, 'POST', FN, createBody(name));
    const page = await send(emulator, 'GET', `${FN}?MaxItems=2`);
    expect(page.json?.['Functions']).toHaveLength(2);
    const listed = page.json?.['Functions'] as Record<string, unknown>[];
    expect(listed.filter((f) => 'State' in f || 'LastUpdateStatus' in f)).toEqual([]);
    const rest = await send(
      emulator,
      'GET',
      `${FN}?Marker=${encodeURIComponent(String(page.json?.['NextMarker']))}`,
    );
    expect(rest.json?.['Functions']).toMatchObject([{ FunctionName: 'c' }]);
  });

  it('tags (204), lists and untags (204) by URL-encoded ARN', async () => {
    const created = await send(emulator, 'POST', FN, createBody('f1'));
    await sleep(SETTLE_MS);
    const arn = encodeURIComponent(String(created.json?.['FunctionArn']));
    const tagged = await send(emulator, 'POST', `/2017-03-31/tags/${arn}`, {
      Tags: { a: '1', b: '2' },
    });
    expect(tagged.status).toBe(204);
    expect(tagged.text).toBe('');
    expect((await send(emulator, 'GET', `/2017-03-31/tags/${arn}`)).json).toEqual({
      Tags: { a: '1', b: '2' },
    });
    expect((await send(emulator, 'DELETE', `/2017-03-31/tags/${arn}?tagKeys=a`)).status).toBe(204);
    expect((await send(emulator, 'GET', `/2017-03-31/tags/${arn}`)).json).toEqual({
      Tags: { b: '2' },
    });
  });

  // AWS validates `Resource` against a function-ARN pattern before looking anything up.
  it('refuses a bare name or a partial ARN as Resource with 400 ValidationException, as AWS does', async () => {
    await send(emulator, 'POST', FN, createBody('f1'));
    await sleep(SETTLE_MS);
    for (const resource of ['f1', '123456789012:function:f1']) {
      const path = `/2017-03-31/tags/${encodeURIComponent(resource)}`;
      for (const [method, body] of [
        ['POST', { Tags: { a: '1' } }],
        ['GET', undefined],
      ] as const) {
        const answer = await send(emulator, method, path, body);
        expect(answer.status).toBe(400);
        expect(answer.headers.get('x-amzn-errortype')).toBe('ValidationException');
        expect(answer.json?.['Message']).toBe(
          `1 validation error detected: Value '${resource}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
        );
      }
    }
    // A full ARN of a function that does not exist is the 404 of any call on it.
    const missing = encodeURIComponent('arn:aws:lambda:us-east-1:000000000000:function:nope');
    const answer = await send(emulator, 'POST', `/2017-03-31/tags/${missing}`, {
      Tags: { a: '1' },
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });

  // Real AWS, recorded (localstack TestLambdaTags::test_tag_lifecycle, 25-11-2025): $LATEST's
  // RevisionId changes with every TagResource and UntagResource.
  it('gives $LATEST a new RevisionId with every TagResource and UntagResource', async () => {
    const created = await send(emulator, 'POST', FN, createBody('f1'));
    await sleep(SETTLE_MS);
    const arn = encodeURIComponent(String(created.json?.['FunctionArn']));
    const revision = async (): Promise<unknown> =>
      (await send(emulator, 'GET', `${FN}/f1/configuration`)).json?.['RevisionId'];
    const seen = [await revision()];
    await send(emulator, 'POST', `/2017-03-31/tags/${arn}`, { Tags: { a: '1' } });
    seen.push(await revision());
    await send(emulator, 'DELETE', `/2017-03-31/tags/${arn}?tagKeys=a`);
    seen.push(await revision());
    expect(new Set(seen).size).toBe(3);
  });

  it('deletes with 204 and an empty body; afterwards 404 with a capitalised Message', async () => {
    const created = await send(emulator, 'POST', FN, createBody('f1'));
    const arn = encodeURIComponent(String(created.json?.['FunctionArn']));
    const deleted = await send(emulator, 'DELETE', `${FN}/${arn}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const gone = await send(emulator, 'GET', `${FN}/f1`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(gone.json).toEqual({
      Type: 'User',
      Message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:f1',
    });
  });

  it('accepts a qualified name in the path', async () => {
    await send(emulator, 'POST', FN, createBody('f1'));
    const got = await send(
      emulator,
      'GET',
      `${FN}/${encodeURIComponent('f1:$LATEST')}/configuration`,
    );
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ Version: '$LATEST' });
  });
});
