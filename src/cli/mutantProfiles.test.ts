import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTANT_PROFILES } from '../targets/memory/mutantProfiles.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

const NAIVE = MUTANT_PROFILES.find((p) => p.name === 'naive')?.mutants ?? [];

/** A scenario file in a fresh folder, on the repository's spec. */
async function scenario(lines: readonly string[]): Promise<string> {
  const file = join(await tempDir(), 'profile.yaml');
  const spec = resolve('spec/lambda-lifecycle.yaml');
  await writeFile(file, ['name: profile', `spec: ${spec}`, ...lines, ''].join('\n'));
  return file;
}

describe('--mutant with a profile name', () => {
  it('switches its mutants on and names them in the console and the record', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      '--mutant',
      'naive',
      '--runs',
      '20',
      '--seed',
      '7',
      '--no-save',
      '--out',
      out,
      '--reporter',
      'console',
      '--reporter',
      'json',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain(`mutants: ${NAIVE.join(', ')}`);
    const record = await readRecord(out);
    expect(record.target.mutants).toEqual(NAIVE);
    expect(record.divergences.map((d) => d.ruleId)).toContain('create');
  });

  it("expands a scenario's target.mutants too, and suggests the name of a misspelt one", async () => {
    const out = await tempDir();
    const ok = await cli(
      'run',
      await scenario(['target:', '  name: memory', '  mutants: [naive]', 'runs: 5', 'seed: 3']),
      '--no-save',
      '--out',
      out,
      '--reporter',
      'json',
    );
    expect(ok.code).toBe(1);
    expect((await readRecord(out)).target.mutants).toEqual(NAIVE);
    const bad = await cli(
      'run',
      await scenario(['target:', '  name: memory', '  mutants: [naiv]']),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /profile\.yaml:5:13: scenario 'target\.mutants': unknown mutant 'naiv'\. Did you mean 'naive'\?/,
    );
  });

  it.each([[['--target', 'memory']], [['--target', 'aws', '--endpoint', 'emulator']]])(
    'rejects a misspelt name with %j: exit 2, one line, did you mean',
    async (target) => {
      const r = await cli('run', ...target, '--mutant', 'nave', '--runs', '1', '--no-save');
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        "--mutant: unknown mutant 'nave'. Did you mean 'naive'? Run 'lambda-conformance mutants --list' for the catalogue.",
      );
    },
  );

  it('runs on the built-in emulator, which switches the same mutants on', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--mutant',
      'naive',
      '--runs',
      '2',
      '--no-save',
      '--out',
      out,
      '--reporter',
      'json',
    );
    expect(r.code, r.err).toBe(1);
    const record = await readRecord(out);
    expect(record.target).toMatchObject({ name: 'aws', mutants: NAIVE });
    // Which naive mutant the first sequences show depends on what they start with: a creation
    // answered Active (create) or an invocation of a missing function answered 200.
    const rules = record.divergences.map((d) => d.ruleId);
    expect(
      rules.some((id) => ['create', 'invoke-absent', 'invoke-type-absent'].includes(id)),
      rules.join(', '),
    ).toBe(true);
  });
});
