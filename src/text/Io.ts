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

/** The process's own streams. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
