import { describe, expect, it } from 'vitest';
import { invokeWhilePending } from '../reporters/fixtureDivergences.testkit.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import {
  buildRunRecord,
  countsOf,
  MAX_INCONCLUSIVE_LISTED,
  runVerdict,
  type RunFindings,
} from './buildRunRecord.ts';
import { mergeRecords } from './mergeRecords.ts';
import type { RegressionResult, RunRecord } from './RunRecord.ts';
import { createRunTally } from './StepChecker.ts';

const findings: RunFindings = {
  scenario: { name: 'test', file: 'test.yaml' },
  spec: { file: 'spec/lambda-lifecycle.yaml', hash: 'abc', title: 'Lambda' },
  reading: 'seed',
  target: { name: 'memory', mutants: [], leftOut: [] },
  seed: 1,
  runsPlanned: 2,
  runsCompleted: 2,
  operations: 10,
  stoppedBy: 'completed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
  largestStateSet: 1,
  coverage: [],
  divergences: [],
  inconclusive: [],
  unspecified: [],
  regressions: [],
};

const replay = (baselined?: boolean): RegressionResult => ({
  file: 'r.json',
  expected: 'divergence',
  observed: 'divergence',
  ruleId: 'create',
  ...(baselined !== undefined ? { baselined } : {}),
});

describe('buildRunRecord', () => {
  it('derives the verdict: unbaselined divergences first, then inconclusive or interrupted', () => {
    expect(runVerdict(findings)).toBe('conformant');
    expect(runVerdict({ ...findings, regressions: [replay()] })).toBe('divergence');
    expect(runVerdict({ ...findings, regressions: [replay(true)] })).toBe('conformant');
    expect(runVerdict({ ...findings, stoppedBy: 'interrupted' })).toBe('inconclusive');
    const step = { command: 'GetFunction(fn0)', reason: 'timed out' };
    expect(runVerdict({ ...findings, inconclusive: [step] })).toBe('inconclusive');
  });

  it('lists a bounded number of inconclusive steps, and no shard unless given', () => {
    const step = { command: 'GetFunction(fn0)', reason: 'timed out' };
    const many = Array.from({ length: MAX_INCONCLUSIVE_LISTED + 5 }, () => step);
    const record = buildRunRecord({ ...findings, inconclusive: many });
    expect(record.inconclusive).toHaveLength(MAX_INCONCLUSIVE_LISTED);
    expect(record.verdict).toBe('inconclusive');
    expect('shard' in record).toBe(false);
  });

  it('gives merged shards the verdict a run of them all would have', () => {
    const shard = (
      index: number,
      extra: Partial<RunFindings>,
    ): { file: string; record: RunRecord } => ({
      file: `shard-${index}/run.json`,
      record: buildRunRecord({ ...findings, shard: { index, count: 2 }, ...extra }),
    });
    const clean = shard(1, {});
    const known = shard(2, { regressions: [replay(true)] });
    const fresh = shard(2, { regressions: [replay()] });
    expect(known.record.verdict).toBe('conformant');
    expect(mergeRecords([clean, known]).verdict).toBe('conformant');
    expect(mergeRecords([clean, fresh]).verdict).toBe('divergence');
    const merged = mergeRecords([clean, fresh]);
    expect(merged.operations).toBe(20);
    expect(merged.shard).toBeUndefined();
  });

  it('counts a violation per reported divergence and still-diverging replay, not per step', async () => {
    const spec = await loadSpec('spec/lambda-lifecycle.yaml');
    const tally = createRunTally(spec);
    tally.coverage.exercised(['create', 'create', 'get-active']);
    const divergence = { ...invokeWhilePending, ruleId: 'create' };
    const passing: RegressionResult = { ...replay(), observed: 'conformant' };
    const counts = countsOf(tally, {
      divergences: [divergence],
      regressions: [replay(), passing],
    });
    const of = (id: string): unknown => {
      const c = counts.coverage.find((e) => e.id === id);
      return [c?.exercised, c?.violated];
    };
    expect(of('create')).toEqual([2, 2]);
    expect(of('get-active')).toEqual([1, 0]);
    expect(counts.coverage).toHaveLength(tally.coverage.snapshot().length);
  });
});
