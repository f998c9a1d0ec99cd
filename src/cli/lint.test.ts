import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniSpecFiles, positionOf } from '../spec/spec.testkit.ts';
import { cli } from './cli.testkit.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

let dir: string;
let specFile: Awaited<ReturnType<typeof miniSpecFiles>>;

beforeAll(async () => {
  dir = await tempDir('lint-cli-');
  specFile = await miniSpecFiles(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
