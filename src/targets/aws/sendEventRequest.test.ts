import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEventRequest, type EventVariables } from './sendEventRequest.ts';

const VARS: EventVariables = {
  functionName: 'lc-r-fn0',
  functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:lc-r-fn0',
  region: 'us-east-1',
  event: 'idle-reclaim',
  endpoint: 'http://127.0.0.1:4566',
};

let server: Server;
let url: string;
const bodies: unknown[] = [];

beforeAll(async () => {
  // Answers GET /<status> with that status; records the JSON bodies it is sent.
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      if (text !== '') bodies.push(JSON.parse(text));
      res.writeHead(Number(req.url?.slice(1) ?? '500'));
      res.end(`answer ${req.url ?? ''}`);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

describe('sendEventRequest: what came of an event request, never a throw', () => {
  it('a 2xx applied the event, with the placeholders filled in', async () => {
    const request = {
      method: 'POST',
      url: `${url}/204`,
      body: { fn: '{functionName}', at: '{endpoint}' },
    };
    expect(await sendEventRequest(request, VARS, 2000)).toEqual({ kind: 'applied' });
    expect(bodies.at(-1)).toEqual({ fn: 'lc-r-fn0', at: 'http://127.0.0.1:4566' });
  });

  it('a 4xx refused it (it did not apply), naming the event, the request and the answer', async () => {
    for (const status of [400, 404, 409]) {
      expect(
        await sendEventRequest({ method: 'POST', url: `${url}/${String(status)}` }, VARS, 2000),
      ).toEqual({
        kind: 'refused',
        detail: `event idle-reclaim for lc-r-fn0: POST ${url}/${String(status)} answered ${String(status)}: answer /${String(status)}`,
      });
    }
  });

  it('a 5xx or a lost connection leaves it undecided', async () => {
    const failed = await sendEventRequest({ method: 'POST', url: `${url}/503` }, VARS, 2000);
    expect(failed).toMatchObject({
      kind: 'inconclusive',
      reason: expect.stringMatching(/answered 503: answer \/503$/) as unknown,
    });
    const dead = await sendEventRequest(
      { method: 'POST', url: 'http://127.0.0.1:1/x' },
      VARS,
      2000,
    );
    expect(dead).toMatchObject({
      kind: 'inconclusive',
      reason: expect.stringMatching(
        /^event idle-reclaim for lc-r-fn0: POST http:\/\/127\.0\.0\.1:1\/x failed: /,
      ) as unknown,
    });
  });
});
