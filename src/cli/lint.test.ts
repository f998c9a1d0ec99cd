import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, MINI_SPEC, positionOf } from '../spec/spec.testkit.ts';
import { cli } from './cli.testkit.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lint-cli-'));
  await writeFile(
    join(dir, 'doc.md'),
    'Intro.\n\nThe function is **Created.** Then\n`Active.` Reading one. Reading two.\nAlready   exists. Not found.\nStale. Updated. Reclaimed.\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the mini spec with its source's local copy declared, after `edits`; returns its path. */
async function specFile(
  name: string,
  ...edits: (readonly [string, string])[]
): Promise<{ file: string; text: string }> {
  const text = edit(
    MINI_SPEC,
    [
      'doc: { title: A document }',
      'doc: { title: A document, url: https://example.com/doc, copied: "2026-11-30", file: doc.md }',
    ],
    ...edits,
  );
  const file = join(dir, name);
  await writeFile(file, text);
  return { file, text };
}

describe('lambda-conformance lint', () => {
  it('exits 0 for a clean spec', async () => {
    const { file } = await specFile('run-clean.yaml');
    const r = await cli('lint', file);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${file}: no issues`);
    expect(r.err).toBe('');
  });

  it('exits 2 and prints every issue as file:line:col: message hint', async () => {
    const { file, text } = await specFile(
      'run-bad.yaml',
      ['to: { state: Active,', 'to: { state: Actve,'],
      ['quote: "Stale."', 'quote: "Stael."'],
    );
    const r = await cli('lint', file);
    expect(r.code).toBe(2);
    const at = positionOf(text, 'Actve');
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `${file}:${at.line}:${at.column}: transition 'provisioning-completes': unknown state 'Actve'. Did you mean 'Active'?`,
    );
  });

  it('exits 2 with one line for a missing file or a bad command line', async () => {
    const missing = await cli('lint', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.out).toBe(
      `${join(dir, 'nope.yaml')}:1:1: cannot read the spec: no such file. Check the path.`,
    );
    const usage = await cli('lint');
    expect(usage.code).toBe(2);
    expect(usage.err).toBe('lint: usage: lambda-conformance lint <spec.yaml>...');
    const unknown = await cli('lint', '--fix', 'x.yaml');
    expect(unknown.code).toBe(2);
    expect(unknown.err.split('\n')).toHaveLength(1);
    expect(unknown.err).toMatch(/^lint: unknown option --fix\./);
  });
});
