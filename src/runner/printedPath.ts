/**
 * The path a run prints beside a counterexample's seed, and `run --seed S --path P` takes back:
 * fast-check's counterexample path (`12:0:3`), then, when shrinking needed one, `@` and the
 * commands' replay path (which of the shrunk commands ran; `fc.commands`' `replayPath`). fast-check
 * replays a shrunk command sequence only with both.
 */

/** Between fast-check's path and the commands' replay path in a printed path. */
const SEPARATOR = '@';

/** What `--path` accepts: a path as {@link printedPath} writes it. */
export const PRINTED_PATH_PATTERN = /^\d{1,9}(?::\d{1,9})*(?:@[A-Za-z0-9+/]*:[A-Za-z0-9+/]*)?$/;

/** The replay path fast-check writes into a command sequence's text (`/*replayPath="…"*\/`). */
const REPLAY_PATH_IN_TEXT = /\/\*replayPath="([A-Za-z0-9+/:]*)"\*\//;

/**
 * The printed path of a counterexample: fast-check's `path`, and the replay path `commands` (the
 * failing command sequence, as fast-check hands it back) carries, when it carries one.
 */
export function printedPath(path: string, commands: unknown): string {
  const replay = REPLAY_PATH_IN_TEXT.exec(String(commands))?.[1] ?? '';
  return replay === '' || replay === ':' ? path : `${path}${SEPARATOR}${replay}`;
}

/** fast-check's path and the commands' replay path (when any) of a printed path. */
export function splitPrintedPath(printed: string): { path: string; replayPath?: string } {
  const at = printed.indexOf(SEPARATOR);
  return at < 0
    ? { path: printed }
    : { path: printed.slice(0, at), replayPath: printed.slice(at + SEPARATOR.length) };
}
