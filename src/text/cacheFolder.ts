import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The environment variable that turns the caches off (`off`) or names their folder. */
export const CACHE_ENV = 'LAMBDA_CONFORMANCE_CACHE';

const folders = new Map<string, string | undefined>();

/**
 * The folder of one of this package's caches on disk (`parsed`: specs, scenarios and tours;
 * `code`: the run bundle's compiled code), created private to this user; undefined when
 * `LAMBDA_CONFORMANCE_CACHE=off` or the folder is not safe to use (another user's, or a link
 * planted in a shared temporary folder). By default it lies in a per-user folder of the OS
 * temporary directory; `LAMBDA_CONFORMANCE_CACHE=<folder>` moves it there (the parse cache's
 * entries directly in it, as they always were, the others in a subfolder). Synchronous: one
 * `mkdir` and one `lstat`, once per process and cache.
 */
export function cacheFolder(kind: 'parsed' | 'code'): string | undefined {
  const setting = process.env[CACHE_ENV] ?? '';
  const key = `${kind}\0${setting}`;
  if (folders.has(key)) return folders.get(key);
  const folder = ((): string | undefined => {
    if (setting === 'off') return undefined;
    const uid = process.getuid?.();
    const dir =
      setting === ''
        ? join(tmpdir(), `lambda-conformance-${uid ?? userInfo().username}`, kind)
        : kind === 'parsed'
          ? setting
          : join(setting, kind);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const st = lstatSync(dir);
      // Another user's folder (or a link planted in a shared temp dir) is not trusted.
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) return undefined;
      return dir;
    } catch {
      return undefined;
    }
  })();
  folders.set(key, folder);
  return folder;
}
