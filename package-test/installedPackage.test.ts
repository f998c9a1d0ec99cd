import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installConsumer,
  pack,
  ROOT,
  run,
  cleanEnv,
  type Consumer,
  type Packed,
} from './installPackage.testkit.ts';
import { runWorkflow, stopGroups, workflowSteps, type StepResult } from './workflow.testkit.ts';
import { moduleNamingPreload } from '../src/text/nameModules.testkit.ts';
import { COMMANDS } from '../src/cli/commands.ts';
import { mainHelp } from '../src/cli/helpText.ts';

const FIXTURES = join(ROOT, 'package-test', 'consumer');
const SDK_WARNING = 'NodeVersionSupportWarning';

let packed: Packed;
let consumer: Consumer;
let work = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lc-package-'));
  packed = await pack(work);
  consumer = await installConsumer(
    join(work, 'consumer'),
    packed,
    ['typescript', 'vitest', '@types/node'],
    {
      [join(FIXTURES, 'app.mjs')]: 'app.mjs',
      [join(FIXTURES, 'consumer.ts')]: 'consumer.ts',
      [join(FIXTURES, 'tsconfig.consumer.json')]: 'tsconfig.json',
      [join(FIXTURES, 'conformance.test.ts')]: 'conformance.test.ts',
    },
  );
  const kB = (bytes: number): string => `${(bytes / 1024).toFixed(0)} kB`;
  console.log(
    `packed ${String(packed.files.length)} files, ${kB(packed.sizeBytes)} (${kB(packed.unpackedBytes)} unpacked) in ${String(packed.ms)} ms; npm ci --offline in the consumer: ${String(consumer.installMs)} ms`,
  );
});

// The packed tarball and the consumer projects (~180 MB with their node_modules) are removed once
// every test has ended (this hook, at the top level, runs after the describe blocks' own).
afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true, maxRetries: 3 });
});

/** Runs `command` in the consumer project. */
const inConsumer = (command: string, ...args: string[]) => run(command, args, consumer.dir);

/** The last line of `stdout`, parsed as JSON. */
function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
}

describe('the packed package', () => {
  it('ships the build, its types, the spec and the scenarios; no tests, testkits, fixtures, bench or CI', () => {
    for (const file of [
      'bin/lambda-conformance.mjs',
      'dist/api/index.js',
      'dist/api/index.d.ts',
      'dist/vitest/index.js',
      'dist/vitest/index.d.ts',
      'dist/cli/main.js',
      'dist/cli-bundle/main.js',
      'dist/cli-run/main.cjs',
      'dist/cli/runScript.js',
      'dist/code-digests.json',
      'spec/lambda-lifecycle.yaml',
      'spec/spec.schema.json',
      'scenarios/default.yaml',
      'scenarios/emulator.yaml',
      'scenarios/scenario.schema.json',
      'src/reporters/run-record.schema.json',
      'src/traces/trace-line.schema.json',
    ]) {
      expect(packed.files).toContain(file);
    }
    const unwanted = packed.files.filter((file) =>
      /\.test\.|\.testkit\.|fixtures\/|__snapshots__|^bench\/|^\.ci\/|^scripts\/|^src\/.*\.ts$|regressions\//.test(
        file,
      ),
    );
    expect(unwanted).toEqual([]);
  });

  it('is publishable and installs without install scripts or tools of its own development', () => {
    const installed = JSON.parse(
      readFileSync(
        join(consumer.dir, 'node_modules', 'lambda-conformance', 'package.json'),
        'utf8',
      ),
    ) as {
      private?: boolean;
      scripts?: Record<string, string>;
      dependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    expect(installed.private).toBeUndefined();
    expect(Object.keys(installed.scripts ?? {})).not.toEqual(
      expect.arrayContaining(['preinstall', 'install', 'postinstall']),
    );
    for (const dev of ['tsx', 'zx', 'vitest', 'typescript', 'esbuild']) {
      expect(installed.dependencies ?? {}).not.toHaveProperty(dev);
    }
    expect(installed.peerDependenciesMeta?.['vitest']?.optional).toBe(true);
  });
});

describe('in a project that installed the tarball', () => {
  it('`npx lambda-conformance --help` prints the usage and exits 0; with no command, exit 2', async () => {
    // The bin prints the usage the build wrote: it must be the CLI's, word for word.
    const usage = `${mainHelp(COMMANDS)}\n`;
    const help = await inConsumer('npx', '--offline', 'lambda-conformance', '--help');
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toBe(usage);
    expect(help.stderr).toBe('');
    const bare = await inConsumer('npx', '--offline', 'lambda-conformance');
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe(usage);
    // A command's own help still comes from the CLI.
    const runHelp = await inConsumer('npx', '--offline', 'lambda-conformance', 'run', '--help');
    expect(runHelp.code, runHelp.stderr).toBe(0);
    expect(runHelp.stdout).toContain('Usage: lambda-conformance run');
  });

  it('`node app.mjs` imports the API with no loader and runs the shipped emulator scenario', async () => {
    const app = await inConsumer('node', 'app.mjs');
    expect(app.code, app.stderr).toBe(0);
    expect(lastJson(app.stdout)).toMatchObject({
      target: 'aws',
      verdict: 'conformant',
      exitCode: 0,
    });
    expect(app.stderr).not.toContain(SDK_WARNING);
  });

  it('a strict NodeNext TypeScript consumer compiles with tsc and runs', async () => {
    const compiled = await inConsumer('npx', '--offline', 'tsc', '-p', 'tsconfig.json');
    expect(compiled.code, compiled.stdout).toBe(0);
    const ran = await inConsumer('node', join('out', 'consumer.js'));
    expect(ran.code, ran.stderr).toBe(0);
    expect(lastJson(ran.stdout)).toMatchObject({
      verdict: 'conformant',
      exitCode: 0,
      refused: 'SCENARIO_INVALID',
      shipped: 5,
    });
    expect(Number(lastJson(ran.stdout)['rules'])).toBeGreaterThan(20);
  });

  it('a vitest suite using describeConformance passes, one test per rule', async () => {
    const tested = await inConsumer(
      'npx',
      '--offline',
      'vitest',
      'run',
      '--reporter=json',
      '--outputFile=results.json',
    );
    expect(tested.code, tested.stderr).toBe(0);
    const results = JSON.parse(await readFile(join(consumer.dir, 'results.json'), 'utf8')) as {
      numFailedTests: number;
      numPassedTests: number;
      testResults: { assertionResults: { ancestorTitles: string[] }[] }[];
    };
    expect(results.numFailedTests).toBe(0);
    expect(results.numPassedTests).toBeGreaterThan(20);
    expect(results.testResults[0]?.assertionResults[0]?.ancestorTitles[0]).toBe(
      'shipped default scenario',
    );
  });

  it('`npx lambda-conformance run` on the memory target runs one script with a code cache, no AWS SDK', async () => {
    // A preload that names every ES module the process resolves, and one that names every
    // CommonJS module required, on stderr.
    const preload = await moduleNamingPreload(consumer.dir, 'RESOLVED');
    const required = join(consumer.dir, 'name-required.cjs');
    await writeFile(
      required,
      `process.on('exit', () => process.stderr.write('REQUIRED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n`,
    );
    const cache = join(work, 'code-cache-test');
    const oneRun = () =>
      run(
        'npx',
        [
          '--offline',
          'lambda-conformance',
          'run',
          '--runs',
          '1',
          '--seed',
          '20261123',
          '--no-save',
          '--out',
          'memory-reports',
        ],
        consumer.dir,
        {
          ...cleanEnv(),
          NODE_OPTIONS: `--import ${preload} --require ${required}`,
          LAMBDA_CONFORMANCE_CACHE: cache,
        },
      );
    const installed = join('node_modules', 'lambda-conformance') + sep;
    const ours = (stderr: string, prefix: string, paths: (line: string) => string[]): string[] => [
      ...new Set(
        stderr
          .split('\n')
          .filter((l) => l.startsWith(prefix))
          .flatMap(paths)
          .filter((f) => f.includes(installed))
          .map((f) => f.slice(f.indexOf(installed) + installed.length).replaceAll('\\', '/')),
      ),
    ];
    const codeCaches = (): string[] =>
      existsSync(join(cache, 'code')) ? readdirSync(join(cache, 'code')) : [];

    const cold = await oneRun();
    expect(cold.code, cold.stderr + cold.stdout).toBe(0);
    expect(cold.stdout).toContain('CONFORMANT');
    expect(
      ours(cold.stderr, 'RESOLVED file:', (l) => [fileURLToPath(l.slice('RESOLVED '.length))]),
    ).toEqual(['bin/lambda-conformance.mjs', 'dist/cli/runScript.js', 'dist/text/cacheFolder.js']);
    const requiredFiles = (stderr: string): string[] =>
      stderr
        .split('\n')
        .filter((l) => l.startsWith('REQUIRED '))
        .flatMap((l) => JSON.parse(l.slice('REQUIRED '.length)) as string[]);
    const aws = `${sep}node_modules${sep}@aws-sdk${sep}`;
    expect(requiredFiles(cold.stderr).filter((f) => f.includes(aws))).toEqual([]);
    // The first run compiled the script and stored its code; the next one uses it as it is.
    const [entry] = codeCaches();
    expect(codeCaches()).toHaveLength(1);
    expect(entry).toMatch(/^run-[0-9a-f]{32}-v\d+\.\d+\.\d+-\w+\.v8cache$/);
    const stored = statSync(join(cache, 'code', entry ?? ''));
    const warm = await oneRun();
    expect(warm.code, warm.stderr + warm.stdout).toBe(0);
    expect(warm.stdout).toContain('CONFORMANT');
    expect(codeCaches()).toEqual([entry]);
    expect(statSync(join(cache, 'code', entry ?? '')).mtimeMs).toBe(stored.mtimeMs);
    // With the spec in the parse cache, the YAML library is not loaded either.
    const yaml = `${sep}node_modules${sep}yaml${sep}`;
    expect(requiredFiles(warm.stderr).filter((f) => f.includes(aws) || f.includes(yaml))).toEqual(
      [],
    );
    expect(requiredFiles(cold.stderr).some((f) => f.includes(yaml))).toBe(true);
  });

  it('`npx lambda-conformance run --target aws --endpoint emulator` passes with the shipped spec', async () => {
    const cli = await inConsumer(
      'npx',
      '--offline',
      'lambda-conformance',
      'run',
      '--target',
      'aws',
      '--endpoint',
      'emulator',
      '--runs',
      '3',
      '--seed',
      '7',
    );
    expect(cli.code, cli.stderr + cli.stdout).toBe(0);
    expect(cli.stderr).not.toContain(SDK_WARNING);
    const record = JSON.parse(
      await readFile(join(consumer.dir, 'reports', 'run.json'), 'utf8'),
    ) as {
      verdict: string;
      spec: { file: string };
    };
    expect(record.verdict).toBe('conformant');
    expect(record.spec.file).toContain(join('node_modules', 'lambda-conformance', 'spec'));
    // Reports go under the working directory, never into the installed package.
    expect(existsSync(join(consumer.dir, 'node_modules', 'lambda-conformance', 'reports'))).toBe(
      false,
    );
  });
});

/** A TCP port on 127.0.0.1 that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

describe('`lambda-conformance init` output, run as written in a new project', () => {
  let project: Consumer;
  let steps: StepResult[];
  let port: number;
  /** The process groups the workflow's steps ran in: the emulator it started is in one. */
  const groups: number[] = [];
  /** The workflow's environment here: a GitHub Actions job on a machine with no network. */
  const env = cleanEnv({
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    npm_config_offline: 'true',
    // Dependencies' install scripts are not under test (the package has none; see above).
    npm_config_ignore_scripts: 'true',
  });
  delete env['GITHUB_STEP_SUMMARY'];

  beforeAll(async () => {
    project = await installConsumer(join(work, 'project'), packed, ['vitest']);
    port = await freePort();
    const init = await run(
      'npx',
      [
        '--offline',
        'lambda-conformance',
        'init',
        '--endpoint',
        `http://127.0.0.1:${String(port)}`,
        '--name',
        'built-in-emulator',
        '--runs',
        '3',
        '--start',
        `npx lambda-conformance serve --port ${String(port)} --pending-ms 100 --update-ms 100`,
      ],
      project.dir,
    );
    if (init.code !== 0) throw new Error(`init failed:\n${init.stderr}${init.stdout}`);
    const workflow = join(project.dir, '.github', 'workflows', 'lambda-conformance.yml');
    steps = await runWorkflow(await workflowSteps(workflow), project.dir, env, groups);
  });

  afterAll(() => {
    stopGroups(groups);
  });

  it('runs every step of the workflow to the end: npm ci, the emulator, the suite (exit 0)', () => {
    const failed = steps.find((s) => s.code !== 0);
    expect(
      failed,
      failed && `${failed.step.name ?? failed.step.run ?? ''}:\n${failed.stderr}${failed.stdout}`,
    ).toBeUndefined();
    expect(steps.filter((s) => s.ran).map((s) => s.step.name ?? s.step.run)).toEqual([
      'npm ci',
      'Start the emulator',
      'Wait for the emulator',
      'Lambda conformance',
    ]);
    expect(steps.filter((s) => !s.ran).map((s) => s.step.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'actions/upload-artifact@v4',
    ]);
  });

  it('writes the reports the upload step keeps, conformant, under the project', async () => {
    const upload = steps.find((s) => s.step.uses === 'actions/upload-artifact@v4')?.step;
    expect(upload?.if).toBe('always()');
    const path = upload?.with?.['path'];
    const paths = (typeof path === 'string' ? path : '').trim().split('\n');
    expect(paths).toEqual(['reports/lambda-conformance/', 'conformance/regressions/']);
    const record = JSON.parse(
      await readFile(join(project.dir, 'reports', 'lambda-conformance', 'run.json'), 'utf8'),
    ) as { verdict: string; target: { name: string; endpoint?: string } };
    expect(record.verdict).toBe('conformant');
    expect(record.target).toEqual(
      expect.objectContaining({ name: 'aws', endpoint: `http://127.0.0.1:${String(port)}` }),
    );
    const suite = steps.find((s) => s.step.name === 'Lambda conformance');
    expect(suite?.stdout).toContain('CONFORMANT');
  });

  it('writes a vitest test that passes against the running emulator, one test per rule', async () => {
    const tested = await run(
      'npx',
      ['--offline', 'vitest', 'run', 'conformance', '--reporter=json', '--outputFile=init.json'],
      project.dir,
      env,
    );
    expect(tested.code, tested.stderr).toBe(0);
    const results = JSON.parse(await readFile(join(project.dir, 'init.json'), 'utf8')) as {
      numFailedTests: number;
      numPassedTests: number;
    };
    expect(results.numFailedTests).toBe(0);
    expect(results.numPassedTests).toBeGreaterThan(5);
  });
});
