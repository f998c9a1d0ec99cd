import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/** A memory run of the default scenario with a mutant, reports in `out`, nothing saved. */
function runArgs(out: string, ...extra: string[]): string[] {
  return [
    'run',
    'scenarios/default.yaml',
    ...['--mutant', 'invoke-while-pending', '--no-save', '--no-color'],
    ...['--reporter', 'console,json', '--out', out],
    ...extra,
  ];
}

/** The `seed S, path P` lines the console prints under each divergence. */
function printedSeedsAndPaths(console: string): { seed: string; path: string }[] {
  return [...console.matchAll(/^\s+seed (\d+), path (\S+)$/gm)].map((m) => ({
    seed: m[1] ?? '',
    path: m[2] ?? '',
  }));
}

describe('run --seed S --path P replays the printed counterexample (issue 15)', () => {
  it('each printed path replays exactly its shrunk sequence, stopped at its divergence', async () => {
    const dir = await tempDir();
    const first = await cli(...runArgs(join(dir, 'first')));
    expect(first.code).toBe(1);
    const printed = printedSeedsAndPaths(first.out);
    const found = (await readRecord(join(dir, 'first'))).divergences;
    expect(printed.length).toBe(found.length);
    expect(printed.length).toBeGreaterThan(0);
    for (const [i, { seed, path }] of printed.entries()) {
      const original = found[i];
      if (original === undefined) throw new Error('no divergence');
      const out = join(dir, `replay${String(i)}`);
      const r = await cli(...runArgs(out, '--seed', seed, '--path', path));
      expect(r.code, r.err).toBe(1);
      const record = await readRecord(out);
      // One sequence, the printed one: its commands, in order, and its divergence alone.
      expect(record.runsCompleted).toBe(1);
      expect(record.regressions).toEqual([]);
      expect(record.divergences).toHaveLength(1);
      const replayed = record.divergences[0];
      expect(replayed?.ruleId).toBe(original.ruleId);
      expect(replayed?.category).toBe(original.category);
      expect(replayed?.trace.map((t) => t.command)).toEqual(original.trace.map((t) => t.command));
      expect(replayed?.timing).toEqual(original.timing);
      expect(replayed?.path).toBe(path);
      expect(replayed?.replayCommand).toMatch(/--seed \d+ --path \S+$/);
    }
  });

  it('the replay command a run prints without a regressions directory replays its sequence, even from a split run', async () => {
    // A run of 4 lanes at once, nothing saved: every run is its own lane with its own seed, so
    // the run's --seed and --runs do not replay it; the printed command names the lane's seed and
    // the path instead of them (once it appended a second --seed to the run's flags).
    const dir = await tempDir();
    const first = await cli(
      ...runArgs(join(dir, 'first'), '--seed', '7', '--runs', '60', '--concurrency', '4'),
    );
    expect(first.code, first.err).toBe(1);
    const [original] = (await readRecord(join(dir, 'first'))).divergences;
    if (original === undefined) throw new Error('no divergence');
    const words = original.replayCommand.split(' ');
    expect(words.slice(0, 3)).toEqual(['npx', 'lambda-conformance', 'run']);
    for (const flag of ['--seed', '--path', '--runs', '--concurrency']) {
      expect(words.filter((w) => w === flag).length, flag).toBe(
        flag === '--seed' || flag === '--path' ? 1 : 0,
      );
    }
    const out = join(dir, 'again');
    const outAt = words.indexOf('--out');
    words[outAt + 1] = out;
    const r = await cli(...words.slice(2));
    expect(r.code, r.err).toBe(1);
    const record = await readRecord(out);
    expect(record.runsCompleted).toBe(1);
    expect(record.divergences.map((d) => d.ruleId)).toEqual([original.ruleId]);
    expect(record.divergences[0]?.trace.map((t) => t.command)).toEqual(
      original.trace.map((t) => t.command),
    );
  });

  it.each([
    [['--path', '3:0'], /^--path: give the seed printed beside it too \(--seed\)/],
    [['--seed', '1', '--path', 'abc'], /^--path: expected a path as a run prints it/],
    [['--seed', '1', '--path', '0:999'], /^--path: '0:999' names no sequence of this run: /],
    [
      ['--seed', '20261123', '--path', '11:1:0:0:9:9:9:9:9:9:9:9'],
      /^--path: '11:1:0:0:9:9:9:9:9:9:9:9' names no sequence of this run \(Unable to replay, got wrong path\)/,
    ],
  ])('%j: exit 2, one line naming --path', async (flags, message) => {
    const dir = await tempDir();
    const r = await cli(...runArgs(join(dir, 'o'), ...flags));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});
