import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeScenario } from './api.testkit.ts';
import { listRules, runConformance } from './index.ts';

describe('listRules', () => {
  it('lists, synchronously, exactly the coverage entries a run records, in the same order', async () => {
    const file = await writeScenario(await tempDir());
    const rules = listRules(file);
    const record = await runConformance(file, { runs: 5, save: false });
    expect(rules).toEqual(
      record.coverage.map(({ id, kind, group, cite }) => ({ id, kind, group, cite })),
    );
    expect(rules.some((r) => r.kind === 'transition')).toBe(true);
    expect(rules.every((r) => r.cite.length > 0)).toBe(true);
  });

  it('reads the default scenario when given none', () => {
    expect(listRules().map((r) => r.id)).toEqual(
      listRules('scenarios/default.yaml').map((r) => r.id),
    );
  });

  it('reports a missing or broken scenario, and a broken spec, with file:line:col', async () => {
    const dir = await tempDir();
    expect(() => listRules(join(dir, 'none.yaml'))).toThrow(
      /none\.yaml:1:1: cannot read the scenario: no such file\. Check the path\./,
    );
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'name: x\nspec: ./spec.yaml\ntarget: { name: memory }\nruns: zero\n');
    expect(() => listRules(broken)).toThrow(/broken\.yaml:4:7: .*'runs'/);
    await writeFile(join(dir, 'spec.yaml'), 'title: [unclosed\n');
    const noRuns = join(dir, 'spec-broken.yaml');
    await writeFile(noRuns, 'name: x\nspec: ./spec.yaml\ntarget: { name: memory }\n');
    expect(() => listRules(noRuns)).toThrow(expect.objectContaining({ code: 'SPEC_INVALID' }));
  });
});
