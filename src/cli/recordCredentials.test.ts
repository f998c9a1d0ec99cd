import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli.testkit.ts';

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLETESTKEY1',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLESECRET',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
};

describe('run --record against the aws target', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const [k, v] of Object.entries(CREDENTIALS)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterEach(() => {
    for (const k of Object.keys(CREDENTIALS)) {
      const v = saved[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('never writes credential material into the trace or the reports', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'aws.jsonl');
    const out = join(dir, 'reports');
    const r = await cli(
      'run',
      '--target',
      'aws',
      '--endpoint',
      'emulator',
      '--runs',
      '3',
      '--max-commands',
      '8',
      '--seed',
      '11',
      '--record',
      trace,
      '--out',
      out,
      '--no-save',
    );
    expect(r.code).toBe(0);
    const files = [trace, ...(await readdir(out)).map((f) => join(out, f))];
    const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    expect(text).toMatch(/"type":"op"/);
    for (const secret of Object.values(CREDENTIALS)) {
      expect(text).not.toContain(secret);
      expect(`${r.out}\n${r.err}`).not.toContain(secret);
    }
    expect(text).not.toMatch(/Signature=|AWS4-HMAC-SHA256|x-amz-security-token/i);
  });
});
