import type { RunRecord } from '../runner/RunRecord.ts';
import type { ReportContext, Reporter } from './Reporter.ts';
import { writeReportFile } from './writeReportFile.ts';

/** The file the `json` reporter writes into the output directory. */
export const JSON_REPORT_FILE = 'run.json';

/**
 * The `json` reporter: writes the record as is to `<outDir>/run.json`, the format documented by
 * `src/reporters/run-record.schema.json`. Keys are sorted, so two runs diff cleanly whatever order
 * the runner built the record in.
 *
 * @internal Exported for tests only.
 */
export class JsonReporter implements Reporter {
  readonly name = 'json';
  readonly file = JSON_REPORT_FILE;

  /** Writes `run.json`. */
  async finish(record: RunRecord, ctx: ReportContext): Promise<void> {
    await writeReportFile(ctx.outDir, JSON_REPORT_FILE, toStableJson(record));
  }
}

/** Registry factory for `json`. */
export function createJsonReporter(): Reporter {
  return new JsonReporter();
}

/**
 * JSON text with object keys sorted at every level, 2-space indent, ending in a newline. Array
 * order is kept (it means something: trace order, spec order). `undefined` members are left out,
 * as `JSON.stringify` does. For plain data it is exactly `JSON.stringify` of a key-sorted copy;
 * written out directly, without the copy (~540 objects for a one run's record, most of what
 * rendering it cost).
 *
 * @internal Exported for tests only.
 */
export function toStableJson(value: unknown): string {
  const parts: string[] = [];
  if (!write(value, '\n', parts)) parts.push('undefined');
  parts.push('\n');
  return parts.join('');
}

/**
 * Appends the JSON of `value` at the line break (with its indent) `br` to `parts`; false, having
 * appended nothing, for what JSON leaves out (`undefined`, a function, a symbol).
 */
function write(value: unknown, br: string, parts: string[]): boolean {
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return false;
    case 'object':
      break;
    default:
      // Strings, numbers, booleans (and a bigint's TypeError) as JSON.stringify gives them.
      parts.push(JSON.stringify(value));
      return true;
  }
  if (value === null) {
    parts.push('null');
    return true;
  }
  const inner = `${br}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      parts.push('[]');
      return true;
    }
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      parts.push(i === 0 ? inner : `,${inner}`);
      if (!write(value[i] as unknown, inner, parts)) parts.push('null');
    }
    parts.push(`${br}]`);
    return true;
  }
  const source = value as Record<string, unknown>;
  let first = true;
  for (const key of sortedKeys(source)) {
    const at = parts.length;
    parts.push(first ? `{${inner}` : `,${inner}`, JSON.stringify(key), ': ');
    if (write(source[key], inner, parts)) first = false;
    else parts.length = at;
  }
  parts.push(first ? '{}' : `${br}}`);
  return true;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/** Whether `key` names an array index (an integer from 0 to 2^32 - 2, written canonically). */
function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;
}

/**
 * The keys of `source` in the order a copy built with them sorted enumerates them: array indices
 * first, in numeric order (an object always lists those first), then the others sorted.
 */
function sortedKeys(source: Record<string, unknown>): string[] {
  const keys = Object.keys(source).sort();
  if (!keys.some(isArrayIndex)) return keys;
  return [
    ...keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b)),
    ...keys.filter((k) => !isArrayIndex(k)),
  ];
}
