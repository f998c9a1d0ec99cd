import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { buildHandlerZip } from './buildHandlerZip.ts';
import { runHandler } from './runHandler.ts';

function zipOf(source: string, file = 'index.js'): Uint8Array {
  return zipSync({ [file]: strToU8(source) });
}

function errorOf(result: { payload: string }): { errorType: string; errorMessage: string } {
  return JSON.parse(result.payload) as { errorType: string; errorMessage: string };
}

describe('runHandler', () => {
  it('runs the conformance handler with the given environment', () => {
    const result = runHandler(buildHandlerZip(3), { CONFORMANCE_CONFIG: '9' }, '{}');
    expect(result).toEqual({ payload: '{"code":3,"config":9}' });
  });

  it('runs the same handler from a copy of a built zip (unzipped, not recognised) and beyond the prebuilt revisions', () => {
    const copy = Uint8Array.from(buildHandlerZip(3));
    expect(runHandler(copy, { CONFORMANCE_CONFIG: '9' }, '{}')).toEqual({
      payload: '{"code":3,"config":9}',
    });
    expect(runHandler(buildHandlerZip(40), {}, '{}').payload).toBe('{"code":40,"config":null}');
  });

  it('answers config null when CONFORMANCE_CONFIG is not set', () => {
    expect(runHandler(buildHandlerZip(1), {}, '{}').payload).toBe('{"code":1,"config":null}');
  });

  it('passes the parsed event to the handler', () => {
    const zip = zipOf('exports.handler = (event) => ({ echo: event.x });');
    expect(runHandler(zip, {}, '{"x":[1,2]}').payload).toBe('{"echo":[1,2]}');
  });

  it('gives each invocation fresh module state and its own environment', () => {
    const zip = zipOf('let n = 0; exports.handler = () => ({ n: ++n, v: process.env.V ?? null });');
    expect(runHandler(zip, { V: 'a' }, '{}').payload).toBe('{"n":1,"v":"a"}');
    expect(runHandler(zip, {}, '{}').payload).toBe('{"n":1,"v":null}');
  });

  it('cannot reach the harness globals', () => {
    const zip = zipOf('exports.handler = () => ({ t: typeof globalThis.process });');
    expect(runHandler(zip, {}, '{}').payload).toBe('{"t":"undefined"}');
  });

  it('reports a thrown error as a Lambda error payload with FunctionError Unhandled', () => {
    const zip = zipOf('exports.handler = () => { throw new TypeError("boom"); };');
    const result = runHandler(zip, {}, '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(errorOf(result)).toEqual({ errorType: 'TypeError', errorMessage: 'boom' });
  });

  it('reports an error passed to the callback', () => {
    const zip = zipOf('exports.handler = (e, c, cb) => cb(new RangeError("nope"));');
    expect(errorOf(runHandler(zip, {}, '{}'))).toEqual({
      errorType: 'RangeError',
      errorMessage: 'nope',
    });
  });

  it('runs an async handler to the value its Promise settles to', () => {
    const zip = zipOf(
      'exports.handler = async (event) => { await null; return { ok: event.n + 1, v: process.env.V }; };',
    );
    expect(runHandler(zip, { V: 'x' }, '{"n":1}')).toEqual({ payload: '{"ok":2,"v":"x"}' });
  });

  it('reports a rejected Promise as a function error', () => {
    const zip = zipOf(
      'exports.handler = async () => { await null; throw new RangeError("late"); };',
    );
    const result = runHandler(zip, {}, '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(errorOf(result)).toEqual({ errorType: 'RangeError', errorMessage: 'late' });
  });

  it('reports a Promise that never settles as a function error instead of waiting', () => {
    const zip = zipOf('exports.handler = () => new Promise(() => undefined);');
    const result = runHandler(zip, {}, '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(errorOf(result).errorType).toBe('Runtime.AsyncResultUnsupported');
  });

  it('answers null for a handler that returns nothing', () => {
    expect(runHandler(zipOf('exports.handler = () => {};'), {}, '{}')).toEqual({ payload: 'null' });
  });

  it.each([
    [
      'a missing index.js',
      zipOf('exports.handler = () => 1;', 'main.js'),
      'Runtime.ImportModuleError',
    ],
    ['a missing handler export', zipOf('exports.other = () => 1;'), 'Runtime.HandlerNotFound'],
    ['a syntax error', zipOf('exports.handler = () => {'), 'Runtime.UserCodeSyntaxError'],
    ['bytes that are not a zip', strToU8('not a zip'), 'Runtime.InvalidZipFile'],
    [
      'a require of a module',
      zipOf('require("fs"); exports.handler = () => 1;'),
      'Runtime.ImportModuleError',
    ],
    ['an unserialisable result', zipOf('exports.handler = () => 1n;'), 'Runtime.MarshalError'],
  ])('reports %s as a function error', (_label, zip, errorType) => {
    const result = runHandler(zip, {}, '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(errorOf(result).errorType).toBe(errorType);
  });
});
