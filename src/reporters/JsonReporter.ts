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
 * as `JSON.stringify` does.
 *
 * @internal Exported for tests only.
 */
export function toStableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      sorted[key] = sortKeys(source[key]);
    }
    return sorted;
  }
  return value;
}
