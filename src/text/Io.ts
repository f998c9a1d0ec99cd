/**
 * Where commands and reporters write text: standard output and standard error, injected so that
 * tests capture it and nothing reaches `process.stdout` directly.
 *
 * One rule for every writer: text is written exactly as given. A line ends with the `\n` its
 * caller writes; a live line is redrawn with `\r` and no newline. An implementation must never add,
 * drop or translate characters.
 */
export interface Io {
  /** Writes `text` to standard output, as is. */
  out(text: string): void;
  /** Writes `text` to standard error, as is. */
  err(text: string): void;
}

let closed = false;

/** The process's own streams. Once the reader of standard output has gone, output is dropped. */
export const processIo: Io = {
  out: (text) => {
    if (!stdoutClosed()) process.stdout.write(text);
  },
  err: (text) => void process.stderr.write(text),
};

/** Whether the reader of the process's standard output has gone: what {@link processIo} drops. */
export function stdoutClosed(): boolean {
  return closed || process.stdout.destroyed;
}

/**
 * Keeps the process quiet when the reader of its standard output goes away (`… | head -1`): the
 * EPIPE that follows is not an error of the command, so later output is dropped instead of ending
 * in Node's unhandled-error stack trace. Other stream errors are rethrown.
 */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
}
