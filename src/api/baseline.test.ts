import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeScenario } from './api.testkit.ts';
import { exitCodeOf, runConformance, type BaselineReport } from './index.ts';

async function baselineFile(dir: string, rule: string): Promise<string> {
  const file = join(dir, 'known.json');
  await writeFile(file, JSON.stringify({ known: [{ rule, reason: 'accepted for now' }] }));
  return file;
}

describe('runConformance with a baseline', () => {
  it('marks the listed divergence known: the run passes, nothing is stale', async () => {
    const dir = await tempDir();
    const reports: BaselineReport[] = [];
    const record = await runConformance(await writeScenario(dir), {
      mutants: ['create-says-active'],
      runs: 300,
      save: false,
      baseline: await baselineFile(dir, 'create'),
      onBaseline: (r) => reports.push(r),
    });
    expect(record.divergences.map((d) => [d.ruleId, d.baselined])).toEqual([['create', true]]);
    expect(record.verdict).toBe('conformant');
    expect(exitCodeOf(record)).toBe(0);
    expect(reports.map((r) => [r.stale.length, r.expired.length])).toEqual([[0, 0]]);
  });

  it('hands stale entries to onBaseline', async () => {
    const dir = await tempDir();
    const file = await baselineFile(dir, 'invoke-pending-creating');
    let report: BaselineReport | undefined;
    await runConformance(await writeScenario(dir), {
      save: false,
      baseline: file,
      onBaseline: (r) => (report = r),
    });
    expect(report?.file).toBe(file);
    expect(report?.stale.map((e) => e.rule)).toEqual(['invoke-pending-creating']);
  });

  it('rejects a baseline it cannot read', async () => {
    const dir = await tempDir();
    await expect(
      runConformance(await writeScenario(dir), { baseline: join(dir, 'none.json') }),
    ).rejects.toMatchObject({ name: 'HarnessError', code: 'BAD_BASELINE' });
  });
});
