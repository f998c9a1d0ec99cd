import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HarnessError } from '../errors/HarnessError.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import type * as Registry from '../connect/openTarget.ts';
import { openTarget, type OpenedTarget } from '../connect/openTarget.ts';
import { executeRun } from './executeRun.ts';
import { resolveRun } from './resolveRun.ts';
import { tempDir, writeScenario } from './run.testkit.ts';

vi.mock('../connect/openTarget.ts', async () => {
  const real = await vi.importActual<typeof Registry>('../connect/openTarget.ts');
  return { ...real, openTarget: vi.fn(real.openTarget) };
});

/** Opens the real target, then lets a test replace parts of it; `dispose` is always a spy. */
function wrapNextTarget(change: (opened: OpenedTarget) => Partial<OpenedTarget>) {
  const dispose = vi.fn(() => Promise.resolve());
  vi.mocked(openTarget).mockImplementationOnce(async (options, reading) => {
    const real = await vi
      .importActual<typeof Registry>('../connect/openTarget.ts')
      .then((r) => r.openTarget(options, reading));
    return { ...real, dispose, ...change(real) };
  });
  return dispose;
}

afterEach(() => {
  vi.mocked(openTarget).mockClear();
});

/** A terminal whose output lands in `events`, next to the notices, to see their order. */
function recorder(): { events: string[]; terminal: Terminal; notice: (line: string) => void } {
  const events: string[] = [];
  const terminal: Terminal = {
    io: { out: (s) => events.push(`out: ${s}`), err: (s) => events.push(`err: ${s}`) },
    isTTY: false,
    color: false,
    env: {},
  };
  return { events, terminal, notice: (line) => events.push(`notice: ${line}`) };
}

describe('executeRun', () => {
  it('runs, gates, applies the baseline, reports, then names stale entries; exit code from the record', async () => {
    const dir = await tempDir();
    const known = join(dir, 'known.json');
    await writeFile(
      known,
      JSON.stringify({
        known: [
          { rule: 'create', reason: 'accepted' },
          { rule: 'tag', reason: 'old news', expires: '2001-01-01' },
          { rule: 'publish', reason: 'gone' },
        ],
      }),
    );
    const written = join(dir, 'written.yaml');
    const prepared = await resolveRun(
      await writeScenario(dir),
      {
        mutants: ['create-says-active'],
        save: false,
        baseline: known,
        writeBaseline: written,
        minCoverage: 100,
        reporters: ['console', 'json'],
      },
      { commandLine: 'test' },
    );
    const { events: all, terminal, notice } = recorder();
    const baselines: string[] = [];
    const outcome = await executeRun(prepared, {
      terminal,
      notice,
      onBaseline: (r) => baselines.push(`${r.known} known, ${r.stale.length} stale`),
    });
    expect(outcome.record.divergences.map((d) => [d.ruleId, d.baselined])).toEqual([
      ['create', true],
    ]);
    expect(outcome.record.coverageGate?.passed).toBe(false);
    expect(outcome.exitCode).toBe(1);
    expect(baselines).toEqual(['1 known, 1 stale']);
    // A progress line comes when the run outlasts the progress interval (a loaded machine): its
    // place is timing, not order.
    const events = all.filter((e) => !e.startsWith('out: progress:'));
    expect(events.map((e) => e.replace(/: [\s\S]*/, ''))).toEqual([
      'notice',
      'notice',
      'notice',
      'out',
      'notice',
    ]);
    expect(events[0]).toMatch(/^notice: coverage gate: .* below --min-coverage 100%/);
    expect(events[1]).toMatch(/^notice: expired baseline entry .*known\.json:\d+ \(rule tag\)/);
    expect(events[2]).toMatch(/^notice: wrote .*written\.yaml: 1 known divergence/);
    expect(events[3]).toMatch(/✓ CONFORMANT/);
    expect(events[4]).toMatch(
      /^notice: stale baseline entry .*\(rule publish\): no longer diverges/,
    );
    expect(await readdir(join(dir, 'out'))).toEqual(['run.json']);
  });

  it('disposes of the target when preflight fails, and creates no report', async () => {
    const refused = new HarnessError('ACCOUNT_NOT_ALLOWED', 'account 123 is not allowed');
    const dispose = wrapNextTarget(() => ({ preflight: () => Promise.reject(refused) }));
    const dir = await tempDir();
    const prepared = await resolveRun(await writeScenario(dir), {}, { commandLine: 'x' });
    await expect(executeRun(prepared, recorder())).rejects.toBe(refused);
    expect(dispose).toHaveBeenCalledOnce();
    await expect(readdir(join(dir, 'out'))).rejects.toThrow(/ENOENT/);
  });

  it('disposes of the target when a reporter is unknown', async () => {
    const dispose = wrapNextTarget(() => ({}));
    const resolved = await resolveRun(
      await writeScenario(await tempDir()),
      {},
      { commandLine: 'x' },
    );
    // resolveRun refuses an unknown reporter option before opening anything; a prepared run that
    // names one anyway (a caller of executeRun's own) still gets its target disposed of.
    const prepared = { ...resolved, run: { ...resolved.run, reporters: ['jsn'] } };
    await expect(executeRun(prepared, recorder())).rejects.toThrow(/unknown reporter 'jsn'/);
    expect(dispose).toHaveBeenCalledOnce();
  });

  it('stops when the signal aborts, reports what ran, and disposes', async () => {
    const dispose = wrapNextTarget(() => ({}));
    const controller = new AbortController();
    const prepared = await resolveRun(
      await writeScenario(await tempDir()),
      { save: false, runs: 10_000 },
      { commandLine: 'x', signal: controller.signal },
    );
    const outcome = await executeRun(prepared, {
      ...recorder(),
      onProgress: (p) => {
        if (p.runsDone === 3) controller.abort(new Error('stop'));
      },
    });
    expect(outcome.record.stoppedBy).toBe('interrupted');
    expect(outcome.exitCode).toBe(3);
    expect(dispose).toHaveBeenCalledOnce();
  });
});
