import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../runner/RunRecord.ts';
import type { TraceLine } from '../traces/TraceRecord.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/** The per-rule counts of a record, keyed by rule id. */
function counts(record: RunRecord): Record<string, string> {
  return Object.fromEntries(
    record.coverage.map((c) => [c.id, `${c.exercised}/${c.violated}/${c.unspecified}`]),
  );
}

/** What a reported divergence says, without the parts only a live run knows (seed path, files). */
function divergenceFacts(record: RunRecord): unknown[] {
  return record.divergences.map((d) => ({
    ruleId: d.ruleId,
    category: d.category,
    operation: d.operation,
    observation: d.observation,
    // Settle is a harness command with no line of its own in a trace: compare what was checked.
    steps: d.trace
      .filter((e) => e.verdict !== 'harness' || e.command.startsWith('Wait'))
      .map((e) => `${e.command} -> ${e.observation} [${e.verdict}]`),
  }));
}

/** The recorded runs: their lane, whether they were a shrink attempt, whether they diverged. */
interface RecordedRun {
  readonly lane: number | undefined;
  readonly shrink: boolean;
  diverged: boolean;
}

function recordedRuns(text: string): RecordedRun[] {
  const runs = new Map<string, RecordedRun>();
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const l = JSON.parse(line) as TraceLine;
    if (l.type === 'run')
      runs.set(l.run, { lane: l.lane, shrink: l.shrink === true, diverged: false });
    else if (l.type === 'op' && l.verdict === 'divergence') {
      const run = runs.get(l.run);
      if (run !== undefined) run.diverged = true;
    }
  }
  return [...runs.values()];
}

/** Runs a divergent mutant with `--record`, then checks the trace offline. */
async function liveAndOffline(
  ...flags: string[]
): Promise<{ live: RunRecord; offline: RunRecord; runs: RecordedRun[] }> {
  const dir = await tempDir();
  const trace = join(dir, 'trace.jsonl');
  const live = await cli(
    'run',
    'scenarios/default.yaml',
    ...flags,
    '--record',
    trace,
    '--out',
    join(dir, 'live'),
    '--no-save',
    '--reporter',
    'json',
  );
  expect(live.err).toBe('');
  expect(live.code).toBe(1);
  const offline = await cli(
    'check-trace',
    trace,
    '--out',
    join(dir, 'offline'),
    '--reporter',
    'json',
  );
  expect(offline.err).toBe('');
  expect(offline.code).toBe(1);
  return {
    live: await readRecord(join(dir, 'live')),
    offline: await readRecord(join(dir, 'offline')),
    runs: recordedRuns(await readFile(trace, 'utf8')),
  };
}

describe('check-trace of a recorded divergent run', () => {
  it('gives the live run record: coverage, violations, divergence and counts', async () => {
    const { live, offline, runs } = await liveAndOffline(
      '--mutant',
      'invoke-while-pending',
      '--seed',
      '20261123',
      '--runs',
      '200',
    );
    // A divergence that was shrunk: the trace holds the shrink attempts too, several failing.
    expect(live.verdict).toBe('divergence');
    expect(live.divergences).toHaveLength(1);
    expect(runs.filter((r) => r.shrink && r.diverged).length).toBeGreaterThan(1);
    expect(runs.filter((r) => !r.shrink)).toHaveLength(live.runsCompleted);
    expect(live.divergences[0]?.trace.length).toBeGreaterThan(2);
    expect(offline.verdict).toBe(live.verdict);
    expect(divergenceFacts(offline)).toEqual(divergenceFacts(live));
    expect(counts(offline)).toEqual(counts(live));
    expect(offline.operations).toBe(live.operations);
    expect(offline.runsCompleted).toBe(live.runsCompleted);
    expect(offline.largestStateSet).toBe(live.largestStateSet);
    expect(offline.inconclusive).toEqual(live.inconclusive);
    expect(offline.unspecified).toEqual(live.unspecified);
    // Violations are those of the reported divergence, once.
    const violated = live.coverage.filter((c) => c.violated > 0).map((c) => [c.id, c.violated]);
    expect(violated).toEqual([[live.divergences[0]?.ruleId, 1]]);
  });

  it('reports the lowest failing lane when several concurrent lanes failed', async () => {
    const { live, offline, runs } = await liveAndOffline(
      '--mutant',
      'create-says-active',
      '--seed',
      '2',
      '--runs',
      '40',
      '--concurrency',
      '4',
    );
    const failedLanes = new Set(runs.filter((r) => r.diverged).map((r) => r.lane));
    expect(failedLanes.size).toBeGreaterThan(1);
    expect(offline.verdict).toBe(live.verdict);
    expect(divergenceFacts(offline)).toEqual(divergenceFacts(live));
    expect(counts(offline)).toEqual(counts(live));
    expect(offline.runsCompleted).toBe(live.runsCompleted);
  });
});
