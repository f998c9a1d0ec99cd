import { relative } from 'node:path';
import type { Spec } from '../spec/Spec.ts';
import { compareSides, type DiffEntry, type DiffKind } from './compareSteps.ts';
import { recordedSide, runLiveSide, type LiveSide, type SideRun } from './DiffSide.ts';
import type { DiffSequence } from '../runner/generateSequences.ts';
import type { TraceRun } from '../traces/readTrace.ts';
import type { TraceSequence } from '../traces/traceCommands.ts';

/**
 * Version of `diff.json`. Version 2: sequences go on past a divergence (entries after one are
 * marked `after`), and each side's view carries its error message.
 */
export const DIFF_REPORT_VERSION = 2;

/** One side of a differential run: a live target, or the runs of a recorded trace. */
export type DiffSource =
  | { readonly kind: 'live'; readonly name: string; readonly side: LiveSide }
  | {
      readonly kind: 'trace';
      readonly name: string;
      readonly spec: Spec;
      readonly reading?: string;
      readonly unobservable: ReadonlySet<string>;
    };

/** A sequence to run on both sides; `recorded` when it comes from a trace side's run. */
export interface DiffWork extends DiffSequence {
  readonly recorded?: { readonly run: TraceRun; readonly sequence: TraceSequence };
}

/** The outcome of a differential run (`diff.json`). */
export interface DiffReport {
  readonly version: typeof DIFF_REPORT_VERSION;
  readonly targets: { readonly a: string; readonly b: string };
  readonly spec: { readonly file: string; readonly hash: string };
  readonly reading: string;
  readonly seed?: number;
  readonly sequences: number;
  /** Operations compared (both sides answered conclusively). */
  readonly compared: number;
  readonly counts: Readonly<Record<DiffKind, number>>;
  readonly entries: readonly DiffEntry[];
  /** What the comparison had to leave out or adapt, and why. */
  readonly notes: readonly string[];
}

/** Everything a differential run needs, resolved by the CLI. */
export interface DiffInput {
  readonly a: DiffSource;
  readonly b: DiffSource;
  readonly work: readonly DiffWork[];
  readonly spec: Spec;
  readonly reading: string;
  readonly seed?: number;
  readonly notes: readonly string[];
  /** Called after every sequence. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborted (SIGINT): no further sequence starts; what ran is reported. */
  readonly signal?: AbortSignal;
}

function unobservableOf(source: DiffSource): ReadonlySet<string> {
  return source.kind === 'live' ? source.side.unobservable : source.unobservable;
}

async function sideRun(source: DiffSource, work: DiffWork, runId: string): Promise<SideRun> {
  if (source.kind === 'live') return runLiveSide(source.side, runId, work.timing, work.commands);
  if (work.recorded === undefined) {
    throw new Error(`diff: the recorded side ${source.name} has no run for this sequence`);
  }
  return recordedSide(source.spec, work.recorded.run, work.recorded.sequence, {
    unobservable: source.unobservable,
    ...(source.reading !== undefined ? { reading: source.reading } : {}),
  });
}

/**
 * Runs every sequence on both sides (the same commands, the same timing) and compares what they
 * observed, operation by operation: a difference both monitors accept is one the documents allow;
 * one only one side's monitor accepts names the target that broke which rule. A field either side
 * cannot observe (its `unobservable`, e.g. a trace's) is left out of the comparison.
 */
export async function diffTargets(input: DiffInput): Promise<DiffReport> {
  const entries: DiffEntry[] = [];
  let compared = 0;
  const notes = [...input.notes];
  let done = 0;
  const hidden = new Set([...unobservableOf(input.a), ...unobservableOf(input.b)]);
  for (const [i, work] of input.work.entries()) {
    if (input.signal?.aborted === true) {
      notes.push(`interrupted after ${i} of ${input.work.length} sequences`);
      break;
    }
    const id = `d${i.toString(36)}${Date.now().toString(36).slice(-4)}`;
    const [a, b] = await Promise.all([
      sideRun(input.a, work, `${id}a`),
      sideRun(input.b, work, `${id}b`),
    ]);
    const result = compareSides(i, a, b, hidden);
    entries.push(...result.entries);
    compared += result.compared;
    done = i + 1;
    input.onProgress?.(done, input.work.length);
  }
  const counts: Record<DiffKind, number> = {
    'both-allowed': 0,
    'one-conforms': 0,
    'neither-conforms': 0,
  };
  for (const e of entries) counts[e.kind]++;
  return {
    version: DIFF_REPORT_VERSION,
    targets: { a: input.a.name, b: input.b.name },
    spec: { file: relative(process.cwd(), input.spec.file), hash: input.spec.hash },
    reading: input.reading,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    sequences: done,
    compared,
    counts,
    entries,
    notes,
  };
}

/** Exit code of a differential run: 1 when some difference is not allowed by the spec. */
export function diffExitCode(report: DiffReport): number {
  return report.counts['one-conforms'] + report.counts['neither-conforms'] > 0 ? 1 : 0;
}
