import { randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  mkdirSync,
  openSync,
  rmdirSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
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
function kindOf(path: string): string {
  let found: Stats | undefined;
  try {
    found = statSync(path);
  } catch {
    found = undefined;
  }
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
 * `dir` is missing, a directory where its first missing level would go. Nothing stays. The probes
 * are synchronous system calls: a run probes its outputs before anything else happens, and the
 * round trips of asynchronous ones through the thread pool were ~2 ms of a one-run command.
 */
export function directoryProblem(dir: string): Promise<string | undefined> {
  return Promise.resolve(directoryProblemNow(dir));
}

function directoryProblemNow(dir: string): string | undefined {
  let nearest: ReturnType<typeof nearestDirectory>;
  try {
    nearest = nearestDirectory(dir);
  } catch (error) {
    const path = (error as { path?: unknown }).path;
    if (codeOf(error) === 'ENOTDIR' && typeof path === 'string')
      return `'${path}' is ${kindOf(path)}, not a directory`;
    return errnoText(error);
  }
  const { existing, missing } = nearest;
  const probe = join(existing, probeName());
  const first = missing[0];
  if (first === undefined) {
    try {
      closeSync(openSync(probe, 'wx'));
      unlinkSync(probe);
      return undefined;
    } catch (error) {
      return `cannot create files in '${existing}' (${errnoText(error)})`;
    }
  }
  try {
    mkdirSync(probe);
    rmdirSync(probe);
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
function pipeProblem(file: string): string | undefined {
  try {
    closeSync(openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
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
export function fileProblem(file: string): Promise<string | undefined> {
  return Promise.resolve(fileProblemNow(file));
}

function fileProblemNow(file: string): string | undefined {
  let found: Stats;
  try {
    found = statSync(file);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return directoryProblemNow(dirname(file));
    return errnoText(error);
  }
  if (found.isDirectory()) return 'it is a directory';
  if (found.isFIFO()) return pipeProblem(file);
  if (found.isSocket()) return 'it is a socket, not a file';
  if (found.isBlockDevice()) return 'it is a block device, not a file';
  if (!found.isFile()) return undefined;
  try {
    closeSync(openSync(file, 'r+'));
    return undefined;
  } catch (error) {
    return `cannot open it for writing (${errnoText(error)})`;
  }
}
