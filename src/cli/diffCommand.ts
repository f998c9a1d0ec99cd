import { HarnessError } from '../errors/HarnessError.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import type { Io } from './Io.ts';

/** `lambda-conformance diff --target A --target B`: differential runs (in progress). */
export function diffCommand(
  _args: readonly string[],
  _io: Io,
  _terminal: Terminal,
  _signal?: AbortSignal,
): Promise<number> {
  return Promise.reject(new HarnessError('NOT_YET', 'diff: not implemented yet.'));
}
