import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { cacheFolder } from '../text/cacheFolder.ts';

/**
 * Loads the run bundle (`dist/cli-run/main.cjs`, which scripts/build-cli-bundle.mjs builds for
 * `lambda-conformance run`) with the engine's compiled code from an earlier process. Node 20 keeps no
 * compiled code between processes for modules (Node 22 has `module.enableCompileCache`), so the
 * bundle is a CommonJS script compiled through `node:vm` with V8's code cache: a one-run memory
 * command then neither parses its ~700 kB nor compiles the functions the run calls (~20 ms of its
 * start). The cache lies in the package's cache folder (`LAMBDA_CONFORMANCE_CACHE`, see
 * `text/cacheFolder.ts`), one file per build of the bundle, Node version and architecture; the
 * engine checks it too (its version, flags and the source's length) and rejects one that does not
 * fit, and then the bundle is compiled from its text as without a cache. Anything wrong with the
 * cache folder or file is ignored: the bundle runs from its text.
 *
 * Only this file's module and the bundle are loaded; the bundle's first line names its build (a
 * digest of the rest, written by the build), so no process hashes 700 kB to key its cache.
 */

/** What {@link loadRunScript} found in the cache: used, missing, rejected by V8, or turned off. */
export type CodeCacheUse = 'hit' | 'miss' | 'rejected' | 'off';

/** The loaded bundle. */
export interface RunScript {
  /** The bundle's exports (`main`, the CLI's). */
  readonly exports: Readonly<Record<string, unknown>>;
  /** What the cache gave this process. */
  readonly cache: CodeCacheUse;
  /**
   * Stores the bundle's compiled code, with every function compiled so far, when the cache had none
   * for it (a miss or a rejection): call it once the command has run. Never throws.
   */
  saveCodeCache(): void;
}

/** Code caches kept; past it the oldest are removed when one is written. */
const KEPT = 4;
/** The first line of a bundle: `// lambda-conformance run bundle <build id>`. */
const BUILD_LINE = /^\/\/ lambda-conformance run bundle ([0-9a-f]{16,64})\n/;

/**
 * Loads and runs the CommonJS bundle `file` (its module body, wrapped as Node wraps a CommonJS
 * module, with `__lcImportMetaUrl` standing for the `import.meta.url` of its ES sources), with the
 * compiled code the cache holds for it.
 *
 * @throws Error when the bundle cannot be read or throws while it loads.
 */
export function loadRunScript(file: string): RunScript {
  // The bundle is ASCII (the build checks it): latin1 reads it without decoding UTF-8.
  const source = readFileSync(file, 'latin1');
  const build = BUILD_LINE.exec(source)?.[1];
  const folder = build === undefined ? undefined : cacheFolder('code');
  const entry =
    folder === undefined
      ? undefined
      : join(folder, `run-${build ?? ''}-${process.version}-${process.arch}.v8cache`);
  let cachedData: Buffer | undefined;
  if (entry !== undefined) {
    try {
      cachedData = readFileSync(entry);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname, __lcImportMetaUrl) {${source}\n})`,
    { filename: file, ...(cachedData === undefined ? {} : { cachedData }) },
  );
  const cache: CodeCacheUse =
    entry === undefined
      ? 'off'
      : cachedData === undefined
        ? 'miss'
        : script.cachedDataRejected === true
          ? 'rejected'
          : 'hit';
  const module = { exports: {} as Record<string, unknown> };
  const body = script.runInThisContext() as (...args: unknown[]) => void;
  body(module.exports, createRequire(file), module, file, dirname(file), pathToFileURL(file).href);
  return {
    exports: module.exports,
    cache,
    saveCodeCache: () => {
      if (entry === undefined || cache === 'hit') return;
      try {
        writeAtomically(entry, script.createCachedData());
        prune(dirname(entry));
      } catch {
        // Unwritable or full: the next process compiles the bundle again.
      }
    },
  };
}

/** Writes `bytes` to `file` so that a reader meets the old file or the new one, never half. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.${String(process.pid)}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** Keeps the {@link KEPT} code caches written most recently in `folder` (one per build in use). */
function prune(folder: string): void {
  const entries = readdirSync(folder)
    .filter((name) => name.endsWith('.v8cache'))
    .map((name) => ({ name, at: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of entries.slice(KEPT)) rmSync(join(folder, old.name), { force: true });
}
