/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The candidate closest to `wrong`, when it is close enough to be a plausible typo (at most a third
 * of the word's length, and at least 2 edits allowed); undefined otherwise.
 */
export function closest(wrong: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const allowed = Math.max(2, Math.floor(wrong.length / 3));
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what cannot be close (and never
    // compare a megabyte of input letter by letter).
    if (Math.abs(wrong.length - candidate.length) > allowed) continue;
    const d = distance(wrong, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/**
 * The hint for an unknown name: `Did you mean 'Active'?` when one candidate is close, otherwise the
 * list of what is allowed (`Expected one of: Pending, Active.`), or undefined when nothing is.
 */
export function didYouMean(wrong: string, candidates: Iterable<string>): string | undefined {
  const all = [...candidates];
  const match = closest(wrong, all);
  if (match !== undefined) return `Did you mean '${match}'?`;
  if (all.length === 0) return undefined;
  const shown = all.length > 12 ? [...all.slice(0, 12), '…'] : all;
  return `Expected one of: ${shown.join(', ')}.`;
}
