import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
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

/** What the existing non-directory `path` is, for a message: `a file`, `a named pipe (FIFO)`. */
async function kindOf(path: string): Promise<string> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isFIFO() === true) return 'a named pipe (FIFO)';
  if (found?.isSocket() === true) return 'a socket';
  if (found?.isCharacterDevice() === true || found?.isBlockDevice() === true) return 'a device';
  return 'a file';
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
      return `'${path}' is ${await kindOf(path)}, not a directory`;
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
 * Why the named pipe `file` cannot be written now, or undefined when a reader has it open (as
 * `/dev/stdout` piped into another command): opened without blocking, which fails at once when
 * nobody reads it. Opening it for real would wait for a reader, forever, deaf to signals.
 */
async function pipeProblem(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, constants.O_WRONLY | constants.O_NONBLOCK);
    await handle.close();
    return undefined;
  } catch (error) {
    return codeOf(error) === 'ENXIO'
      ? 'it is a named pipe (FIFO) that nothing reads: writing would wait for a reader forever'
      : `cannot open it for writing (${errnoText(error)})`;
  }
}

/**
 * Why the file `file` cannot be written (replaced, or created with its missing directories), or
 * undefined when it can. An existing file is opened for writing without changing it; a missing
 * one is probed through its directory (see {@link directoryProblem}). Character devices
 * (`/dev/null`, a terminal's `/dev/stdout`) are taken as writable, and a named pipe when something
 * reads it; a pipe nobody reads, a socket or a block device is refused, never waited on.
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
  if (found.isFIFO()) return pipeProblem(file);
  if (found.isSocket()) return 'it is a socket, not a file';
  if (found.isBlockDevice()) return 'it is a block device, not a file';
  if (!found.isFile()) return undefined;
  try {
    const handle = await open(file, 'r+');
    await handle.close();
    return undefined;
  } catch (error) {
    return `cannot open it for writing (${errnoText(error)})`;
  }
}
