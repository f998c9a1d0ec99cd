import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './cli.testkit.ts';
import { moduleNamingPreload } from '../text/nameModules.testkit.ts';

let dir: string;
let preload: string;
beforeAll(async () => {
  dir = await tempDir();
  preload = await moduleNamingPreload(dir, 'LOADED');
});

/** The modules `lambda-conformance …args` loads (it must exit 0), with `env` added. */
function modulesLoadedWith(env: Record<string, string>, ...args: string[]): string[] {
  const r = spawnSync(
    process.execPath,
    ['--import', preload, 'bin/lambda-conformance.mjs', ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stderr.split('\n').flatMap((l) => (l.startsWith('LOADED ') ? [l.slice(7)] : []));
}

/** The modules `lambda-conformance …args` loads (it must exit 0). */
function modulesLoadedBy(...args: string[]): string[] {
  return modulesLoadedWith({}, ...args);
}

/** The modules loaded from `part` (a folder of node_modules or of src/, or a file). */
const from = (urls: readonly string[], part: string): string[] =>
  urls.filter((u) => u.includes(part));

const sdk = (urls: readonly string[]): string[] => urls.filter((u) => u.includes('/@aws-sdk/'));

describe('start-up loads only what the command needs', () => {
  it.each([
    '--help',
    '--version',
    'run --help',
    'cleanup --help',
    'lint spec/lambda-lifecycle.yaml',
  ])('%s never loads the AWS SDK', (line) => {
    expect(sdk(modulesLoadedBy(...line.split(' ')))).toEqual([]);
  });

  it('a memory run loads neither the AWS SDK nor, once its files are cached, the YAML library', async () => {
    // A private cache: the shared one is pruned by other processes (tests running at once).
    const cache = { LAMBDA_CONFORMANCE_CACHE: await tempDir() };
    const out = await tempDir();
    const run = ['run', '--runs', '1', '--no-save', '--reporter', 'json', '--out', out];
    modulesLoadedWith(cache, ...run);
    const loaded = modulesLoadedWith(cache, ...run);
    expect(sdk(loaded)).toEqual([]);
    expect(loaded.filter((u) => u.includes('/node_modules/yaml/'))).toEqual([]);
    expect(loaded.some((u) => u.includes('/node_modules/fast-check/'))).toBe(true);
  });

  it.each(['--help', '--version'])(
    '%s loads no run code: neither fast-check, the YAML library, the spec reader nor the runner',
    (line) => {
      const loaded = modulesLoadedBy(line);
      expect(from(loaded, '/node_modules/fast-check/')).toEqual([]);
      expect(from(loaded, '/node_modules/yaml/')).toEqual([]);
      expect(from(loaded, '/src/spec/')).toEqual([]);
      expect(from(loaded, '/src/runner/')).toEqual([]);
      expect(from(loaded, '/src/cli/runCommand.ts')).toEqual([]);
    },
  );

  it('a memory run with its files and tours cached reads its tours, and loads no parser, no trace recorder and no SDK; --record loads the recorder', async () => {
    const cache = { LAMBDA_CONFORMANCE_CACHE: await tempDir() };
    const out = await tempDir();
    const run = ['run', '--runs', '1', '--seed', '7', '--no-save', '--reporter', 'json'];
    const first = modulesLoadedWith(cache, ...run, '--out', out);
    // The first run parsed the spec and the scenario (the check below can fail).
    expect(from(first, '/node_modules/yaml/').length).toBeGreaterThan(0);
    expect(from(first, '/src/spec/parseSpec.ts').length).toBe(1);
    // An entry is written to a temporary file renamed into place: a new inode. A hit only touches
    // its times (the cache drops the least recently used entries).
    const tours = async (): Promise<{ name: string; inode: number }[]> => {
      const names = await readdir(cache.LAMBDA_CONFORMANCE_CACHE);
      const entries = names.filter((n) => n.startsWith('tours-'));
      return Promise.all(
        entries.map(async (name) => ({
          name,
          inode: (await stat(join(cache.LAMBDA_CONFORMANCE_CACHE, name))).ino,
        })),
      );
    };
    const planned = await tours();
    expect(planned).toHaveLength(1);
    const warm = modulesLoadedWith(cache, ...run, '--out', out);
    // The tours were read, not planned and written again.
    expect(await tours()).toEqual(planned);
    expect(from(warm, '/node_modules/yaml/')).toEqual([]);
    expect(from(warm, '/src/spec/parseSpec.ts')).toEqual([]);
    expect(from(warm, '/src/traces/TraceRecorder.ts')).toEqual([]);
    expect(sdk(warm)).toEqual([]);
    const trace = join(out, 'trace.jsonl');
    const recorded = modulesLoadedWith(cache, ...run, '--out', out, '--record', trace);
    expect(from(recorded, '/src/traces/TraceRecorder.ts')).toHaveLength(1);
  });

  it('the aws target loads the SDK (the check above can fail)', async () => {
    const out = await tempDir();
    const loaded = modulesLoadedBy(
      'run',
      'scenarios/emulator.yaml',
      '--runs',
      '1',
      '--no-save',
      '--reporter',
      'json',
      '--out',
      out,
    );
    expect(sdk(loaded).length).toBeGreaterThan(0);
  });
});
