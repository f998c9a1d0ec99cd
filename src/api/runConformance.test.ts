import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HarnessError } from '../errors/HarnessError.ts';
import type * as OpenTargetModule from '../connect/openTarget.ts';
import { openTarget, type OpenedTarget } from '../connect/openTarget.ts';
import { tempDir, writeScenario } from './api.testkit.ts';
import { exitCodeOf, runConformance } from './index.ts';

vi.mock('../connect/openTarget.ts', async () => {
  const real = await vi.importActual<typeof OpenTargetModule>('../connect/openTarget.ts');
  return { ...real, openTarget: vi.fn(real.openTarget) };
});

/** Opens the real target, then lets a test replace parts of it; `dispose` is always a spy. */
function wrapNextTarget(change: (opened: OpenedTarget) => Partial<OpenedTarget>) {
  const dispose = vi.fn(() => Promise.resolve());
  vi.mocked(openTarget).mockImplementationOnce(async (options, reading) => {
    const real = await vi
      .importActual<typeof OpenTargetModule>('../connect/openTarget.ts')
      .then((r) => r.openTarget(options, reading));
    return { ...real, dispose, ...change(real) };
  });
  return dispose;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.mocked(openTarget).mockClear();
});

describe('runConformance (API)', () => {
  it('returns the record of a faithful run, prints nothing and writes no file without out', async () => {
    const dir = await tempDir();
    const write = vi.spyOn(process.stdout, 'write');
    const record = await runConformance(await writeScenario(dir), { save: false });
    expect(record.verdict).toBe('conformant');
    expect(exitCodeOf(record)).toBe(0);
    expect(record.runsCompleted).toBe(60);
    expect(record.coverage.length).toBeGreaterThan(20);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(write).not.toHaveBeenCalled();
  });

  it('finds a mutant with a replay command that names the same options', async () => {
    const dir = await tempDir();
    const file = await writeScenario(dir);
    const record = await runConformance(file, {
      mutants: ['invoke-while-pending'],
      runs: 300,
      save: false,
    });
    expect(exitCodeOf(record)).toBe(1);
    const [d] = record.divergences;
    expect(d?.ruleId).toMatch(/^invoke-pending-/);
    // The sequence itself: its lane's seed and its path, instead of the run's --runs.
    expect(d?.replayCommand).toBe(
      `npx lambda-conformance run ${file} --mutant invoke-while-pending --no-save --seed ${d?.seed} --path ${d?.path}`,
    );
  });

  it('lets the file reporters write only when out is given, console only when named', async () => {
    const dir = await tempDir();
    const out = join(dir, 'reports');
    const write = vi.spyOn(process.stdout, 'write');
    await runConformance(await writeScenario(dir), { out, save: false, minCoverage: 100 });
    expect((await readdir(out)).sort()).toEqual(['junit.xml', 'run.json', 'summary.md']);
    expect(write).not.toHaveBeenCalled();
    write.mockImplementation(() => true);
    await runConformance(await writeScenario(dir), { reporters: ['console'], save: false });
    expect(String(write.mock.calls[0]?.[0])).toContain('✓ CONFORMANT');
  });

  it('applies the coverage gate: a conformant run below the minimum exits 1', async () => {
    const dir = await tempDir();
    const record = await runConformance(await writeScenario(dir), {
      runs: 3,
      maxCommands: 2,
      minCoverage: 90,
      save: false,
    });
    // A run that checked nothing is inconclusive, not conformant: it must have checked something.
    expect(record.operations).toBeGreaterThan(0);
    expect(record.verdict).toBe('conformant');
    expect(record.coverageGate).toMatchObject({ minPercent: 90, passed: false });
    expect(record.coverageGate?.unexercised.length).toBeGreaterThan(0);
    expect(exitCodeOf(record)).toBe(1);
  });

  it('rejects bad options by name before opening the target', async () => {
    const file = await writeScenario(await tempDir());
    const attempts = [
      runConformance(file, { runs: 0 }),
      runConformance(file, { seed: 1.5 }),
      runConformance(file, { minCoverage: 101 }),
      runConformance(file, { timeBudget: -1 }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({ name: 'HarnessError', code: 'BAD_OPTION' });
    }
    await expect(runConformance(file, { runs: 0 })).rejects.toThrow(
      "runConformance: option 'runs': expected an integer from 1 to 1000000, got 0.",
    );
    expect(openTarget).not.toHaveBeenCalled();
  });

  it('reports bad input as the CLI does: unknown mutant, missing scenario', async () => {
    const file = await writeScenario(await tempDir());
    await expect(runConformance(file, { mutants: ['invoke-while-pendng'] })).rejects.toThrow(
      /unknown mutant 'invoke-while-pendng'\. Did you mean 'invoke-while-pending'\?/,
    );
    const missing = runConformance('nowhere.yaml');
    await expect(missing).rejects.toMatchObject({ code: 'SCENARIO_INVALID' });
    await expect(missing).rejects.toThrow(
      /nowhere\.yaml:1:1: cannot read the scenario: no such file/,
    );
  });

  it('disposes of the target when preflight fails', async () => {
    const refused = new HarnessError('ACCOUNT_NOT_ALLOWED', 'account 123 is not allowed');
    const dispose = wrapNextTarget(() => ({ preflight: () => Promise.reject(refused) }));
    const file = await writeScenario(await tempDir());
    await expect(runConformance(file, { save: false })).rejects.toBe(refused);
    expect(dispose).toHaveBeenCalledOnce();
  });

  it('disposes of the target when it fails mid-run, as a HarnessError keeping the cause', async () => {
    const broken = new Error('socket hang up');
    const dispose = wrapNextTarget((real) => ({
      target: { ...real.target, open: () => Promise.reject(broken) },
    }));
    const file = await writeScenario(await tempDir());
    const error: unknown = await runConformance(file, { save: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({ code: 'INTERNAL', cause: broken });
    expect(dispose).toHaveBeenCalledOnce();
  });

  it('rejects misconfigured reporters before opening the target', async () => {
    const file = await writeScenario(await tempDir());
    await expect(runConformance(file, { reporters: ['json', 'console'] })).rejects.toThrow(
      "runConformance: reporters json write files: give 'out', the directory to write them into.",
    );
    expect(openTarget).not.toHaveBeenCalled();
  });

  it('refuses an unknown reporter, named as the option, before the target opens', async () => {
    const dir = await tempDir();
    const file = await writeScenario(dir);
    const attempt = runConformance(file, { reporters: ['consol'], out: join(dir, 'out') });
    await expect(attempt).rejects.toThrow(
      "runConformance: option 'reporters': unknown reporter 'consol'. Did you mean 'console'?",
    );
    // Nothing was opened, so nothing is left to dispose of.
    expect(openTarget).not.toHaveBeenCalled();
  });

  it('stops cleanly when the signal aborts mid-run, and still disposes', async () => {
    const dispose = wrapNextTarget(() => ({}));
    const controller = new AbortController();
    const file = await writeScenario(await tempDir());
    const record = await runConformance(file, {
      signal: controller.signal,
      save: false,
      onProgress: (p) => {
        if (p.runsDone === 3) controller.abort(new Error('stop'));
      },
    });
    expect(record.stoppedBy).toBe('interrupted');
    expect(exitCodeOf(record)).toBe(3);
    expect(dispose).toHaveBeenCalledOnce();
  });
});
