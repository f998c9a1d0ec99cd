import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBody, send, startTestEmulator } from './emulator.testkit.ts';
import type { Emulator } from './startEmulator.ts';

const FN = '/2015-03-31/functions';

describe('emulator robustness', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startTestEmulator({ maxBodyBytes: 4096 });
  });
  afterEach(() => emulator.close());

  async function stillServes(): Promise<void> {
    expect((await send(emulator, 'GET', '/_conformance/health')).status).toBe(200);
  }

  it('answers malformed JSON with 400 InvalidRequestContentException naming the route', async () => {
    const answer = await send(emulator, 'PUT', `${FN}/f1/code`, '{"ZipFile":');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
    expect(answer.json?.['message']).toContain(
      'PUT /2015-03-31/functions/{FunctionName}/code (UpdateFunctionCode)',
    );
    await stillServes();
  });

  it('answers a JSON body that is not an object with 400', async () => {
    const answer = await send(emulator, 'POST', FN, '[1,2]');
    expect(answer.status).toBe(400);
    expect(answer.json?.['message']).toContain('CreateFunction');
  });

  it('answers missing or mistyped members with 400 InvalidParameterValueException naming them', async () => {
    const noName = createBody('f1');
    delete noName['FunctionName'];
    const missing = await send(emulator, 'POST', FN, noName);
    expect(missing.status).toBe(400);
    expect(missing.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
    expect(missing.json?.['message']).toContain("'FunctionName'");
    const noCode = await send(emulator, 'POST', FN, { FunctionName: 'f', Role: 'r' });
    expect(noCode.json?.['message']).toContain("'Code'");
    const typed = await send(emulator, 'POST', FN, { ...createBody('f1'), Timeout: 'long' });
    expect(typed.status).toBe(400);
    expect(typed.json?.['message']).toContain("'Timeout'");
    const base64 = await send(emulator, 'POST', FN, {
      ...createBody('f1'),
      Code: { ZipFile: '!!' },
    });
    expect(base64.json?.['message']).toContain("'ZipFile'");
    await stillServes();
  });

  it('answers an unknown route with a Lambda-style 404 naming method and path', async () => {
    const answer = await send(emulator, 'PATCH', '/2015-03-31/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const message = String(answer.json?.['Message']);
    expect(message).toContain('PATCH /2015-03-31/nowhere');
    // The document the message sends the reader to exists in the repository.
    const cited = /(\S+\.md) §/.exec(message)?.[1];
    expect(cited !== undefined && existsSync(cited)).toBe(true);
    expect((await send(emulator, 'GET', '/_conformance/nothing')).status).toBe(404);
  });

  it('answers an oversized body with 413 RequestTooLargeException and keeps serving', async () => {
    const answer = await send(emulator, 'POST', FN, 'x'.repeat(10_000));
    expect(answer.status).toBe(413);
    expect(answer.headers.get('x-amzn-errortype')).toBe('RequestTooLargeException');
    expect(answer.json).toHaveProperty('message');
    await stillServes();
  });

  it('answers bad percent-encoding in a path label with 400', async () => {
    const answer = await send(emulator, 'GET', `${FN}/%E0%A4%A`);
    expect(answer.status).toBe(400);
    await stillServes();
  });

  it('answers simulation validation errors with their own status', async () => {
    const answer = await send(emulator, 'GET', `${FN}/${encodeURIComponent('bad name!')}`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidParameterValueException');
  });
});
