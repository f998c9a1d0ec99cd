import { statSync, type Stats } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The missing directories of `dir`, outermost first, up to the nearest one that exists. A nearest
 * existing path that is not a directory is an `ENOTDIR` error naming it. Synchronous: a `stat` per
 * level, each far shorter than a round trip through the thread pool.
 */
function missingLevels(dir: string): string[] {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    // ENOTDIR: a level above is not a directory; walking up finds and names it.
    let found: Stats | undefined;
    try {
      found = statSync(at);
    } catch (error) {
      const code = codeOf(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    if (found !== undefined) {
      if (!found.isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, '${at}'`), {
          code: 'ENOTDIR',
          path: at,
        });
      }
      return missing.reverse();
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) return missing.reverse();
    at = parent;
  }
}

/**
 * Creates `dir` and its missing parents, as `mkdir -p` does, one level at a time, and fails with
 * the error of the first level that cannot be created. Node's own `mkdir(dir, { recursive: true })`
 * never returns on some paths (`/proc/x` on Linux retries its ENOENT forever, and no signal ends
 * the wait), so every directory the harness writes into is made here.
 */
export async function makeDirectory(dir: string): Promise<void> {
  for (const level of missingLevels(dir)) {
    try {
      await mkdir(level);
    } catch (error) {
      // Made in between by someone else: fine when it is a directory.
      if (codeOf(error) === 'EEXIST' && (await stat(level)).isDirectory()) continue;
      throw error;
    }
  }
}

/**
 * The nearest existing directory of `path` (itself included) and the levels missing below it; an
 * existing non-directory on the way is an `ENOTDIR` error naming it.
 *
 * @internal For the output probes.
 */
export function nearestDirectory(path: string): {
  readonly existing: string;
  readonly missing: readonly string[];
} {
  const missing = missingLevels(path);
  const first = missing[0];
  return { existing: first === undefined ? resolve(path) : dirname(first), missing };
}
