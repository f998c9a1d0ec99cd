import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../baseline/loadBaseline.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { cli, tempDir } from './cli.testkit.ts';

const MUTANT_RUN = ['--mutant', 'create-says-active', '--runs', '50', '--seed', '1', '--no-save'];

async function runJson(dir: string): Promise<RunRecord> {
  return JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as RunRecord;
}

describe('run --baseline / --write-baseline', () => {
  it('accepts a listed divergence, fails without the list, and fails a stale entry', async () => {
    const dir = await tempDir();
    const known = join(dir, 'known.yaml');
    await writeFile(
      known,
      [
        'known:',
        '  - rule: create',
        '    target: memory',
        '    reason: "the emulator reports Active at once (issue 12)"',
        '    link: https://example.com/issues/12',
        '    expires: 2999-12-31',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const accepted = await cli('run', ...MUTANT_RUN, '--baseline', known, '--out', out);
    expect(accepted.err).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toMatch(/CONFORMANT .*\(1 known\)/);
    expect(accepted.out).toMatch(/Known divergences \(baselined, 1\)/);
    const record = await runJson(out);
    expect(record.verdict).toBe('conformant');
    expect(record.divergences.map((d) => [d.ruleId, d.baselined])).toEqual([['create', true]]);

    const without = await cli('run', ...MUTANT_RUN, '--out', out, '--reporter', 'json');
    expect(without.code).toBe(1);

    const faithful = await cli(
      'run',
      '--runs',
      '50',
      '--seed',
      '1',
      '--no-save',
      '--baseline',
      known,
      '--out',
      out,
      '--reporter',
      'json',
    );
    expect(faithful.code).toBe(1);
    expect(faithful.err).toMatch(
      /^stale baseline entry .*known\.yaml:2 \(rule create, target memory\): no longer diverges; remove it/,
    );
  });

  it('writes a baseline from the run that the next run accepts', async () => {
    const dir = await tempDir();
    const file = join(dir, 'written.yaml');
    const first = await cli(
      'run',
      ...MUTANT_RUN,
      '--write-baseline',
      file,
      '--out',
      dir,
      '--reporter',
      'json',
    );
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/wrote .*written\.yaml: 1 known divergence; give each a real reason/);
    const written = parseBaseline(await readFile(file, 'utf8'), file);
    expect(written.entries).toMatchObject([
      { rule: 'create', target: 'memory', mutants: ['create-says-active'] },
    ]);
    const again = await cli(
      'run',
      ...MUTANT_RUN,
      '--baseline',
      file,
      '--out',
      dir,
      '--reporter',
      'json',
    );
    expect(again.code).toBe(0);
    // Scoped to the mutant: the faithful target neither uses nor outdates it.
    const faithful = await cli(
      'run',
      '--runs',
      '20',
      '--no-save',
      '--baseline',
      file,
      '--out',
      dir,
      '--reporter',
      'json',
    );
    expect(faithful.code).toBe(0);
  });

  it('stops suppressing after the expiry date', async () => {
    const dir = await tempDir();
    const known = join(dir, 'old.json');
    await writeFile(
      known,
      JSON.stringify({
        known: [{ rule: 'create', reason: 'was accepted', expires: '2001-01-31' }],
      }),
    );
    const r = await cli(
      'run',
      ...MUTANT_RUN,
      '--baseline',
      known,
      '--out',
      dir,
      '--reporter',
      'json',
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /expired baseline entry .*old\.json:1 \(rule create\): expired 2001-01-31/,
    );
  });

  it('applies to check-trace too', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'mutant.jsonl');
    const live = await cli(
      'run',
      ...MUTANT_RUN,
      '--record',
      trace,
      '--out',
      dir,
      '--reporter',
      'json',
    );
    expect(live.code).toBe(1);
    const known = join(dir, 'known.yaml');
    await writeFile(known, 'known:\n  - { rule: create, reason: "accepted for now" }\n');
    const checked = await cli(
      'check-trace',
      trace,
      '--baseline',
      known,
      '--out',
      dir,
      '--reporter',
      'json',
    );
    expect(checked.code).toBe(0);
    expect((await runJson(dir)).divergences.every((d) => d.baselined === true)).toBe(true);
  });

  it('rejects a bad baseline file with exit 2, naming file:line:col, before running', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      'known:\n  - rule: create\n    categry: wrong-field\n  - rule: x\n    reason: y\n    expires: 31/12/2030\n',
    );
    const r = await cli('run', '--runs', '1', '--no-save', '--baseline', bad, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:2:5: known\[0\]: missing required key 'reason'/);
    expect(r.err).toMatch(
      /bad\.yaml:3:5: known\[0\]: unknown key 'categry'\. Did you mean 'category'\?/,
    );
    expect(r.err).toMatch(
      /bad\.yaml:6:14: known\[1\]: 'expires' must be a date written YYYY-MM-DD/,
    );
  });
});

describe('known divergences do not hide new ones', () => {
  it('keeps checking past a baselined divergence and still finds and shrinks a new one', async () => {
    const dir = await tempDir();
    const known = join(dir, 'known.json');
    await writeFile(
      known,
      JSON.stringify({
        known: [{ rule: 'create', reason: 'answers Active at once', target: 'memory' }],
      }),
    );
    const out = await tempDir();
    const r = await cli(
      'run',
      '--mutant',
      'create-says-active',
      '--mutant',
      'invoke-runs-staged',
      '--baseline',
      known,
      '--no-save',
      '--out',
      out,
      '--reporter',
      'json',
    );
    expect(r.code).toBe(1);
    const rec = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
    const fresh = rec.divergences.filter((d) => d.baselined !== true);
    // Planned sequences also reach a restoring function, where the same mutants answer Invoke.
    expect(fresh.map((d) => d.ruleId)).toContain('invoke-during-update');
    expect(fresh.every((d) => d.ruleId.startsWith('invoke-'))).toBe(true);
    expect(rec.divergences.find((d) => d.baselined === true)?.ruleId).toBe('create');
    expect(rec.baseline?.stale).toEqual([]);
  });
});
