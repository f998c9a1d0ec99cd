import {
  buildHandlerZip,
  HANDLER_RUNTIME,
  HANDLER_SETTING,
} from '../targets/handler/buildHandlerZip.ts';
import { startEmulator } from './startEmulator.ts';
import type { Emulator } from './startEmulator.ts';
import type { EmulatorOptions } from './EmulatorOptions.ts';

/** @internal Long enough for any pending creation or update of the test delays to finish. */
export const SETTLE_MS = 300;

/** @internal Short delays so tests run in well under a second per lifecycle. */
export const FAST: EmulatorOptions = {
  pendingMs: 150,
  updateMs: 250,
  versionMs: 20,
  reactivateMs: 50,
};

/** @internal A parsed HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, `undefined` when it is empty or not JSON. */
  readonly json: Record<string, unknown> | undefined;
}

/** @internal Sends one raw HTTP request to the emulator. */
export async function send(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer> {
  const payload =
    body === undefined || typeof body === 'string' || body instanceof Uint8Array
      ? body
      : JSON.stringify(body);
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: init.headers ?? {},
    ...(payload === undefined ? {} : { body: payload }),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** @internal The JSON body of a Zip CreateFunction for code/config revisions. */
export function createBody(name: string, code = 1, config = 1): Record<string, unknown> {
  return {
    FunctionName: name,
    Role: 'arn:aws:iam::123456789012:role/lambda-conformance',
    Runtime: HANDLER_RUNTIME,
    Handler: HANDLER_SETTING,
    PackageType: 'Zip',
    Code: { ZipFile: Buffer.from(buildHandlerZip(code)).toString('base64') },
    Environment: { Variables: { CONFORMANCE_CONFIG: String(config) } },
  };
}

/** @internal Waits `ms` of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** @internal Starts an emulator with fast timings on an ephemeral port. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ ...FAST, ...options, port: 0 });
}
