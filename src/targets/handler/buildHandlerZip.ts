import { HarnessError } from '../../errors/HarnessError.ts';
import { DEFAULT_RUNTIME } from '../../lambda/runtime.ts';
import { fflate } from './fflate.ts';
import { PREBUILT_ZIPS } from './prebuiltZips.ts';

/** The `Handler` setting of a function built from {@link buildHandlerZip}. */
export const HANDLER_SETTING = 'index.handler';

/**
 * The default `Runtime` of a function built from {@link buildHandlerZip} (the aws target takes
 * another Node.js runtime from `target.runtime` / `--runtime`; the memory target always says this).
 */
export const HANDLER_RUNTIME = DEFAULT_RUNTIME;

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
/** The code revision each zip {@link buildHandlerZip} returned was built for. */
const revisions = new WeakMap<Uint8Array, number>();

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
 * The handler is `async` and takes no callback: Node.js 24 and later Lambda runtimes run only
 * async handlers, and every Node.js runtime still supported runs them. {@link runHandler} runs it
 * the same way, settling its Promise before it returns.
 *
 * @internal Exported for tests only.
 */
export function handlerSource(code: number): string {
  assertCodeRevision(code);
  return [
    "'use strict';",
    'exports.handler = async function handler(event, context) {',
    '  const raw = process.env.CONFORMANCE_CONFIG;',
    `  return { code: ${String(code)}, config: raw === undefined ? null : Number(raw) };`,
    '};',
    '',
  ].join('\n');
}

/**
 * The handler zip of code revision `code` written by fflate's `zipSync` (what
 * {@link buildHandlerZip} answers, which takes revisions 0–31 from a prebuilt table).
 *
 * @internal Exported for tests only.
 */
export function zipHandler(code: number): Uint8Array {
  const { strToU8, zipSync } = fflate();
  return zipSync({
    [HANDLER_FILE]: [
      strToU8(handlerSource(code)),
      { mtime: FIXED_MTIME, os: UNIX_OS, attrs: REGULAR_FILE_0644 },
    ],
  });
}

/**
 * A deployable Lambda zip (Node.js, CommonJS `index.js`, async handler `index.handler`, for any
 * Node.js runtime, `nodejs24.x` by default) whose handler answers `{"code":<code>,"config":…}`. The same bytes are deployed to
 * real AWS, so it must stay a valid Lambda handler.
 *
 * Memoized per code revision: the returned array is shared and must not be mutated.
 */
export function buildHandlerZip(code: number): Uint8Array {
  const cached = zips.get(code);
  if (cached !== undefined) return cached;
  assertCodeRevision(code);
  const prebuilt = PREBUILT_ZIPS[code];
  const zip =
    prebuilt === undefined ? zipHandler(code) : Uint8Array.from(Buffer.from(prebuilt, 'base64'));
  zips.set(code, zip);
  revisions.set(zip, code);
  return zip;
}

/**
 * The code revision whose handler `zip` is, when `zip` is an array {@link buildHandlerZip}
 * returned (the same object, not equal bytes), else undefined.
 */
export function handlerZipRevision(zip: Uint8Array): number | undefined {
  return revisions.get(zip);
}

/**
 * A copy of `zip` that {@link handlerZipRevision} knows as `zip`'s revision, when it has one: a
 * private copy of a harness-built zip still runs without unzipping (and without loading fflate).
 */
export function copyHandlerZip(zip: Uint8Array): Uint8Array {
  const copy = new Uint8Array(zip);
  const revision = revisions.get(zip);
  if (revision !== undefined) revisions.set(copy, revision);
  return copy;
}
