import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldNaming } from '../options/OptionNaming.ts';
import type * as Registry from '../connect/openTarget.ts';
import { openTarget } from '../connect/openTarget.ts';
import { resolveRun } from './resolveRun.ts';
import { tempDir, writeScenario } from './run.testkit.ts';

vi.mock('../connect/openTarget.ts', async () => {
  const real = await vi.importActual<typeof Registry>('../connect/openTarget.ts');
  return { ...real, openTarget: vi.fn(real.openTarget) };
});

afterEach(() => {
  vi.mocked(openTarget).mockClear();
});

describe('resolveRun', () => {
  it('lays the options over the scenario, and the scenario over the defaults', async () => {
    const dir = await tempDir();
    const file = await writeScenario(dir, ['timeBudget: 1h30m', 'maxCommands: 12']);
    const fromScenario = await resolveRun(file, {}, { commandLine: 'x' });
    await fromScenario.opened.dispose();
    expect(fromScenario.run).toMatchObject({
      runs: 40,
      seed: 7,
      maxCommands: 12,
      functions: 1,
      timeBudgetMs: 5_400_000,
      concurrency: 1,
      shard: undefined,
      reporters: ['json'],
      outDir: join(dir, 'out'),
      regressionsDir: join(dir, 'regressions'),
      record: undefined,
      commandLine: 'x',
    });
    expect(fromScenario.outDir).toBe(join(dir, 'out'));
    const overridden = await resolveRun(
      file,
      {
        runs: 3,
        seed: 0,
        maxCommands: 4,
        timeBudget: 172_800_000,
        concurrency: 2,
        shard: { index: 2, count: 3 },
        reporters: ['junit'],
        out: 'elsewhere',
        save: false,
        record: 'trace.jsonl',
        maskAccount: true,
        minCoverage: 75,
        mutants: ['tag-while-updating'],
        reading: 'current',
      },
      { commandLine: 'y' },
    );
    await overridden.opened.dispose();
    expect(overridden.run).toMatchObject({
      runs: 3,
      seed: 0,
      maxCommands: 4,
      timeBudgetMs: 172_800_000,
      concurrency: 2,
      shard: { index: 2, count: 3 },
      reporters: ['junit'],
      outDir: resolve('elsewhere'),
      regressionsDir: undefined,
      record: { file: resolve('trace.jsonl'), maskAccount: true },
      reading: 'current',
      targetInfo: { name: 'memory', mutants: ['tag-while-updating'] },
    });
    expect(overridden.minCoverage).toBe(75);
  });

  it('resolves the baseline: loaded before the run, its known rules given to the engine', async () => {
    const dir = await tempDir();
    const known = join(dir, 'known.json');
    await writeFile(
      known,
      JSON.stringify({
        known: [
          { rule: 'create', reason: 'r', target: 'memory' },
          { rule: 'tag', reason: 'r', target: 'aws' },
        ],
      }),
    );
    const prepared = await resolveRun(
      await writeScenario(dir),
      { baseline: known, writeBaseline: 'new.yaml' },
      { commandLine: 'x' },
    );
    await prepared.opened.dispose();
    expect([...prepared.run.knownRules]).toEqual(['create']);
    expect(prepared.baseline.baseline?.file).toBe(known);
    expect(prepared.baseline.write).toEqual({ shownAs: 'new.yaml', file: resolve('new.yaml') });
  });

  it('checks every option before it opens the target, naming it as its giver does', async () => {
    const file = await writeScenario(await tempDir());
    await expect(resolveRun(file, { runs: 0 }, { commandLine: 'x' })).rejects.toThrow(
      "--runs: expected an integer from 1 to 1000000, got '0'.",
    );
    await expect(
      resolveRun(
        file,
        { shard: { index: 5, count: 4 } },
        { commandLine: 'x', naming: fieldNaming('runConformance') },
      ),
    ).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message:
        'runConformance: option \'shard\': expected i/n with 1 <= i <= n (e.g. 2/4), got {"index":5,"count":4}.',
    });
    await expect(resolveRun(file, { reading: 'seeed' }, { commandLine: 'x' })).rejects.toThrow(
      "--reading: the spec has no reading 'seeed'. Did you mean 'seed'?",
    );
    expect(openTarget).not.toHaveBeenCalled();
  });

  it("writes the scenario's reports by default, and only what is asked for when 'requested'", async () => {
    const dir = await tempDir();
    const file = await writeScenario(dir);
    const requested = async (options: Parameters<typeof resolveRun>[1]) => {
      const p = await resolveRun(file, options, { commandLine: 'x', reports: 'requested' });
      await p.opened.dispose();
      return [p.run.reporters, p.outDir];
    };
    expect(await requested({})).toEqual([[], undefined]);
    expect(await requested({ reporters: ['console'] })).toEqual([['console'], undefined]);
    expect(await requested({ out: 'r' })).toEqual([['json'], resolve('r')]);
    await expect(requested({ reporters: ['console', 'junit'] })).rejects.toThrow(
      "reporters junit write files: give 'out', the directory to write them into.",
    );
    expect(openTarget).toHaveBeenCalledTimes(3);
  });
});
