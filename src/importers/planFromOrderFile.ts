import { HarnessError } from '../errors/HarnessError.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import type { Spec } from '../spec/Spec.ts';
import type { CallPlan, PlannedCall } from './CallPlan.ts';

/**
 * The order file format, one call per line, in the order the test made them (`#` starts a
 * comment):
 *
 * ```text
 * CreateFunction fn0 packageType=Image <- create-image-response
 * GetFunction <- get-function-response        # fn0 when no function is named
 * UpdateFunctionCode code=2                   # no key: it succeeded, the answer was not recorded
 * - list_tags fn0                             # a read outside the spec's operations (left out)
 * ! untag_resource fn0                        # a change outside the spec's operations: the trace of fn0 ends
 * ! untag_resource fn0 refused                # … unless it was refused
 * GetFunction partial <- get-fn-config        # the key holds only part of the answer
 * ```
 */
export const ORDER_FILE_FORMAT =
  "'[!|-] NAME [fnN] [arg=value …] [refused] [partial] [<- snapshot-key]': NAME a spec operation, or after '!' (may change the function) or '-' (a read) a call outside the spec";

const FN = /^fn[0-9]+$/;

function bad(where: string, what: string): HarnessError {
  return new HarnessError('BAD_IMPORT', `${where}: ${what}`);
}

function value(text: string): string | number {
  return /^-?[0-9]+$/.test(text) ? Number(text) : text;
}

function readLine(text: string, where: string, spec: Spec): PlannedCall {
  const arrow = text.indexOf('<-');
  const key = arrow < 0 ? undefined : text.slice(arrow + 2).trim();
  if (key === '') throw bad(where, `'<-' names no snapshot key; expected ${ORDER_FILE_FORMAT}`);
  const tokens = (arrow < 0 ? text : text.slice(0, arrow)).trim().split(/\s+/);
  const marker = tokens[0] === '!' || tokens[0] === '-' ? tokens.shift() : undefined;
  const name = tokens.shift() ?? '';
  let fn = 'fn0';
  let refused = false;
  let partial = false;
  const args: Record<string, string | number> = {};
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (FN.test(token)) fn = token;
    else if (token === 'refused') refused = true;
    else if (token === 'partial') partial = true;
    else if (eq > 0) args[token.slice(0, eq)] = value(token.slice(eq + 1));
    else throw bad(where, `cannot read '${token}'; expected ${ORDER_FILE_FORMAT}`);
  }
  const base = {
    where,
    fn,
    ...(key !== undefined ? { key } : {}),
    ...(refused ? { refused: true } : {}),
    ...(partial ? { partial: true } : {}),
  };
  if (marker !== undefined) {
    return { ...base, kind: 'outside', call: name, mutating: marker === '!' };
  }
  if (!spec.operations.has(name)) {
    const hint = didYouMean(name, spec.operations.keys()) ?? '';
    throw bad(
      where,
      `'${name}' is not an operation of the spec; mark a call outside the spec with '!' (it may change the function) or '-' (a read). ${hint}`.trim(),
    );
  }
  return { ...base, kind: 'spec', operation: name, args };
}

/**
 * Reads an order file (format: {@link ORDER_FILE_FORMAT}): the calls of a recorded test in order,
 * as the user states them. A bad line is a `BAD_IMPORT` error naming `file:line`.
 */
export function planFromOrderFile(text: string, file: string, spec: Spec): CallPlan {
  const calls: PlannedCall[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    calls.push(readLine(line, `${file}:${i + 1}`, spec));
  }
  if (calls.length === 0) throw bad(file, `no calls; expected one per line: ${ORDER_FILE_FORMAT}`);
  return { calls, order: file, notes: [] };
}

/** Writes a plan in the order file format (what `--show-order` prints), one call per line. */
export function formatPlan(plan: CallPlan): string {
  const lines = plan.calls.map((call) => {
    const head =
      call.kind === 'spec'
        ? [
            call.operation,
            call.fn,
            ...Object.entries(call.args).map(([k, v]) => `${k}=${String(v)}`),
          ]
        : [call.mutating ? '!' : '-', call.call, call.fn];
    if (call.refused === true) head.push('refused');
    if (call.partial === true) head.push('partial');
    const key = call.key === undefined ? '' : ` <- ${call.key}`;
    return `${head.join(' ')}${key}  # ${call.where}`;
  });
  return [`# order of ${plan.order}`, ...lines].join('\n');
}
