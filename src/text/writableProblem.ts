import { randomUUID } from 'node:crypto';
import { mkdir, open, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { nearestDirectory } from './makeDirectory.ts';

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `EACCES: permission denied`: Node's message up to the path it names. */
function errnoText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(',')[0] ?? message).split('\n')[0] ?? message;
}

function probeName(): string {
  return `.lambda-conformance-probe-${String(process.pid)}-${randomUUID().slice(0, 8)}`;
}

/**
 * Why files cannot be written into the directory `dir` (created first when missing), or undefined
 * when they can. Probed for real, since permissions do not tell (root may write anywhere by
 * `access`, yet nothing can be made in `/proc`): a file is created and removed in `dir`, or, when
 * `dir` is missing, a directory where its first missing level would go. Nothing stays.
 */
export async function directoryProblem(dir: string): Promise<string | undefined> {
  let nearest: Awaited<ReturnType<typeof nearestDirectory>>;
  try {
    nearest = await nearestDirectory(dir);
  } catch (error) {
    const path = (error as { path?: unknown }).path;
    if (codeOf(error) === 'ENOTDIR' && typeof path === 'string')
      return `'${path}' is a file, not a directory`;
    return errnoText(error);
  }
  const { existing, missing } = nearest;
  const probe = join(existing, probeName());
  const first = missing[0];
  if (first === undefined) {
    try {
      const handle = await open(probe, 'wx');
      await handle.close();
      await unlink(probe);
      return undefined;
    } catch (error) {
      return `cannot create files in '${existing}' (${errnoText(error)})`;
    }
  }
  try {
    await mkdir(probe);
    await rmdir(probe);
    return undefined;
  } catch (error) {
    return `cannot create '${first}' (${errnoText(error)})`;
  }
}

/**
 * Why the file `file` cannot be written (replaced, or created with its missing directories), or
 * undefined when it can. An existing file is opened for writing without changing it; a missing
 * one is probed through its directory (see {@link directoryProblem}). Devices and pipes
 * (`/dev/stdout`) are taken as writable.
 */
export async function fileProblem(file: string): Promise<string | undefined> {
  let found: Awaited<ReturnType<typeof stat>> | undefined;
  try {
    found = await stat(file);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return directoryProblem(dirname(file));
    return errnoText(error);
  }
  if (found.isDirectory()) return 'it is a directory';
  if (!found.isFile()) return undefined;
  try {
    const handle = await open(file, 'r+');
    await handle.close();
    return undefined;
  } catch (error) {
    return `cannot open it for writing (${errnoText(error)})`;
  }
}
