import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** @internal An answer of the emulator, read whole by the fault proxy. */
export interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** @internal Reads a request or an answer whole. */
export function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** @internal A Lambda-style JSON error answer (`x-amzn-ErrorType` and a `message`). */
export function lambdaError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
): void {
  const body = JSON.stringify({ Type: status >= 500 ? 'Service' : 'User', message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-ErrorType': type,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** @internal The HTML page a load balancer answers with. */
export function htmlPage(res: ServerResponse, status: number, title: string): void {
  const heading = `${String(status)} ${title}`;
  const body = `<html>\r\n<head><title>${heading}</title></head>\r\n<body>\r\n<center><h1>${heading}</h1></center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function headersOf(answer: Upstream): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  return headers;
}

/** @internal Passes `answer` on, with `body` (default its own) and a length that matches it. */
export function reply(res: ServerResponse, answer: Upstream, body = answer.body): void {
  res.writeHead(answer.status, { ...headersOf(answer), 'content-length': String(body.length) });
  res.end(body);
}

/** @internal Whether `answer` is a 2xx with a body that could be cut or replaced. */
export function hasBody(answer: Upstream): boolean {
  return answer.status >= 200 && answer.status < 300 && answer.body.length > 1;
}

/** @internal Sends `answer` with an HTML page instead of its body, status and other headers kept. */
export function replaceBody(res: ServerResponse, answer: Upstream): void {
  const html = Buffer.from('<html><body>OK</body></html>');
  reply(res, { ...answer, headers: { ...answer.headers, 'content-type': 'text/html' } }, html);
}

/**
 * @internal Sends half of `answer`'s body: the `nth` odd cut as a complete message (its length
 * says half), the even ones announcing the whole length and then dropping the connection halfway.
 */
export function cutBody(
  req: IncomingMessage,
  res: ServerResponse,
  answer: Upstream,
  nth: number,
): void {
  const half = answer.body.subarray(0, Math.floor(answer.body.length / 2));
  if (nth % 2 === 1) {
    reply(res, answer, half);
    return;
  }
  res.writeHead(answer.status, {
    ...headersOf(answer),
    'content-length': String(answer.body.length),
  });
  res.write(half, () => req.socket.destroy());
}
