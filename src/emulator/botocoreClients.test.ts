import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../targets/handler/buildHandlerZip.ts';
import { botocoreTarget, sendAsBotocore } from './botocore.testkit.ts';
import { createBody, sleep, startTestEmulator, SETTLE_MS } from './emulator.testkit.ts';
import type { Emulator } from './startEmulator.ts';

// The emulator driven as boto3 and the AWS CLI drive Lambda: botocore's rest-json requests, with
// the paths of its model (`GET /2015-03-31/functions/` with the trailing slash), not the
// JavaScript SDK's.
describe('emulator with botocore-shaped requests', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.close());

  /** Polls GetFunctionConfiguration until the function is Active with no update in progress. */
  async function settled(name: string): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const answer = await sendAsBotocore(emulator, {
        method: 'GET',
        uri: '/2015-03-31/functions/{FunctionName}/configuration',
        labels: { FunctionName: name },
      });
      const config = answer.json ?? {};
      if (config['State'] === 'Active' && config['LastUpdateStatus'] === 'Successful') return;
      await sleep(SETTLE_MS / 3);
    }
    throw new Error(`${name} did not settle`);
  }

  const create = (name: string) =>
    sendAsBotocore(emulator, {
      method: 'POST',
      uri: '/2015-03-31/functions',
      json: createBody(name),
    });

  it('encodes labels and query members as botocore does', () => {
    expect(
      botocoreTarget({
        method: 'DELETE',
        uri: '/2017-03-31/tags/{Resource}',
        labels: { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f1' },
        query: { tagKeys: ['a', 'b c'] },
      }),
    ).toBe(
      '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af1?tagKeys=a&tagKeys=b%20c',
    );
    expect(
      botocoreTarget({
        method: 'GET',
        uri: '/2015-03-31/functions/{FunctionName}',
        labels: { FunctionName: 'f1' },
        query: { Qualifier: '$LATEST' },
      }),
    ).toBe('/2015-03-31/functions/f1?Qualifier=%24LATEST');
  });

  it('lists functions at /2015-03-31/functions/ (list-functions), paging with MaxItems and Marker', async () => {
    for (const name of ['a', 'b', 'c']) expect((await create(name)).status).toBe(201);
    const all = await sendAsBotocore(emulator, { method: 'GET', uri: '/2015-03-31/functions/' });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain('application/json');
    const names = (all.json?.['Functions'] as { FunctionName: string }[]).map(
      (f) => f.FunctionName,
    );
    expect(names.sort()).toEqual(['a', 'b', 'c']);

    const seen: string[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 5; page++) {
      const answer = await sendAsBotocore(emulator, {
        method: 'GET',
        uri: '/2015-03-31/functions/',
        query: marker === undefined ? { MaxItems: '2' } : { Marker: marker, MaxItems: '2' },
      });
      expect(answer.status).toBe(200);
      const functions = answer.json?.['Functions'] as { FunctionName: string }[];
      expect(functions.length).toBeLessThanOrEqual(2);
      seen.push(...functions.map((f) => f.FunctionName));
      const next = answer.json?.['NextMarker'];
      if (next === undefined) break;
      expect(typeof next).toBe('string');
      marker = next as string;
    }
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
  });

  it('runs a function through get, update, publish, versions, invoke, tags and delete', async () => {
    const created = await create('f1');
    expect(created.status).toBe(201);
    const arn = String(created.json?.['FunctionArn']);
    await settled('f1');

    const got = await sendAsBotocore(emulator, {
      method: 'GET',
      uri: '/2015-03-31/functions/{FunctionName}',
      labels: { FunctionName: 'f1' },
      query: { Qualifier: '$LATEST' },
    });
    expect(got.status).toBe(200);
    expect(got.json?.['Configuration']).toMatchObject({ FunctionName: 'f1', State: 'Active' });

    const configured = await sendAsBotocore(emulator, {
      method: 'PUT',
      uri: '/2015-03-31/functions/{FunctionName}/configuration',
      labels: { FunctionName: arn },
      json: { Environment: { Variables: { CONFORMANCE_CONFIG: '2' } } },
    });
    expect(configured.status).toBe(200);
    expect(configured.json).toMatchObject({ LastUpdateStatus: 'InProgress' });
    await settled('f1');

    const code = await sendAsBotocore(emulator, {
      method: 'PUT',
      uri: '/2015-03-31/functions/{FunctionName}/code',
      labels: { FunctionName: 'f1' },
      json: { ZipFile: Buffer.from(buildHandlerZip(3)).toString('base64') },
    });
    expect(code.status).toBe(200);
    await settled('f1');

    // PublishVersion's input has body members, none set: botocore sends `{}`.
    const published = await sendAsBotocore(emulator, {
      method: 'POST',
      uri: '/2015-03-31/functions/{FunctionName}/versions',
      labels: { FunctionName: 'f1' },
      json: {},
    });
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({ Version: '1' });
    const versions = await sendAsBotocore(emulator, {
      method: 'GET',
      uri: '/2015-03-31/functions/{FunctionName}/versions',
      labels: { FunctionName: 'f1' },
      query: { MaxItems: '50' },
    });
    expect(versions.status).toBe(200);
    expect((versions.json?.['Versions'] as { Version: string }[]).map((v) => v.Version)).toEqual([
      '$LATEST',
      '1',
    ]);

    // Invoke: the payload is the raw body, with no Content-Type.
    // A new version starts Pending (the emulator activates it after a short delay): invoke it
    // once it is Active.
    const invokeVersion = () =>
      sendAsBotocore(emulator, {
        method: 'POST',
        uri: '/2015-03-31/functions/{FunctionName}/invocations',
        labels: { FunctionName: 'f1' },
        query: { Qualifier: '1' },
        headers: { 'X-Amz-Invocation-Type': 'RequestResponse', 'X-Amz-Log-Type': 'None' },
        payload: '{"hello":"world"}',
      });
    let invoked = await invokeVersion();
    for (let i = 0; i < 50 && invoked.status === 409; i++) {
      await sleep(SETTLE_MS / 3);
      invoked = await invokeVersion();
    }
    expect(invoked.status, JSON.stringify(invoked.json)).toBe(200);
    expect(invoked.headers.get('x-amz-executed-version')).toBe('1');
    expect(invoked.json).toEqual({ code: 3, config: 2 });
    const event = await sendAsBotocore(emulator, {
      method: 'POST',
      uri: '/2015-03-31/functions/{FunctionName}/invocations',
      labels: { FunctionName: 'f1' },
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      payload: '',
    });
    expect(event.status).toBe(202);

    const tags = { uri: '/2017-03-31/tags/{Resource}', labels: { Resource: arn } } as const;
    expect(
      (
        await sendAsBotocore(emulator, {
          method: 'POST',
          ...tags,
          json: { Tags: { a: '1', b: '2' } },
        })
      ).status,
    ).toBe(204);
    const untagged = await sendAsBotocore(emulator, {
      method: 'DELETE',
      ...tags,
      query: { tagKeys: ['a', 'b'] },
    });
    expect(untagged.status).toBe(204);
    expect((await sendAsBotocore(emulator, { method: 'GET', ...tags })).json).toEqual({ Tags: {} });

    const deleted = await sendAsBotocore(emulator, {
      method: 'DELETE',
      uri: '/2015-03-31/functions/{FunctionName}',
      labels: { FunctionName: 'f1' },
    });
    expect(deleted.status).toBe(204);
    const gone = await sendAsBotocore(emulator, {
      method: 'GET',
      uri: '/2015-03-31/functions/{FunctionName}/configuration',
      labels: { FunctionName: 'f1' },
    });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });
});
