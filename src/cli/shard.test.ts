import { describe, expect, it } from 'vitest';
import { planLanes } from '../runner/planLanes.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

describe('shards, lanes and merge', () => {
  it('splits the runs of a seed into disjoint lanes that add up, keeping the seed when unsplit', () => {
    expect(planLanes({ seed: 7, runs: 10, shard: undefined, concurrency: 1 })).toEqual([
      { index: 0, seed: 7, runs: 10 },
    ]);
    const shards = [1, 2, 3].map((index) =>
      planLanes({ seed: 7, runs: 10, shard: { index, count: 3 }, concurrency: 2 }),
    );
    expect(shards.flat().reduce((n, l) => n + l.runs, 0)).toBe(10);
    const seeds = shards.flat().map((l) => l.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
    // The same runs whatever the split: shards together = one concurrent run.
    const whole = planLanes({ seed: 7, runs: 10, shard: undefined, concurrency: 4 }).map(
      (l) => l.seed,
    );
    expect([...seeds].sort()).toEqual([...whole].sort());
    expect(planLanes({ seed: 7, runs: 10, shard: { index: 2, count: 3 }, concurrency: 2 })).toEqual(
      shards[1],
    );
  });

  it('gives the same result for the same seed, sharded or concurrent, and merge joins the shards', async () => {
    const dirs = await Promise.all([1, 2, 3].map(() => tempDir()));
    for (const [i, dir] of dirs.entries()) {
      const r = await cli(
        'run',
        '--shard',
        `${i + 1}/3`,
        '--runs',
        '300',
        '--out',
        dir,
        '--no-save',
        '--reporter',
        'json',
      );
      expect(r.code).toBe(0);
    }
    const again = await tempDir();
    await cli(
      'run',
      '--shard',
      '2/3',
      '--runs',
      '300',
      '--out',
      again,
      '--no-save',
      '--reporter',
      'json',
    );
    expect((await readRecord(again)).operations).toBe((await readRecord(dirs[1] ?? '')).operations);
    const merged = await tempDir();
    const m = await cli('merge', ...dirs, '--out', merged, '--reporter', 'json');
    expect(m.code).toBe(0);
    const rec = await readRecord(merged);
    const parts = await Promise.all(dirs.map(readRecord));
    expect(rec.runsCompleted).toBe(300);
    expect(rec.operations).toBe(parts.reduce((n, p) => n + p.operations, 0));
    const create = (r: RunRecord): number =>
      r.coverage.find((c) => c.id === 'create')?.exercised ?? 0;
    expect(create(rec)).toBe(parts.reduce((n, p) => n + create(p), 0));
    expect(rec.shard).toBeUndefined();
    // Sharding does not change what runs: the merged shards did what one concurrent run does.
    const concurrent = await tempDir();
    await cli(
      'run',
      '--concurrency',
      '3',
      '--runs',
      '300',
      '--out',
      concurrent,
      '--no-save',
      '--reporter',
      'json',
    );
    expect((await readRecord(concurrent)).operations).toBe(rec.operations);
  });

  it('finds the same counterexample for a seed at any concurrency run to run', async () => {
    const a = await tempDir();
    const b = await tempDir();
    for (const dir of [a, b]) {
      const r = await cli(
        'run',
        '--mutant',
        'tag-while-updating',
        '--concurrency',
        '4',
        '--out',
        dir,
        '--no-save',
        '--reporter',
        'json',
      );
      expect(r.code).toBe(1);
    }
    const [da, db] = [(await readRecord(a)).divergences[0], (await readRecord(b)).divergences[0]];
    expect(da?.trace.map((t) => t.command)).toEqual(db?.trace.map((t) => t.command));
    expect(da?.ruleId).toBe('tag-in-progress');
  });

  it('refuses to merge records of different suites', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await cli('run', '--runs', '5', '--seed', '1', '--out', a, '--no-save', '--reporter', 'json');
    await cli('run', '--runs', '5', '--seed', '2', '--out', b, '--no-save', '--reporter', 'json');
    const m = await cli('merge', a, b, '--out', await tempDir());
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/not a shard of the same suite.*seed 2/);
  });

  it('refuses to merge the same shard twice, or a suite with a shard missing', async () => {
    const shard = async (i: number): Promise<string> => {
      const dir = await tempDir();
      const args = ['--runs', '6', '--seed', '3', '--out', dir, '--no-save', '--reporter', 'json'];
      expect((await cli('run', '--shard', `${i}/3`, ...args)).code).toBe(0);
      return dir;
    };
    const [one, two] = [await shard(1), await shard(2)];
    const twice = await cli('merge', one, two, one, '--out', await tempDir());
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/are both shard 1\/3/);
    const missing = await cli('merge', one, two, '--out', await tempDir());
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('merge: shard 3/3 missing; merge all 3 shards of the suite.');
  });
});
