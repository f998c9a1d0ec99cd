import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../runner/RunRecord.ts';
import { tempDir } from './cli.testkit.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'lambda-conformance.mjs');

/** Runs the CLI as a separate process in `cwd` (outside this repository). */
function inDir(
  cwd: string,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe("a shipped scenario run from another project's directory", () => {
  it('writes its reports and counterexamples under that directory, never into the package, and says where', async () => {
    const project = await tempDir('lc-project-');
    const scenario = join(ROOT, 'scenarios', 'default.yaml');
    const before = existsSync(join(ROOT, 'reports', 'run.json'))
      ? (await stat(join(ROOT, 'reports', 'run.json'))).mtimeMs
      : undefined;
    const result = await inDir(
      project,
      'run',
      scenario,
      '--mutant',
      'invoke-while-pending',
      '--runs',
      '200',
    );
    expect(result.code, result.err).toBe(1);
    // The scenario's `out: ../reports` is the project's reports/, not the package's.
    const record = JSON.parse(
      await readFile(join(project, 'reports', 'run.json'), 'utf8'),
    ) as RunRecord;
    expect(record.verdict).toBe('divergence');
    const saved = record.divergences[0]?.counterexampleFile ?? '';
    expect(saved).toMatch(/^scenarios\/regressions\/.+\.json$/);
    expect(existsSync(join(project, saved))).toBe(true);
    expect(existsSync(join(ROOT, saved))).toBe(false);
    const after = existsSync(join(ROOT, 'reports', 'run.json'))
      ? (await stat(join(ROOT, 'reports', 'run.json'))).mtimeMs
      : undefined;
    expect(after).toBe(before);
    // The console says where both went.
    expect(result.out).toMatch(/^ {2}reports +reports\/ {2}run\.json, junit\.xml, summary\.md$/m);
    expect(result.out).toContain(`saved ${saved}`);
  });
});
