import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  applyBaseline,
  baselineOf,
  describeEntry,
  formatBaseline,
  type Baseline,
} from '../baseline/Baseline.ts';
import { loadBaseline } from '../baseline/loadBaseline.ts';
import type { BaselineEntry, RunRecord } from '../runner/RunRecord.ts';
import type { Io } from './Io.ts';

/** The `--baseline FILE` and `--write-baseline FILE` flags, shared by `run` and `check-trace`. */
export const BASELINE_FLAG_OPTIONS = {
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
} as const;

/** Baseline flags as given, and the loaded baseline (loaded before the run: bad files fail fast). */
export interface BaselineFlags {
  readonly baseline: Baseline | undefined;
  readonly writeBaseline: string | undefined;
}

/** Reads the baseline flags and loads `--baseline` (a located error, exit 2, when it is bad). */
export async function readBaselineFlags(values: Record<string, unknown>): Promise<BaselineFlags> {
  const file = values['baseline'];
  const write = values['write-baseline'];
  return {
    baseline: typeof file === 'string' ? await loadBaseline(resolve(file), file) : undefined,
    writeBaseline: typeof write === 'string' ? write : undefined,
  };
}

/** The record to report, and the stale entries that fail the run. */
export interface BaselineResult {
  readonly record: RunRecord;
  readonly stale: readonly BaselineEntry[];
}

/**
 * Applies `--baseline` to a finished record (known divergences marked `baselined`, verdict
 * recomputed) and reports expired entries. `--write-baseline` then writes this run's divergences
 * as a baseline with placeholder reasons.
 */
export async function applyBaselineFlags(
  record: RunRecord,
  flags: BaselineFlags,
  io: Io,
): Promise<BaselineResult> {
  let result: BaselineResult = { record, stale: [] };
  if (flags.baseline !== undefined) {
    const outcome = applyBaseline(record, flags.baseline);
    for (const e of outcome.expired) {
      io.err(
        `expired baseline entry ${describeEntry(flags.baseline.file, e)}: expired ${e.expires ?? ''}, no longer suppresses; renew or remove it`,
      );
    }
    result = { record: outcome.record, stale: outcome.stale };
  }
  if (flags.writeBaseline !== undefined) {
    const entries = baselineOf(result.record, flags.baseline);
    const path = resolve(flags.writeBaseline);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, formatBaseline(entries, path));
    io.err(
      `wrote ${flags.writeBaseline}: ${entries.length} known divergence${entries.length === 1 ? '' : 's'}; give each a real reason`,
    );
  }
  return result;
}

/**
 * Prints stale entries (after the reports, so they are the last thing read) and folds them into
 * the exit code: a stale entry fails the run (1) so that the list cannot rot.
 */
export function finishBaseline(
  result: BaselineResult,
  flags: BaselineFlags,
  exitCode: number,
  io: Io,
): number {
  const file = flags.baseline?.file ?? '';
  for (const e of result.stale) {
    io.err(
      `stale baseline entry ${describeEntry(file, e)}: no longer diverges; remove it (${e.reason})`,
    );
  }
  return result.stale.length > 0 ? 1 : exitCode;
}
