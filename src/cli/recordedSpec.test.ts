import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePaths } from '../package/packagePaths.ts';
import { tempDir } from './cli.testkit.ts';
import { recordedSpecFile } from './recordedSpec.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('recordedSpecFile', () => {
  it('takes the named spec from the working directory when it is there', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'spec'));
    await writeFile(join(dir, 'spec', 'lambda-lifecycle.yaml'), 'title: mine\n');
    expect(recordedSpecFile('spec/lambda-lifecycle.yaml', dir, '/pkg/spec.yaml')).toBe(
      join(dir, 'spec', 'lambda-lifecycle.yaml'),
    );
  });

  it("finds the package's own spec, however the recording's directory named it", async () => {
    const dir = await tempDir();
    for (const named of [
      'spec/lambda-lifecycle.yaml',
      'node_modules/lambda-conformance/spec/lambda-lifecycle.yaml',
      '../../elsewhere/node_modules/lambda-conformance/spec/lambda-lifecycle.yaml',
    ]) {
      expect(recordedSpecFile(named, dir, '/pkg/spec/lambda-lifecycle.yaml')).toBe(
        '/pkg/spec/lambda-lifecycle.yaml',
      );
    }
    expect(recordedSpecFile('spec/lambda-lifecycle.yaml', dir)).toBe(packagePaths().spec);
  });

  it('leaves any other missing spec as named, for loadSpec to report', async () => {
    const dir = await tempDir();
    expect(recordedSpecFile('specs/mine.yaml', dir, '/pkg/spec.yaml')).toBe(
      join(dir, 'specs', 'mine.yaml'),
    );
  });
});

describe('check-trace from another directory', () => {
  it("checks a recording of the shipped spec against the package's spec", async () => {
    const cwd = await tempDir('lc-elsewhere-');
    const trace = join(ROOT, 'traces', 'aws', 'function-lifecycle.jsonl');
    const result = await new Promise<{ code: number | null; out: string; err: string }>(
      (done, fail) => {
        const child = spawn(
          process.execPath,
          [join(ROOT, 'bin', 'lambda-conformance.mjs'), 'check-trace', trace, '--reporter', 'json'],
          { cwd, env: { ...process.env, CI: 'true' } },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', fail);
        child.on('close', (code) => done({ code, out, err }));
      },
    );
    expect([result.code, result.err]).toEqual([0, '']);
  });
});
