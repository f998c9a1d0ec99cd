import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../api/runConformance.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/** A copy of the shipped spec under another title, in `dir`; returns its path. */
async function otherSpec(dir: string): Promise<string> {
  const text = await readFile('spec/lambda-lifecycle.yaml', 'utf8');
  const file = join(dir, 'other-spec.yaml');
  await writeFile(file, text.replace(/^title: .*$/m, 'title: Another lifecycle'));
  return file;
}

describe('run --spec FILE (API: spec)', () => {
  it("checks that spec instead of the scenario's", async () => {
    const dir = await tempDir();
    const spec = await otherSpec(dir);
    const r = await cli(
      'run',
      'scenarios/default.yaml',
      '--spec',
      spec,
      '--runs',
      '5',
      '--no-save',
      '--reporter',
      'json',
      '--out',
      dir,
    );
    expect([r.code, r.err]).toEqual([0, '']);
    const record = await readRecord(dir);
    expect(record.spec.title).toBe('Another lifecycle');
    expect(record.spec.file).toBe(relative(process.cwd(), spec));
  });

  it('is an API option too, and replay commands carry it', async () => {
    const dir = await tempDir();
    const spec = await otherSpec(dir);
    const record = await runConformance('scenarios/default.yaml', {
      spec,
      mutants: ['create-says-active'],
      runs: 50,
      save: false,
    });
    expect(record.spec.title).toBe('Another lifecycle');
    expect(record.divergences[0]?.replayCommand).toContain(
      `npx lambda-conformance run scenarios/default.yaml --spec ${spec} --mutant create-says-active --no-save --seed`,
    );
  });

  it('refuses a spec it cannot read with exit 2 and a one-line located message', async () => {
    const r = await cli('run', '--spec', 'nowhere.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nowhere\.yaml:1:1: cannot read the spec: no such file/);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});
