import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiffReport } from '../diff/diffTargets.ts';
import type { TraceLine } from '../traces/TraceRecord.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** A real-AWS trace with invocations: LocalStack's handlers do not report which code ran. */
const TRACE = 'traces/aws/handler-update-invoke.jsonl';

async function diffJson(dir: string): Promise<DiffReport> {
  return JSON.parse(await readFile(join(dir, 'diff.json'), 'utf8')) as DiffReport;
}

describe("diff honours a trace's unobservable fields", () => {
  it('neither checks nor compares ranCode/ranConfig the recording could not see', async () => {
    const dir = await tempDir();
    const r = await cli('diff', '--target', `trace:${TRACE}`, '--target', 'memory', '--out', dir);
    expect(r.code).toBe(0);
    const report = await diffJson(dir);
    expect(report.compared).toBeGreaterThanOrEqual(7);
    expect(report.entries).toEqual([]);
  });

  it('holds the same trace without its unobservable list to ranCode, and it diverges', async () => {
    const dir = await tempDir();
    const lines = (await readFile(TRACE, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceLine);
    const [header, ...steps] = lines;
    if (header?.type !== 'run') throw new Error('expected a run header');
    const { unobservable, ...rest } = header;
    expect(unobservable).toEqual(['ranCode', 'ranConfig']);
    const copy = join(dir, 'copy.jsonl');
    await writeFile(copy, [rest, ...steps].map((l) => `${JSON.stringify(l)}\n`).join(''));
    const r = await cli('diff', '--target', `trace:${copy}`, '--target', 'memory', '--out', dir);
    expect(r.code).toBe(1);
    const report = await diffJson(dir);
    // The recorded side is now held to a field it never had: every one of its three invocations
    // diverges (the side goes on past the first), the later ones marked as following it.
    expect(
      report.entries.map((e) => [e.operation, e.kind, e.a.divergence !== undefined, e.after]),
    ).toEqual([
      [
        'Invoke(fn0, invocationType=RequestResponse, qualifier=none)',
        'one-conforms',
        true,
        undefined,
      ],
      ['Invoke(fn0, invocationType=RequestResponse, qualifier=none)', 'one-conforms', true, ['a']],
      ['Invoke(fn0, invocationType=RequestResponse, qualifier=none)', 'one-conforms', true, ['a']],
    ]);
  });
});
