import { HarnessError } from '../errors/HarnessError.ts';
import { buildRunRecord } from './buildRunRecord.ts';
import type { RuleCoverage, RunRecord, StopReason, UndecidableWaits } from './RunRecord.ts';

/** The shards' undecidable waits, one entry per list of transitions with the counts summed. */
function mergeUndecidable(records: readonly RunRecord[]): UndecidableWaits {
  const byTransitions = new Map<string, UndecidableWaits[number]>();
  for (const u of records.flatMap((r) => r.undecidable ?? [])) {
    const key = u.transitions.join(',');
    const seen = byTransitions.get(key);
    byTransitions.set(key, seen === undefined ? u : { ...seen, count: seen.count + u.count });
  }
  return [...byTransitions.values()];
}

function mergeCoverage(records: readonly RunRecord[]): RuleCoverage[] {
  const [first, ...rest] = records;
  if (first === undefined) return [];
  return first.coverage.map((c) => {
    let { exercised, violated, unspecified } = c;
    for (const r of rest) {
      const other = r.coverage.find((o) => o.id === c.id);
      exercised += other?.exercised ?? 0;
      violated += other?.violated ?? 0;
      unspecified += other?.unspecified ?? 0;
    }
    return { ...c, exercised, violated, unspecified };
  });
}

/**
 * Refuses shards that do not make up one whole suite: a record that is no shard, shards of
 * different splits, the same shard twice, or a split with shards missing. A merged record then
 * stands for every run of the suite, never for part of it.
 */
function checkShards(records: readonly { file: string; record: RunRecord }[]): void {
  const seen = new Map<number, string>();
  let count: number | undefined;
  for (const { file, record } of records) {
    const { shard } = record;
    if (shard === undefined) {
      throw new HarnessError(
        'MERGE_MISMATCH',
        `merge: ${file} is not a shard (its run had no --shard i/n); merge joins the shards of one suite.`,
      );
    }
    count ??= shard.count;
    if (shard.count !== count) {
      throw new HarnessError(
        'MERGE_MISMATCH',
        `merge: ${file} is shard ${shard.index}/${shard.count}, the others are of ${count}.`,
      );
    }
    const twice = seen.get(shard.index);
    if (twice !== undefined) {
      throw new HarnessError(
        'MERGE_MISMATCH',
        `merge: ${file} and ${twice} are both shard ${shard.index}/${shard.count}.`,
      );
    }
    seen.set(shard.index, file);
  }
  const missing = Array.from({ length: count ?? 0 }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new HarnessError(
      'MERGE_MISMATCH',
      `merge: shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count ?? 0}`).join(', ')} missing; merge all ${count ?? 0} shards of the suite.`,
    );
  }
}

/**
 * Joins the run records of the shards of one suite (`--shard i/n`, same seed and spec) into one
 * record: counts add up, coverage is summed per rule, divergences and events are concatenated, and
 * the verdict follows from them as for any run (so it is the worst of the shards'). Records of
 * different specs, seeds or targets are refused.
 */
export function mergeRecords(records: readonly { file: string; record: RunRecord }[]): RunRecord {
  const [head, ...rest] = records;
  if (head === undefined) throw new HarnessError('MERGE_EMPTY', 'merge: no run records to merge.');
  const base = head.record;
  for (const { file, record } of rest) {
    const mismatch =
      record.spec.hash !== base.spec.hash
        ? `spec ${record.spec.hash.slice(0, 12)} ≠ ${base.spec.hash.slice(0, 12)}`
        : record.seed !== base.seed
          ? `seed ${record.seed} ≠ ${base.seed}`
          : record.target.name !== base.target.name ||
              record.target.mutants.join() !== base.target.mutants.join()
            ? `target ${record.target.name} ≠ ${base.target.name}`
            : record.reading !== base.reading
              ? `reading ${record.reading} ≠ ${base.reading}`
              : undefined;
    if (mismatch !== undefined) {
      throw new HarnessError(
        'MERGE_MISMATCH',
        `merge: ${file} is not a shard of the same suite as ${head.file}: ${mismatch}.`,
      );
    }
  }
  checkShards(records);
  const all = records.map((r) => r.record);
  const sum = (f: (r: RunRecord) => number): number => all.reduce((n, r) => n + f(r), 0);
  const stoppedBy: StopReason = all.some((r) => r.stoppedBy === 'interrupted')
    ? 'interrupted'
    : all.some((r) => r.stoppedBy === 'target-gone')
      ? 'target-gone'
      : all.some((r) => r.stoppedBy === 'divergence')
        ? 'divergence'
        : all.some((r) => r.stoppedBy === 'time-budget')
          ? 'time-budget'
          : 'completed';
  // The merged record is the whole suite, not a shard of it: no `shard`. The first shard's
  // coverage gate and baseline report are carried over as they are.
  return buildRunRecord({
    scenario: base.scenario,
    spec: base.spec,
    reading: base.reading,
    ...(base.bounds !== undefined ? { bounds: base.bounds } : {}),
    target: base.target,
    seed: base.seed,
    runsPlanned: sum((r) => r.runsPlanned),
    runsCompleted: sum((r) => r.runsCompleted),
    operations: sum((r) => r.operations),
    stoppedBy,
    startedAt: all.map((r) => r.startedAt).sort()[0] ?? base.startedAt,
    durationMs: Math.max(...all.map((r) => r.durationMs)),
    largestStateSet: Math.max(...all.map((r) => r.largestStateSet)),
    coverage: mergeCoverage(all),
    divergences: all.flatMap((r) => r.divergences),
    inconclusive: all.flatMap((r) => r.inconclusive),
    unspecified: all.flatMap((r) => r.unspecified),
    regressions: all.flatMap((r) => r.regressions),
    ...setupErrorOf(all),
    undecidable: mergeUndecidable(all),
    ...(base.coverageGate !== undefined ? { coverageGate: base.coverageGate } : {}),
    ...(base.baseline !== undefined ? { baseline: base.baseline } : {}),
  });
}

/** The first shard's setup error, when one stopped on one (the merged suite then exits 2 too). */
function setupErrorOf(records: readonly RunRecord[]): Pick<RunRecord, 'setupError'> {
  const setupError = records.find((r) => r.setupError !== undefined)?.setupError;
  return setupError === undefined ? {} : { setupError };
}
