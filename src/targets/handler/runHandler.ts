import { createHash } from 'node:crypto';
import { Script, createContext, type Context } from 'node:vm';
import { HANDLER_FILE, handlerSource, handlerZipRevision } from './buildHandlerZip.ts';
import { fflate } from './fflate.ts';

/**
 * What one invocation of a handler produced: the UTF-8 JSON payload and, when the handler failed,
 * `functionError: 'Unhandled'` (what every recorded real-AWS function error carries).
 */
export interface HandlerResult {
  readonly payload: string;
  readonly functionError?: 'Unhandled';
}

/** The CommonJS module wrapper Node puts around a module, compiled once per zip. */
type ModuleFactory = (
  exports: unknown,
  module: { exports: unknown },
  require: (id: string) => never,
  process: { env: Record<string, string> },
) => void;

/** What a handler's Promise came to, written by {@link SETTLE} inside the handler's context. */
interface SettleBox {
  state?: 'fulfilled' | 'rejected';
  value?: unknown;
  error?: unknown;
}

/** Attaches reactions to a handler's Promise; compiled inside each handler's context. */
type Settle = (value: PromiseLike<unknown>, box: SettleBox) => void;

type Compiled =
  | {
      readonly kind: 'module';
      readonly factory: ModuleFactory;
      readonly settle: Settle;
      readonly context: Context;
    }
  | { readonly kind: 'broken'; readonly errorType: string; readonly errorMessage: string };

// Distinct zips are few (one per code revision), so the cache stays small; the cap only guards
// against a caller that feeds endless distinct archives.
const MAX_CACHED = 256;
const byDigest = new Map<string, Compiled>();
const byArray = new WeakMap<Uint8Array, Compiled>();

// Both run inside a handler's context, whose microtasks run when a script run in it returns
// (`microtaskMode: 'afterEvaluate'`): running DRAIN settles a Promise whose work needs no I/O or
// timer (the context has neither) before runHandler returns, so invocations stay synchronous.
const SETTLE = new Script(
  `(function settle(value, box) {
    Promise.resolve(value).then(
      function (v) { box.state = 'fulfilled'; box.value = v; },
      function (e) { box.state = 'rejected'; box.error = e; });
  })`,
  { filename: 'settle.js' },
);
const DRAIN = new Script('undefined', { filename: 'drain.js' });

class LambdaFunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

/** The source of the handler in `zip`, or why it cannot start. */
function handlerIn(zip: Uint8Array): string | Compiled {
  // A zip buildHandlerZip made holds what handlerSource wrote: no need to unzip it.
  const revision = handlerZipRevision(zip);
  if (revision !== undefined) return handlerSource(revision);
  const { strFromU8, unzipSync } = fflate();
  try {
    const entry = unzipSync(zip, { filter: (file) => file.name === HANDLER_FILE })[HANDLER_FILE];
    if (entry === undefined) {
      return {
        kind: 'broken',
        errorType: 'Runtime.ImportModuleError',
        errorMessage: "Error: Cannot find module 'index'",
      };
    }
    return strFromU8(entry);
  } catch (error) {
    return { kind: 'broken', errorType: 'Runtime.InvalidZipFile', errorMessage: describe(error) };
  }
}

function compile(zip: Uint8Array): Compiled {
  const source = handlerIn(zip);
  if (typeof source !== 'string') return source;
  try {
    // One context per distinct zip, like one warm execution environment: the handler cannot reach
    // the harness's globals, and each invocation still re-runs the module with fresh exports.
    const context = createContext({}, { microtaskMode: 'afterEvaluate' });
    const wrapped = `(function (exports, module, require, process) {${source}\n})`;
    const factory = new Script(wrapped, { filename: HANDLER_FILE }).runInContext(
      context,
    ) as ModuleFactory;
    const settle = SETTLE.runInContext(context) as Settle;
    return { kind: 'module', factory, settle, context };
  } catch (error) {
    return {
      kind: 'broken',
      errorType: 'Runtime.UserCodeSyntaxError',
      errorMessage: describe(error),
    };
  }
}

function compiled(zip: Uint8Array): Compiled {
  const known = byArray.get(zip);
  if (known !== undefined) return known;
  const digest = createHash('sha256').update(zip).digest('hex');
  let entry = byDigest.get(digest);
  if (entry === undefined) {
    entry = compile(zip);
    if (byDigest.size >= MAX_CACHED) byDigest.clear();
    byDigest.set(digest, entry);
  }
  byArray.set(zip, entry);
  return entry;
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

// Errors thrown inside the vm context are not `instanceof Error` here (another realm), so the
// type is read from the value's own `name`.
function errorTypeOf(error: unknown): string {
  if (error instanceof LambdaFunctionError) return error.errorType;
  if (typeof error === 'object' && error !== null && 'name' in error) {
    if (typeof error.name === 'string' && error.name !== '') return error.name;
  }
  return 'Error';
}

function failure(errorType: string, errorMessage: string): HandlerResult {
  return { payload: JSON.stringify({ errorType, errorMessage }), functionError: 'Unhandled' };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

type Outcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'error'; readonly error: unknown };

function execute(
  entry: Extract<Compiled, { kind: 'module' }>,
  env: Readonly<Record<string, string>>,
  event: string,
): Outcome {
  const { factory } = entry;
  const module: { exports: unknown } = { exports: {} };
  const require = (id: string): never => {
    throw new LambdaFunctionError('Runtime.ImportModuleError', `Error: Cannot find module '${id}'`);
  };
  factory(module.exports, module, require, { env: { ...env } });
  const handler = (module.exports as { handler?: unknown } | null)?.handler;
  if (typeof handler !== 'function') {
    throw new LambdaFunctionError(
      'Runtime.HandlerNotFound',
      'index.handler is undefined or not exported',
    );
  }
  let delivered: { readonly error: unknown; readonly value: unknown } | undefined;
  const callback = (error: unknown, value: unknown): void => {
    delivered ??= { error, value };
  };
  const context = { callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 3000 };
  const returned: unknown = Reflect.apply(handler, undefined, [
    JSON.parse(event),
    context,
    callback,
  ]);
  if (delivered !== undefined) {
    const { error, value } = delivered;
    return error === null || error === undefined
      ? { kind: 'value', value }
      : { kind: 'error', error };
  }
  if (isThenable(returned)) {
    const box: SettleBox = {};
    entry.settle(returned, box);
    DRAIN.runInContext(entry.context);
    switch (box.state) {
      case 'fulfilled':
        return { kind: 'value', value: box.value };
      case 'rejected':
        return { kind: 'error', error: box.error };
      case undefined:
        throw new LambdaFunctionError(
          'Runtime.AsyncResultUnsupported',
          "the handler's Promise did not settle on its own; runHandler runs no timers or I/O",
        );
    }
  }
  return { kind: 'value', value: returned };
}

/**
 * Really runs the `index.handler` of a Lambda zip: unzips it, evaluates `index.js` as CommonJS in
 * a `node:vm` context with `process.env` = `env`, and calls the handler with `JSON.parse(event)`.
 *
 * The result is the value passed to the callback during the call, else the value the handler's
 * Promise settles to (async handlers, whose work needs no timer or I/O: the context has neither),
 * else the returned value (`undefined` → `null`, as Lambda answers); it is computed before
 * runHandler returns. A thrown error, a rejected Promise, one that does not settle, an unreadable
 * zip or a missing handler give a Lambda-style error payload `{"errorType":…,"errorMessage":…}`
 * with `functionError: 'Unhandled'`; it never throws.
 *
 * Compiled modules are cached by the zip's SHA-256, so repeated invocations are cheap.
 */
export function runHandler(
  zip: Uint8Array,
  env: Readonly<Record<string, string>>,
  event: string,
): HandlerResult {
  const entry = compiled(zip);
  if (entry.kind === 'broken') return failure(entry.errorType, entry.errorMessage);
  let outcome: Outcome;
  try {
    outcome = execute(entry, env, event);
  } catch (error) {
    outcome = { kind: 'error', error };
  }
  if (outcome.kind === 'error') return failure(errorTypeOf(outcome.error), describe(outcome.error));
  try {
    return { payload: JSON.stringify(outcome.value ?? null) };
  } catch (error) {
    return failure('Runtime.MarshalError', describe(error));
  }
}
