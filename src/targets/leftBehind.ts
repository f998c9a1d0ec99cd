/** What one target may leave on its endpoint if the process stopped now. */
export interface LeftBehind {
  /** The real names of the functions that may still exist. */
  readonly names: readonly string[];
  /** The command that removes them, ready to paste. */
  readonly command: string;
}

/** Says what its target may leave behind right now; undefined when nothing. */
export type LeftBehindSource = () => LeftBehind | undefined;

// The process's targets: a forced exit (a second Ctrl-C) reads them all, whoever opened them.
const sources = new Set<LeftBehindSource>();

/**
 * Registers a target's {@link LeftBehindSource} for as long as the target is open; returns the
 * function that unregisters it (call it when the target is disposed of).
 */
export function trackLeftBehind(source: LeftBehindSource): () => void {
  sources.add(source);
  return () => {
    sources.delete(source);
  };
}

/**
 * What every open target of this process may leave behind if it stopped now: read when a second
 * Ctrl-C ends the process before cleanup has finished, so that the person can remove it.
 */
export function mayBeLeftBehind(): LeftBehind[] {
  const out: LeftBehind[] = [];
  for (const source of sources) {
    const left = source();
    if (left !== undefined && left.names.length > 0) out.push(left);
  }
  return out;
}
