import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/** 1-based line and column of `- id: <rule>` in the shipped spec. */
async function ruleLine(rule: string): Promise<{ line: number; col: number }> {
  const lines = (await readFile('spec/lambda-lifecycle.yaml', 'utf8')).split('\n');
  const index = lines.findIndex((l) => l.trimStart() === `- id: ${rule}`);
  expect(index).toBeGreaterThanOrEqual(0);
  return { line: index + 1, col: (lines[index]?.indexOf('id:') ?? 0) + 1 };
}

const annotations = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('::'));

describe('run --reporter github-actions', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('annotates the divergence at the line of the broken rule in the spec file', async () => {
    const out = await tempDir();
    const result = await cli(
      'run',
      '--mutant',
      'invoke-while-pending',
      '--reporter',
      'github-actions,json',
      '--no-save',
      '--out',
      out,
    );
    expect(result.code).toBe(1);
    const { divergences } = await readRecord(out);
    const { ruleId } = divergences[0] ?? { ruleId: '' };
    const { line, col } = await ruleLine(ruleId);
    const errors = annotations(result.out).filter((l) => l.startsWith('::error '));
    // One annotation per divergence the run reports (it goes on past each), in the record's order.
    expect(errors).toHaveLength(divergences.length);
    expect(errors[0]).toMatch(
      new RegExp(
        `^::error file=spec/lambda-lifecycle\\.yaml,line=${line},col=${col},title=lambda-conformance%3A [^:]+ — ${ruleId}::`,
      ),
    );
  });

  it('is on by default when GITHUB_ACTIONS=true, and only then', async () => {
    const out = await tempDir();
    const flags = ['--mutant', 'invoke-while-pending', '--bail', '--no-save', '--out', out];
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    expect(annotations((await cli('run', ...flags)).out).length).toBeGreaterThan(0);
    // A --reporter list is taken as it is.
    expect(annotations((await cli('run', ...flags, '--reporter', 'json')).out)).toEqual([]);
    vi.stubEnv('GITHUB_ACTIONS', undefined);
    expect(annotations((await cli('run', ...flags)).out)).toEqual([]);
  });
});

describe('GITHUB_STEP_SUMMARY', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('that cannot be written is a warning on standard error: a conformant run still exits 0', async () => {
    const out = await tempDir();
    vi.stubEnv('GITHUB_STEP_SUMMARY', '/proc/nope/x');
    const result = await cli('run', '--runs', '5', '--no-save', '--out', out);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(
      /^warning: cannot append to GITHUB_STEP_SUMMARY '\/proc\/nope\/x': .+; the reports in .+ are complete\.$/,
    );
    expect(result.err.split('\n')).toHaveLength(1);
    expect((await readRecord(out)).verdict).toBe('conformant');
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain('Conformant');
  });

  it('that can be written gets the summary appended', async () => {
    const out = await tempDir();
    const summary = join(out, 'step-summary.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    const result = await cli('run', '--runs', '5', '--no-save', '--out', out);
    expect([result.code, result.err]).toEqual([0, '']);
    expect(await readFile(summary, 'utf8')).toBe(await readFile(join(out, 'summary.md'), 'utf8'));
  });
});
