import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli.testkit.ts';

/** A quick faithful memory run: one sequence, nothing saved unless the case asks. */
const QUICK = ['run', '--runs', '1', '--reporter', 'json'];

let dir: string;
/** A regular file: a path "under" it cannot be a directory. */
let file: string;
/** A directory where a report file should go. */
let blocked: string;
/** Where the cases put a trace that must not be written when the run is refused. */
let trace: string;
beforeAll(async () => {
  dir = await tempDir();
  file = join(dir, 'plain.txt');
  await writeFile(file, 'not a directory\n');
  blocked = join(dir, 'blocked');
  await mkdir(join(blocked, 'run.json'), { recursive: true });
  trace = join(dir, 'never.jsonl');
});

interface Case {
  readonly name: string;
  readonly args: () => readonly string[];
  /** The one line of the message, whole. */
  readonly says: () => RegExp;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Issue 13: "an unwritable --out, --record, --write-baseline or --regressions gives 'internal
// error: E…' without naming the flag, for --out only after the whole suite ran".
const CASES: readonly Case[] = [
  {
    name: '--out under a file',
    args: () => ['--no-save', '--out', join(file, 'reports'), '--record', trace],
    says: () =>
      new RegExp(
        `^--out: cannot write the reports to '${escape(join(file, 'reports'))}': '${escape(file)}' is a file, not a directory\\.$`,
      ),
  },
  {
    name: '--out whose run.json is a directory',
    args: () => ['--no-save', '--out', blocked, '--record', trace],
    says: () =>
      new RegExp(
        `^--out: cannot write the reports to '${escape(blocked)}': '${escape(join(blocked, 'run.json'))}': it is a directory\\.$`,
      ),
  },
  {
    name: '--record under a file',
    args: () => ['--no-save', '--out', dir, '--record', join(file, 't.jsonl')],
    says: () =>
      /^--record: cannot write the trace to '.*plain\.txt\/t\.jsonl': '.*plain\.txt' is a file, not a directory\.$/,
  },
  {
    name: '--record naming a directory',
    args: () => ['--no-save', '--out', dir, '--record', dir],
    says: () => /^--record: cannot write the trace to '.*': it is a directory\.$/,
  },
  {
    name: '--write-baseline naming a directory',
    args: () => ['--no-save', '--out', dir, '--record', trace, '--write-baseline', dir],
    says: () => /^--write-baseline: cannot write the baseline to '.*': it is a directory\.$/,
  },
  {
    name: '--write-baseline under a file',
    args: () => [
      '--no-save',
      '--out',
      dir,
      '--record',
      trace,
      '--write-baseline',
      join(file, 'b.yaml'),
    ],
    says: () =>
      /^--write-baseline: cannot write the baseline to '.*': '.*plain\.txt' is a file, not a directory\.$/,
  },
  {
    name: '--regressions naming a file',
    args: () => ['--out', dir, '--record', trace, '--regressions', file],
    says: () =>
      /^--regressions: cannot write counterexamples to '.*plain\.txt': '.*plain\.txt' is a file, not a directory\.$/,
  },
];

describe('outputs are probed before the run (issue 13)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s: exit 2, one line naming the flag and why, before any sequence runs',
    async (_name, c) => {
      const r = await cli(...QUICK, ...c.args());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(c.says());
      expect(r.out).toBe('');
      // Refused before the run: the trace of the first sequence was never started.
      expect(existsSync(trace)).toBe(false);
    },
  );

  it("names a scenario's out as the scenario key, located in its file", async () => {
    const scenario = join(dir, 'out.yaml');
    const spec = resolve('spec/lambda-lifecycle.yaml');
    const out = join(file, 'r');
    await writeFile(scenario, `name: t\nspec: ${spec}\ntarget: { name: memory }\nout: ${out}\n`);
    const r = await cli('run', scenario, '--runs', '1', '--no-save');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `${scenario}:4:6: scenario 'out': cannot write the reports to '${out}': '${file}' is a file, not a directory.`,
    );
  });

  it('a run that writes no file (console only) does not need its out directory', async () => {
    const out = join(file, 'x');
    const r = await cli('run', '--runs', '1', '--reporter', 'console', '--no-save', '--out', out);
    expect(r.code).toBe(0);
  });

  it.each([
    ['merge', () => ['merge', dir, '--out', join(file, 'm')]],
    ['check-trace', () => ['check-trace', join(dir, 'any.jsonl'), '--out', join(file, 'm')]],
    ['diff', () => ['diff', '--target', 'memory', '--target', 'memory', '--out', join(file, 'm')]],
    ['mutants', () => ['mutants', '--runs', '1', '--out', join(file, 'm')]],
    [
      'import',
      () => ['import', 'localstack', 'x.json', '--test', 'k', '--out', join(file, 'm', 't.jsonl')],
    ],
  ] as const)('%s probes its --out first: exit 2 naming --out', async (_name, args) => {
    const r = await cli(...args());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--out: cannot write .* '.*plain\.txt' is a file, not a directory\.$/);
  });
});

// `mkdir -p` of /proc/x never returns in Node (it retries ENOENT forever): the run hung, deaf to
// SIGINT. Linux only: elsewhere there is no /proc.
describe.runIf(process.platform === 'linux')('outputs under /proc (issue 13)', () => {
  it.each([
    ['--out', ['--no-save', '--out', '/proc/x'], 'the reports', '/proc/x'],
    [
      '--record',
      ['--no-save', '--out', '', '--record', '/proc/x/t.jsonl'],
      'the trace',
      '/proc/x/t.jsonl',
    ],
    ['--regressions', ['--out', '', '--regressions', '/proc/x'], 'counterexamples', '/proc/x'],
  ] as const)('%s /proc/x: exit 2 at once, never a hang', async (flag, args, what, shown) => {
    const filled = args.map((a) => (a === '' ? dir : a));
    const r = await cli(...QUICK, ...filled);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `${flag}: cannot write ${what} to '${shown}': cannot create '/proc/x' (ENOENT: no such file or directory).`,
    );
  });
});

// A named pipe nobody reads: opening it for writing waits for a reader forever, in a thread no
// signal reaches (`--record` hung, deaf to SIGTERM). POSIX only: Windows has no mkfifo.
describe.runIf(process.platform !== 'win32')('outputs that are named pipes (issue 13)', () => {
  let pipes: string;
  let fifo: string;
  let withFifo: string;
  beforeAll(async () => {
    pipes = await tempDir();
    fifo = join(pipes, 'fifo');
    execFileSync('mkfifo', [fifo]);
    withFifo = join(pipes, 'reports');
    await mkdir(withFifo);
    execFileSync('mkfifo', [join(withFifo, 'run.json')]);
  });
  const NO_READER =
    'it is a named pipe \\(FIFO\\) that nothing reads: writing would wait for a reader forever';

  it.each([
    [
      '--record',
      () => ['--no-save', '--out', dir, '--record', fifo],
      'the trace',
      () => fifo,
      (): string => NO_READER,
    ],
    [
      '--write-baseline',
      () => ['--no-save', '--out', dir, '--write-baseline', fifo],
      'the baseline',
      () => fifo,
      (): string => NO_READER,
    ],
    [
      '--out',
      () => ['--no-save', '--out', withFifo],
      'the reports',
      () => withFifo,
      () => `'${escape(join(withFifo, 'run.json'))}': ${NO_READER}`,
    ],
    [
      '--out',
      () => ['--no-save', '--out', fifo],
      'the reports',
      () => fifo,
      () => `'${escape(fifo)}' is a named pipe \\(FIFO\\), not a directory`,
    ],
    [
      '--regressions',
      () => ['--out', dir, '--regressions', fifo],
      'counterexamples',
      () => fifo,
      () => `'${escape(fifo)}' is a named pipe \\(FIFO\\), not a directory`,
    ],
  ] as const)(
    '%s naming a pipe nobody reads: exit 2 at once, never a hang',
    async (flag, args, what, shown, why) => {
      const r = await cli(...QUICK, ...args());
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        new RegExp(`^${escape(flag)}: cannot write ${what} to '${escape(shown())}': ${why()}\\.$`),
      );
    },
  );

  it('diagram --out naming a pipe nobody reads: exit 2, never a hang', async () => {
    const r = await cli('diagram', 'spec/lambda-lifecycle.yaml', '--out', fifo);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--out: cannot write the diagram to '.*fifo': it is a named pipe/);
  });

  it('a pipe something reads is written to (`--record` into another command)', async () => {
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const r = await cli(...QUICK, '--no-save', '--out', dir, '--record', fifo);
      expect(r.code).toBe(0);
      const buffer = Buffer.alloc(1 << 16);
      const n = readSync(reader, buffer);
      const first = buffer.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
      expect(JSON.parse(first)).toHaveProperty('type');
    } finally {
      closeSync(reader);
    }
  });
});
