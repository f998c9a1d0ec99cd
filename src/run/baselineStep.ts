import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  applyBaseline,
  baselineOf,
  describeEntry,
  formatBaseline,
  type Baseline,
} from '../baseline/Baseline.ts';
import type { BaselineEntry, RunRecord } from '../runner/RunRecord.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

/** `baseline` and `writeBaseline`, resolved: the loaded baseline and where to write one. */
export interface BaselineStep {
  /** The known-divergence baseline, loaded before the run (a bad file fails fast, exit 2). */
  readonly baseline: Baseline | undefined;
  /** Where this run's divergences are written as a baseline: the path as given and resolved. */
  readonly write: { readonly shownAs: string; readonly file: string } | undefined;
}

/**
 * Loads `baseline` (a located error, code `BAD_BASELINE`, when it is bad). Its reader (and the YAML
 * library) is loaded only when there is a baseline to read.
 */
export async function loadBaselineStep(options: {
  readonly baseline?: string | undefined;
  readonly writeBaseline?: string | undefined;
}): Promise<BaselineStep> {
  const { baseline, writeBaseline } = options;
  const read = async (file: string): Promise<Baseline> =>
    (await import('../baseline/loadBaseline.ts')).loadBaseline(resolve(file), file);
  return {
    baseline: baseline === undefined ? undefined : await read(baseline),
    write:
      writeBaseline === undefined
        ? undefined
        : { shownAs: writeBaseline, file: resolve(writeBaseline) },
  };
}

/** The record to report, and the entries the user must hear about. */
export interface BaselineResult {
  readonly record: RunRecord;
  /** Entries whose rule no longer diverges: they fail the run. */
  readonly stale: readonly BaselineEntry[];
  /** Entries past their `expires` date: they no longer suppress anything. */
  readonly expired: readonly BaselineEntry[];
}

/**
 * Applies the baseline to a finished record (known divergences marked `baselined`, verdict
 * recomputed) and tells `notice` about expired entries; then writes this run's divergences as a
 * baseline with placeholder reasons when asked to.
 */
export async function applyBaselineStep(
  record: RunRecord,
  step: BaselineStep,
  notice: (line: string) => void,
): Promise<BaselineResult> {
  let result: BaselineResult = { record, stale: [], expired: [] };
  if (step.baseline !== undefined) {
    const outcome = applyBaseline(record, step.baseline);
    for (const e of outcome.expired) {
      notice(
        `expired baseline entry ${describeEntry(step.baseline.file, e)}: expired ${e.expires ?? ''}, no longer suppresses; renew or remove it`,
      );
    }
    result = outcome;
  }
  if (step.write !== undefined) {
    const entries = baselineOf(result.record, step.baseline);
    await makeDirectory(dirname(step.write.file));
    await writeFile(step.write.file, formatBaseline(entries, step.write.file));
    notice(
      `wrote ${step.write.shownAs}: ${entries.length} known divergence${entries.length === 1 ? '' : 's'}; give each a real reason`,
    );
  }
  return result;
}

/**
 * Tells `notice` about stale entries (after the reports, so they are the last thing read). They
 * fail the run (`exitCodeOf` is 1) so that the list cannot rot.
 */
export function noticeStale(
  result: BaselineResult,
  step: BaselineStep,
  notice: (line: string) => void,
): void {
  const file = step.baseline?.file ?? '';
  for (const e of result.stale) {
    notice(
      `stale baseline entry ${describeEntry(file, e)}: no longer diverges; remove it (${e.reason})`,
    );
  }
}
