import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Counterexample } from '../runner/Counterexample.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** A counterexample the memory target with `create-says-active` produces, as saved. */
let saved: Counterexample;
let file: string;
let dir: string;

/** Writes `cx` (any JSON) next to the saved counterexample and returns its path. */
async function variant(name: string, cx: unknown): Promise<string> {
  const path = join(dir, `${name}.json`);
  await writeFile(path, typeof cx === 'string' ? cx : JSON.stringify(cx, null, 2));
  return path;
}

beforeAll(async () => {
  dir = await tempDir();
  const regressions = join(dir, 'regressions');
  const r = await cli(
    'run',
    '--mutant',
    'create-says-active',
    '--runs',
    '50',
    '--seed',
    '7',
    '--regressions',
    regressions,
    '--out',
    join(dir, 'out'),
    '--reporter',
    'json',
  );
  expect(r.code).toBe(1);
  const [name] = await readdir(regressions);
  file = join(regressions, name ?? '');
  saved = JSON.parse(await readFile(file, 'utf8')) as Counterexample;
});

describe('a saved counterexample (version 2)', () => {
  it('stores the target, reading, strictness and unobservable fields a replay needs', () => {
    expect(saved).toMatchObject({
      version: 2,
      reading: 'seed',
      strictness: 'all',
      unobservable: [],
      target: { name: 'memory', mutants: ['create-says-active'] },
      expected: { verdict: 'divergence', ruleId: 'create' },
    });
    // The memory target has no endpoint to place.
    expect(saved.target.endpointKind).toBeUndefined();
  });
});

describe('replay compares rule and category, with the exit codes of run', () => {
  it('reproduced: the same rule and category, exit 1 (it still diverges)', async () => {
    const r = await cli('replay', file);
    expect(r.out).toContain(
      `Reproduced: divergence create (${saved.expected.category ?? ''}), as recorded.`,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
  });

  it('another rule: "diverges differently", exit 1, never "Reproduced"', async () => {
    const other = await variant('other-rule', {
      ...saved,
      expected: { ...saved.expected, ruleId: 'get-pending-creating' },
    });
    const r = await cli('replay', other);
    expect(r.out).toContain(
      `Diverges differently: expected get-pending-creating (${saved.expected.category ?? ''}), got create (${saved.expected.category ?? ''}).`,
    );
    expect(r.out).not.toMatch(/Reproduced/);
    expect(r.code).toBe(1);
  });

  it('the same rule in another category: diverges differently too', async () => {
    const category = saved.expected.category === 'wrong-error' ? 'wrong-field' : 'wrong-error';
    const other = await variant('other-category', {
      ...saved,
      expected: { ...saved.expected, category },
    });
    const r = await cli('replay', other);
    expect(r.out).toContain(
      `Diverges differently: expected create (${category}), got create (${saved.expected.category ?? ''}).`,
    );
    expect(r.code).toBe(1);
  });

  it('conformant now (the bug is gone), exit 0', async () => {
    const fixed = await variant('fixed', { ...saved, target: { ...saved.target, mutants: [] } });
    const r = await cli('replay', fixed);
    expect(r.out).toContain(
      `Conformant now: the recorded divergence create (${saved.expected.category ?? ''}) no longer occurs.`,
    );
    expect(r.code).toBe(0);
  });

  it('reads a version 1 file (no target settings, strictness or unobservable list)', async () => {
    const v1cx: Record<string, unknown> = { ...saved, version: 1 };
    delete v1cx['strictness'];
    delete v1cx['unobservable'];
    const v1 = await variant('v1', v1cx);
    const r = await cli('replay', v1);
    expect(r.out).toMatch(/Reproduced: divergence create /);
    expect(r.code).toBe(1);
  });

  it('warns on one line when the spec differs from the recorded one, and still replays', async () => {
    const changed = await variant('changed-spec', {
      ...saved,
      spec: { ...saved.spec, hash: '0123456789abcdef0123' },
    });
    const r = await cli('replay', changed);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(
      /^replay: warning: .*changed-spec\.json was recorded against spec\/lambda-lifecycle\.yaml @ 0123456789ab, replaying against spec\/lambda-lifecycle\.yaml @ [0-9a-f]{12}: the verdict may differ/,
    );
    expect(r.code).toBe(1);
  });

  it('replays on another target kind with run flags: --target aws --endpoint emulator', async () => {
    const r = await cli('replay', file, '--target', 'aws', '--endpoint', 'emulator');
    expect(r.out).toMatch(
      /on aws at emulator \(http:\/\/127\.0\.0\.1:\d+\) with create-says-active/,
    );
    expect(r.out).toMatch(/Reproduced: divergence create /);
    expect(r.code).toBe(1);
  });
});

describe('replay of invalid input: exit 2, one line naming what is wrong, never an internal error', () => {
  const cases: [string, (cx: Counterexample) => unknown, RegExp][] = [
    [
      'a target without mutants',
      (cx) => ({ ...cx, target: { name: cx.target.name } }),
      /"target\.mutants" must be an array of mutant names/,
    ],
    [
      'an invalid function name',
      (cx) => ({
        ...cx,
        commands: cx.commands.map((c) =>
          c.kind === 'op' ? { ...c, op: { ...c.op, fn: 'bad name!' } } : c,
        ),
      }),
      /"commands\[0\]\.op\.fn" must be a logical function name \(fn0, fn1, …\), found "bad name!"/,
    ],
    [
      'an operation the spec does not have',
      (cx) => ({
        ...cx,
        commands: [{ kind: 'op', op: { name: 'CreateFunktion', fn: 'fn0', args: {} } }],
      }),
      /cannot be replayed: command 1 CreateFunktion\(fn0\): the spec has no operation 'CreateFunktion'\. Did you mean 'CreateFunction'\?/,
    ],
    [
      'an argument out of range',
      (cx) => ({
        ...cx,
        commands: [
          {
            kind: 'op',
            op: {
              name: 'CreateFunction',
              fn: 'fn0',
              args: { packageType: 'Zip', code: 99, config: 1 },
            },
          },
        ],
      }),
      /command 1 CreateFunction\(fn0, code=99, config=1, packageType=Zip\): argument 'code' is 99, out of range/,
    ],
    ['an unknown version', (cx) => ({ ...cx, version: 3 }), /"version" must be 1 or 2, found 3/],
    [
      'a reading the spec lacks',
      (cx) => ({ ...cx, reading: 'curent' }),
      /"reading": the spec has no reading 'curent'/,
    ],
    [
      'a command of no known kind',
      (cx) => ({ ...cx, commands: [{ kind: 'sleep' }] }),
      /"commands\[0\]\.kind" must be op, wait, settle or inject/,
    ],
    ['not JSON', () => '{"version": 2,', /counterexample file is not valid JSON/],
    ['an array', () => [], /not a counterexample: expected a JSON object/],
  ];
  it.each(cases)('%s', async (name, edit, message) => {
    const path = await variant(name.replaceAll(' ', '-'), edit(saved));
    const r = await cli('replay', path);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
  });

  it('a missing file, no file, a bad --reading', async () => {
    const missing = await cli('replay', join(dir, 'nope.json'));
    expect(missing.err).toMatch(/nope\.json: counterexample file cannot be read/);
    expect(missing.code).toBe(2);
    const none = await cli('replay');
    expect(none.err).toMatch(/^replay: expected exactly one counterexample file/);
    expect(none.code).toBe(2);
    const reading = await cli('replay', file, '--reading', 'curent');
    expect(reading.err).toMatch(
      /^--reading: the spec has no reading 'curent'\. Did you mean 'current'\?/,
    );
    expect(reading.code).toBe(2);
  });
});
