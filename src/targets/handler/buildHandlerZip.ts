import { strToU8, zipSync } from 'fflate';
import { HarnessError } from '../../errors/HarnessError.ts';

/** The `Handler` setting of a function built from {@link buildHandlerZip}. */
export const HANDLER_SETTING = 'index.handler';

/** The `Runtime` of a function built from {@link buildHandlerZip}. */
export const HANDLER_RUNTIME = 'nodejs20.x';

/** The file inside the zip that holds the handler module. */
export const HANDLER_FILE = 'index.js';

// A fixed timestamp keeps the archive byte-identical across runs and machines, so CodeSha256 is a
// pure function of the code revision. fflate writes the DOS date from local-time getters, so the
// date is built from local components to be the same in every time zone.
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);

// Unix regular file, mode 0644: what Lambda expects for a non-executable source file.
const UNIX_OS = 3;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

const zips = new Map<number, Uint8Array>();

/** Throws unless `code` is a code revision: a non-negative safe integer. */
export function assertCodeRevision(code: number): void {
  if (!Number.isSafeInteger(code) || code < 0) {
    throw new HarnessError(
      'INVALID_CODE_REVISION',
      `code revision ${String(code)} is not a non-negative integer; use 0, 1, 2, …`,
    );
  }
}

/**
 * The CommonJS source of the conformance handler for code revision `code`. It answers
 * `{"code":<code>,"config":<CONFORMANCE_CONFIG as a number, or null>}`.
 *
 * The handler is a plain function, not `async`, so {@link runHandler} can run it synchronously. On
 * the real `nodejs20.x` runtime a non-async handler's return value is ignored and the callback
 * delivers the result, so it also calls the callback when one is given.
 *
 * @internal Exported for tests only.
 */
export function handlerSource(code: number): string {
  assertCodeRevision(code);
  return [
    "'use strict';",
    'exports.handler = function handler(event, context, callback) {',
    '  const raw = process.env.CONFORMANCE_CONFIG;',
    `  const result = { code: ${String(code)}, config: raw === undefined ? null : Number(raw) };`,
    "  if (typeof callback === 'function') callback(null, result);",
    '  return result;',
    '};',
    '',
  ].join('\n');
}

/**
 * A deployable Lambda zip (Node.js, CommonJS `index.js`, handler `index.handler`, runtime
 * `nodejs20.x`) whose handler answers `{"code":<code>,"config":…}`. The same bytes are deployed to
 * real AWS, so it must stay a valid Lambda handler.
 *
 * Memoized per code revision: the returned array is shared and must not be mutated.
 */
export function buildHandlerZip(code: number): Uint8Array {
  const cached = zips.get(code);
  if (cached !== undefined) return cached;
  const zip = zipSync({
    [HANDLER_FILE]: [
      strToU8(handlerSource(code)),
      { mtime: FIXED_MTIME, os: UNIX_OS, attrs: REGULAR_FILE_0644 },
    ],
  });
  zips.set(code, zip);
  return zip;
}
