import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { CACHE_ENV } from '../text/cacheFolder.ts';
import { tempDir } from '../text/tempDir.testkit.ts';
import type { CodeCacheUse } from './runScript.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const RUN_SCRIPT = pathToFileURL(join(ROOT, 'src', 'cli', 'runScript.ts')).href;

let dir: string;
beforeEach(async () => {
  dir = await tempDir('lc-run-script-');
});

interface Loaded {
  readonly cache: CodeCacheUse;
  readonly answer: number;
  readonly url: string;
  readonly sep: string;
}

/**
 * Loads `file` with loadRunScript in a new process, as the bin does (V8 also keeps compiled code
 * within a process, which would hide what the cache on disk gives), calls its `main`, then stores
 * its compiled code when `save`.
 */
function loadInProcess(file: string, cache = join(dir, 'cache'), save = true): Loaded {
  const script = `
    const { loadRunScript } = await import(${JSON.stringify(RUN_SCRIPT)});
    const loaded = loadRunScript(${JSON.stringify(file)});
    const answer = await loaded.exports.main([]);
    if (${String(save)}) loaded.saveCodeCache();
    console.log(JSON.stringify({ cache: loaded.cache, answer, url: loaded.exports.url, sep: loaded.exports.sep }));`;
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: ROOT, env: { ...process.env, [CACHE_ENV]: cache }, encoding: 'utf8' },
  );
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as Loaded;
}

/**
 * A CommonJS bundle as the build writes it: its build line, then a body that uses what the loader
 * passes (`require`, `module`, `__lcImportMetaUrl`) and enough functions for V8 to cache.
 */
function bundle(name: string, build: string | undefined, answer: number): string {
  const file = join(dir, name);
  const body = [
    `const { sep } = require('node:path');`,
    ...Array.from({ length: 50 }, (_, i) => `function f${i}(x) { return x + ${i}; }`),
    `module.exports.main = async (argv) => f0(${answer}) + argv.length;`,
    `module.exports.url = __lcImportMetaUrl;`,
    `module.exports.sep = sep;`,
  ].join('\n');
  writeFileSync(
    file,
    build === undefined ? body : `// lambda-conformance run bundle ${build}\n${body}`,
  );
  return file;
}

function cacheFiles(): string[] {
  try {
    return readdirSync(join(dir, 'cache', 'code')).filter((n) => n.endsWith('.v8cache'));
  } catch {
    return [];
  }
}

describe('loadRunScript', () => {
  it('runs the bundle as a CommonJS module, and caches its compiled code for the next process', () => {
    const file = bundle('main.cjs', 'a1b2c3d4e5f60718', 40);
    const first = loadInProcess(file, join(dir, 'cache'), false);
    expect(first).toEqual({
      cache: 'miss',
      answer: 40,
      url: pathToFileURL(file).href,
      sep: first.sep === '\\' ? '\\' : '/',
    });
    expect(cacheFiles()).toEqual([]);
    expect(loadInProcess(file).cache).toBe('miss');
    expect(cacheFiles()).toEqual([
      `run-a1b2c3d4e5f60718-${process.version}-${process.arch}.v8cache`,
    ]);
    // A hit leaves the cache as it is.
    const entry = join(dir, 'cache', 'code', cacheFiles()[0] ?? '');
    const written = statSync(entry).mtimeMs;
    expect(loadInProcess(file)).toMatchObject({ cache: 'hit', answer: 40 });
    expect(statSync(entry).mtimeMs).toBe(written);
  });

  it('compiles from the text when V8 rejects the cache (corrupt, or another source), and stores it again', () => {
    const file = bundle('main.cjs', 'feedfacefeedface', 1);
    loadInProcess(file);
    const entry = join(dir, 'cache', 'code', cacheFiles()[0] ?? '');
    writeFileSync(entry, readFileSync(entry).subarray(0, 40));
    expect(loadInProcess(file)).toMatchObject({ cache: 'rejected', answer: 1 });
    expect(loadInProcess(file)).toMatchObject({ cache: 'hit', answer: 1 });
    // The same build line over another text (a hand-edited bundle): V8 checks the source.
    bundle('main.cjs', 'feedfacefeedface', 1234567);
    expect(loadInProcess(file)).toMatchObject({ cache: 'rejected', answer: 1234567 });
  });

  it('keeps no cache when it is turned off or the bundle names no build', () => {
    expect(loadInProcess(bundle('off.cjs', 'aaaaaaaaaaaaaaaa', 5), 'off')).toMatchObject({
      cache: 'off',
      answer: 5,
    });
    expect(loadInProcess(bundle('unnamed.cjs', undefined, 6))).toMatchObject({
      cache: 'off',
      answer: 6,
    });
    expect(cacheFiles()).toEqual([]);
  });

  it('keeps the four caches written last', () => {
    const long = Date.now() / 1000 - 100;
    for (let i = 0; i < 6; i++) {
      const build = String(i).repeat(16);
      loadInProcess(bundle(`b${i}.cjs`, build, i));
      // Written a second apart, in order (one write after another can share a millisecond).
      const entry = join(
        dir,
        'cache',
        'code',
        `run-${build}-${process.version}-${process.arch}.v8cache`,
      );
      utimesSync(entry, long + i, long + i);
    }
    expect(cacheFiles().sort()).toEqual(
      [2, 3, 4, 5].map(
        (i) => `run-${String(i).repeat(16)}-${process.version}-${process.arch}.v8cache`,
      ),
    );
  });
});
