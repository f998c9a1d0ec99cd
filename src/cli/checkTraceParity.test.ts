import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../runner/RunRecord.ts';
import type { TraceLine } from '../traces/TraceRecord.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/** The per-rule counts of a record, keyed by rule id: `exercised/violated/unspecified`. */
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
    baselined: d.baselined,
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

function parseLines(text: string): TraceLine[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TraceLine);
}

function recordedRuns(lines: readonly TraceLine[]): RecordedRun[] {
  const runs = new Map<string, RecordedRun>();
  for (const l of lines) {
    if (l.type === 'run')
      runs.set(l.run, { lane: l.lane, shrink: l.shrink === true, diverged: false });
    else if (l.type === 'op' && l.verdict === 'divergence') {
      const run = runs.get(l.run);
      if (run !== undefined) run.diverged = true;
    }
  }
  return [...runs.values()];
}

interface Parity {
  readonly live: RunRecord;
  readonly offline: RunRecord;
  readonly lines: readonly TraceLine[];
  /** Checks the trace again, after `edit`, with the same flags. */
  readonly recheck: (edit: (lines: readonly TraceLine[]) => TraceLine[]) => Promise<RunRecord>;
}

/**
 * Runs the default scenario with `flags` and `--record`, then checks the trace offline with
 * `checkFlags`; both must exit with `code`.
 */
async function liveAndOffline(
  flags: readonly string[],
  options: { readonly checkFlags?: readonly string[]; readonly code?: number } = {},
): Promise<Parity> {
  const { checkFlags = [], code = 1 } = options;
  const dir = await tempDir();
  const trace = join(dir, 'trace.jsonl');
  const common = ['--reporter', 'json'];
  const live = await cli(
    'run',
    'scenarios/default.yaml',
    ...flags,
    '--record',
    trace,
    '--out',
    join(dir, 'live'),
    '--no-save',
    ...common,
  );
  expect(live.err).toBe('');
  expect(live.code).toBe(code);
  const check = async (file: string, out: string): Promise<RunRecord> => {
    const offline = await cli('check-trace', file, ...checkFlags, '--out', out, ...common);
    expect(offline.err).toBe('');
    expect(offline.code).toBe(code);
    return readRecord(out);
  };
  const lines = parseLines(await readFile(trace, 'utf8'));
  return {
    live: await readRecord(join(dir, 'live')),
    offline: await check(trace, join(dir, 'offline')),
    lines,
    recheck: async (edit) => {
      const edited = join(dir, 'edited.jsonl');
      await writeFile(
        edited,
        edit(lines)
          .map((l) => `${JSON.stringify(l)}\n`)
          .join(''),
      );
      return check(edited, join(dir, 'edited'));
    },
  };
}

describe('check-trace of a recorded run gives the live run record', () => {
  it('for a shrunk divergence: coverage, violations, the divergence, counts', async () => {
    const { live, offline, lines, recheck } = await liveAndOffline([
      '--mutant',
      'invoke-while-pending',
      '--seed',
      '20261123',
      '--runs',
      '200',
    ]);
    const runs = recordedRuns(lines);
    // A divergence that was shrunk: the trace holds the shrink attempts too, several failing.
    expect(live.verdict).toBe('divergence');
    // Planned sequences also reach a restoring function, which the same bug answers: one
    // divergence per rule it breaks.
    expect(live.divergences.length).toBeGreaterThanOrEqual(1);
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
    // Violations are those of the reported divergences, once each.
    const violated = live.coverage.filter((c) => c.violated > 0).map((c) => [c.id, c.violated]);
    expect(violated.sort()).toEqual(live.divergences.map((d) => [d.ruleId, 1]).sort());

    // A trace from before runs carried their lane and shrink marks: the same divergence and counts
    // (a lane's runs share its seed, and its last failing run is the shrunk one); only the shrink
    // attempts can no longer be told from generated runs.
    const unmarked = await recheck((all) =>
      all.map((l) => {
        if (l.type !== 'run') return l;
        const older = { ...l };
        delete older.lane;
        delete older.shrink;
        return older;
      }),
    );
    expect(divergenceFacts(unmarked)).toEqual(divergenceFacts(live));
    expect(counts(unmarked)).toEqual(counts(live));
    expect(unmarked.runsCompleted).toBe(runs.length);
  });

  it('for several concurrent lanes that failed: the lowest one', async () => {
    const { live, offline, lines } = await liveAndOffline([
      '--mutant',
      'create-says-active',
      '--seed',
      '2',
      '--runs',
      '40',
      '--concurrency',
      '4',
    ]);
    const runs = recordedRuns(lines);
    const failedLanes = new Set(runs.filter((r) => r.diverged).map((r) => r.lane));
    expect(failedLanes.size).toBeGreaterThan(1);
    expect(offline.verdict).toBe(live.verdict);
    expect(divergenceFacts(offline)).toEqual(divergenceFacts(live));
    expect(counts(offline)).toEqual(counts(live));
    expect(offline.runsCompleted).toBe(live.runsCompleted);
  });

  it('for a run that went on past baselined divergences: the same known ones and counts', async () => {
    const dir = await tempDir();
    const known = join(dir, 'known.yaml');
    await writeFile(known, 'known:\n  - rule: create\n    reason: "accepted for this test"\n');
    const baseline = ['--baseline', known];
    const { live, offline, lines } = await liveAndOffline(
      ['--mutant', 'create-says-active', '--seed', '1', '--runs', '50', ...baseline],
      { checkFlags: baseline, code: 0 },
    );
    // Checking went on after known divergences: some run has steps after one.
    const afterKnown = lines.findIndex(
      (l, i) => l.type === 'op' && l.verdict === 'divergence' && lines[i + 1]?.type === 'op',
    );
    expect(afterKnown).toBeGreaterThan(0);
    expect(live.divergences.map((d) => [d.ruleId, d.baselined])).toEqual([['create', true]]);
    expect(divergenceFacts(offline)).toEqual(divergenceFacts(live));
    expect(counts(offline)).toEqual(counts(live));
    expect(offline.operations).toBe(live.operations);
    expect(offline.inconclusive).toEqual(live.inconclusive);
  });
});
