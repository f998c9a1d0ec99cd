import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './cli.testkit.ts';

let dir: string;
let preload: string;
beforeAll(async () => {
  dir = await tempDir();
  // A module hook that names every module the process resolves, on stderr.
  const hooks = join(dir, 'hooks.mjs');
  await writeFile(
    hooks,
    `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write('LOADED ' + resolved.url + '\\n');
  return resolved;
}
`,
  );
  preload = join(dir, 'preload.mjs');
  await writeFile(
    preload,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
});

/** The modules `lambda-conformance …args` loads (it must exit 0). */
function modulesLoadedBy(...args: string[]): string[] {
  const r = spawnSync(
    process.execPath,
    ['--import', preload, 'bin/lambda-conformance.mjs', ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stderr.split('\n').flatMap((l) => (l.startsWith('LOADED ') ? [l.slice(7)] : []));
}

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
    const out = await tempDir();
    const run = ['run', '--runs', '1', '--no-save', '--reporter', 'json', '--out', out];
    modulesLoadedBy(...run);
    const loaded = modulesLoadedBy(...run);
    expect(sdk(loaded)).toEqual([]);
    expect(loaded.filter((u) => u.includes('/node_modules/yaml/'))).toEqual([]);
    expect(loaded.some((u) => u.includes('/node_modules/fast-check/'))).toBe(true);
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
