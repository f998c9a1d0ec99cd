import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiffReport } from '../diff/diffTargets.ts';
import { cli, tempDir } from './cli.testkit.ts';

async function report(dir: string): Promise<DiffReport> {
  return JSON.parse(await readFile(join(dir, 'diff.json'), 'utf8')) as DiffReport;
}

function blamed(r: DiffReport): string[] {
  return r.entries.flatMap((e) =>
    [e.a.divergence, e.b.divergence].flatMap((d) => (d === undefined ? [] : [d.ruleId])),
  );
}

describe('lambda-conformance diff', () => {
  it("finds a mutant's operations between memory and a mutant memory target: only one conforms", async () => {
    const out = await tempDir();
    const r = await cli(
      'diff',
      '--target',
      'memory',
      '--target',
      'memory:update-while-updating',
      '--runs',
      '1000',
      // A seed whose sequences go on past the mutant's first divergence (1 since aliases changed
      // the sequences; 6 with versions, 3 before).
      '--seed',
      '1',
      '--out',
      out,
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /only one conforms: memory:update-while-updating breaks update-(code|configuration)(-in-progress)? /,
    );
    const rec = await report(out);
    expect(rec.counts['one-conforms']).toBeGreaterThan(0);
    const oneSided = rec.entries.filter((e) => e.kind === 'one-conforms');
    // Only the mutant side ever diverges; the faithful side conforms on every reported step.
    expect(
      oneSided.every((e) => e.a.divergence === undefined && e.b.divergence !== undefined),
    ).toBe(true);
    // The rule the mutant breaks is blamed where it first shows; the side goes on past it, and
    // what differs later is marked as following the mutant side's divergence.
    const first = rec.entries.filter((e) => e.after === undefined);
    // (An accepted update is blamed on the update rule its answer fits best: the Active one, or
    // the in-progress one.)
    expect(
      blamed({ ...rec, entries: first }).every((id) => /^update-(code|configuration)/.test(id)),
    ).toBe(true);
    expect(rec.entries.every((e) => e.after === undefined || e.after.join() === 'b')).toBe(true);
    expect(rec.entries.some((e) => e.after !== undefined)).toBe(true);
    expect(r.out).toMatch(/\(after B diverged\)/);
  });

  it("shows the error message of each side's answer under its row, and in diff.json", async () => {
    const out = await tempDir();
    const r = await cli(
      'diff',
      '--target',
      'memory',
      '--target',
      'memory:pending-conflict-wrong-type',
      '--runs',
      '100',
      '--seed',
      '1',
      '--out',
      out,
    );
    expect(r.code).toBe(1);
    const rec = await report(out);
    const wrongError = rec.entries.find((e) => e.b.divergence?.category === 'wrong-error');
    expect(wrongError?.a.observation).toBe('error ResourceConflictException (409)');
    expect(wrongError?.b.observation).toBe('error InvalidParameterValueException (400)');
    // Normalised like the observations: no account, region or real function name.
    const message =
      "The operation cannot be performed at this time. The resource arn:aws:lambda:<region>:<account>:function:fn0 is currently in the following state: 'Pending'. StateReasonCode: 'Creating'";
    expect(wrongError?.a.message).toBe(message);
    expect(wrongError?.b.message).toBe(message);
    expect(r.out).toContain(`\n           A: ${message}\n           B: ${message}\n`);
  });

  it('finds the mutant of an emulator against the memory target over real HTTP', async () => {
    const out = await tempDir();
    const r = await cli(
      'diff',
      '--target',
      'memory',
      '--target',
      'emulator:create-says-active',
      '--runs',
      '10',
      '--max-commands',
      '6',
      '--seed',
      '2',
      '--out',
      out,
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/only one conforms: emulator:create-says-active breaks create /);
    expect(r.out).toMatch(/note: a side runs on real time/);
  });

  it('reports only differences the spec allows between two faithful targets', async () => {
    const out = await tempDir();
    const emulator = await cli(
      'diff',
      '--target',
      'memory',
      '--target',
      'emulator',
      '--runs',
      '10',
      '--max-commands',
      '6',
      '--seed',
      '2',
      '--out',
      out,
    );
    expect(emulator.code).toBe(0);
    const rec = await report(out);
    expect(rec.compared).toBeGreaterThan(10);
    expect(rec.entries.every((e) => e.kind === 'both-allowed')).toBe(true);
  });

  it('replays a recorded trace on another target: faithful alike, a mutant named', async () => {
    const dir = await tempDir();
    const trace = join(dir, 't.jsonl');
    const recorded = await cli(
      'run',
      '--runs',
      '40',
      '--seed',
      '5',
      '--record',
      trace,
      '--out',
      dir,
      '--no-save',
      '--reporter',
      'json',
    );
    expect(recorded.code).toBe(0);
    const same = await cli(
      'diff',
      '--target',
      `trace:${trace}`,
      '--target',
      'memory',
      '--out',
      dir,
    );
    expect(same.code).toBe(0);
    const faithful = await report(dir);
    expect(faithful.sequences).toBe(40);
    expect(faithful.entries).toEqual([]);
    const mutant = await cli(
      'diff',
      '--target',
      `trace:${trace}`,
      '--target',
      'memory:invoke-while-pending',
      '--out',
      dir,
    );
    expect(mutant.code).toBe(1);
    expect(blamed(await report(dir))).toContain('invoke-pending-creating');
  });

  it('rejects bad targets with exit 2 and a one-line message', async () => {
    const out = await tempDir();
    const cases: [string[], RegExp][] = [
      [['--target', 'memory'], /expected exactly two --target flags/],
      [
        ['--target', 'memory', '--target', 'lambda'],
        /'lambda' is not a diff target; expected memory/,
      ],
      [['--target', 'trace:a.jsonl', '--target', 'trace:b.jsonl'], /at most one --target/],
      [['--target', 'memory', '--target', 'memory:no-such-bug'], /unknown mutant 'no-such-bug'/],
      [['--target', 'memory', '--target', `trace:${join(out, 'none.jsonl')}`], /cannot read/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('diff', ...args, '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(1);
    }
  });
});
