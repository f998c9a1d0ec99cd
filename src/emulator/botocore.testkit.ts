import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { Answer } from './emulator.testkit.ts';
import type { Emulator } from './startEmulator.ts';

/**
 * @internal One Lambda call as botocore (boto3, the AWS CLI) puts it on the wire for the
 * `rest-json` protocol: the path from the model's `requestUri` with labels percent-encoded
 * (RFC 3986: only `-._~` stay, so an ARN's `:` is `%3A`), query members in the query string, a JSON
 * body with `Content-Type: application/json` only for structured input (`{}` when none of its
 * members is set), and an Invoke payload as the raw body with no `Content-Type` at all.
 */
export interface BotocoreCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The model's `requestUri`, e.g. `/2015-03-31/functions/` or `/2017-03-31/tags/{Resource}`. */
  readonly uri: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Query members in order; an array repeats the member (`tagKeys=a&tagKeys=b`). */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** Structured input members sent in the body; `{}` means the input has body members, none set. */
  readonly json?: Readonly<Record<string, unknown>>;
  /** A blob payload (Invoke). */
  readonly payload?: string;
  /** Header-bound members (`X-Amz-Invocation-Type`), in botocore's casing. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** botocore's `percent_encode`: RFC 3986 unreserved characters stay, everything else is %XX. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** @internal The request target (path and query) botocore sends for `call`. */
export function botocoreTarget(call: BotocoreCall): string {
  const path = call.uri.replace(/\{(\w+)\}/g, (_, label: string) =>
    percentEncode(call.labels?.[label] ?? ''),
  );
  const pairs = Object.entries(call.query ?? {}).flatMap(([key, value]) =>
    (typeof value === 'string' ? [value] : value).map((v) => `${key}=${percentEncode(v)}`),
  );
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

/** @internal Sends `call` with exactly the header names, casing and body botocore would. */
export function sendAsBotocore(emulator: Emulator, call: BotocoreCall): Promise<Answer> {
  const body =
    call.payload !== undefined
      ? Buffer.from(call.payload)
      : call.json !== undefined
        ? Buffer.from(JSON.stringify(call.json))
        : undefined;
  const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const headers: Record<string, string> = {
    Host: new URL(emulator.url).host,
    'Accept-Encoding': 'identity',
    'User-Agent':
      'aws-cli/2.27.41 md/awscrt#0.26.1 ua/2.1 os/linux#6.8.0 md/arch#x86_64 lang/python#3.13.4 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe prompt/off',
    'X-Amz-Date': date,
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/${date.slice(0, 8)}/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    'amz-sdk-invocation-id': randomUUID(),
    'amz-sdk-request': 'attempt=1',
    ...call.headers,
  };
  if (call.json !== undefined) headers['Content-Type'] = 'application/json';
  if (body !== undefined) headers['Content-Length'] = String(body.length);
  else if (call.method !== 'GET') headers['Content-Length'] = '0';
  return new Promise((resolve, reject) => {
    const req = request(
      `${emulator.url}${botocoreTarget(call)}`,
      { method: call.method, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            json = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
          } catch {
            json = undefined;
          }
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') answerHeaders.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: answerHeaders, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
