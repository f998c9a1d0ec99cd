import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { consumerLockfile, type LockEntry, type Lockfile } from './consumerLockfile.testkit.ts';

/** @internal The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');

/** @internal What a finished child process printed. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** @internal This process's environment without what vitest or an npm script set for itself. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && !key.startsWith('npm_') && key !== 'NODE_OPTIONS',
    ),
  );
  // The AWS SDK's Node-version warning must be silenced by the package itself, not by us.
  delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
  return { ...env, ...extra };
}

/** @internal Runs `command` in `cwd` and resolves with its exit code and output (never rejects). */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<Ran> {
  const start = Date.now();
  return new Promise((done) => {
    execFile(
      command,
      [...args],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr, ms: Date.now() - start });
      },
    );
  });
}

/** @internal `npm pack --json`'s figures for the tarball. */
export interface Packed {
  readonly tarball: string;
  readonly integrity: string;
  readonly sizeBytes: number;
  readonly unpackedBytes: number;
  readonly files: readonly string[];
  /** Wall time of `npm pack`, its `prepack` build included. */
  readonly ms: number;
}

/** @internal Packs the repository into `dir` as `npm publish` would (`prepack` builds dist/). */
export async function pack(dir: string): Promise<Packed> {
  const ran = await run('npm', ['pack', '--json', '--pack-destination', dir], ROOT);
  if (ran.code !== 0) throw new Error(`npm pack failed:\n${ran.stderr}${ran.stdout}`);
  // The prepack build may print before the JSON; the JSON report is the last thing printed.
  const json = ran.stdout.slice(ran.stdout.lastIndexOf('\n[') + 1);
  const [report] = JSON.parse(json) as {
    filename: string;
    integrity: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  if (report === undefined) throw new Error(`npm pack printed no report:\n${ran.stdout}`);
  return {
    tarball: join(dir, report.filename),
    integrity: report.integrity,
    sizeBytes: report.size,
    unpackedBytes: report.unpackedSize,
    files: report.files.map((f) => f.path),
    ms: ran.ms,
  };
}

/** @internal A consumer project with the packed package installed. */
export interface Consumer {
  readonly dir: string;
  /** Wall time of the consumer's `npm ci --offline`. */
  readonly installMs: number;
}

/** The package.json fields a lockfile entry of the packed package carries. */
const LOCKED_FIELDS = [
  'license',
  'dependencies',
  'optionalDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bin',
  'engines',
] as const;

/**
 * @internal Creates a consumer project in `dir` (its package.json depending on the tarball, and
 * `devDependencies` at this repository's locked versions), copies `files` into it, and installs
 * with `npm ci --offline` from the npm cache this repository's own `npm ci` filled: no network.
 */
export async function installConsumer(
  dir: string,
  packed: Packed,
  devDependencies: readonly string[],
  files: Readonly<Record<string, string>> = {},
): Promise<Consumer> {
  await mkdir(dir, { recursive: true });
  const own = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  > & { name: string; version: string };
  const source = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const registry = (await run('npm', ['config', 'get', 'registry'], dir)).stdout.trim();
  const packedEntry: LockEntry & { name: string; version: string } = {
    name: own.name,
    version: own.version,
    ...Object.fromEntries(
      LOCKED_FIELDS.filter((f) => own[f] !== undefined).map((f) => [f, own[f]]),
    ),
  };
  const { packageJson, lockfile } = consumerLockfile(source, {
    packed: packedEntry,
    tarball: { spec: `file:${packed.tarball}`, integrity: packed.integrity },
    devDependencies,
    registry: registry === '' ? 'https://registry.npmjs.org/' : registry,
  });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  await writeFile(join(dir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
  for (const [from, to] of Object.entries(files)) await copyFile(from, join(dir, to));
  // --ignore-scripts: dependencies' install scripts (esbuild's binary check) are not under test;
  // the package's own absence of install scripts is checked on its package.json.
  const ran = await run(
    'npm',
    ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    dir,
  );
  if (ran.code !== 0)
    throw new Error(`npm ci --offline failed in ${dir}:\n${ran.stderr}${ran.stdout}`);
  return { dir, installMs: ran.ms };
}
