import type { BoundOverride } from '../spec/withBounds.ts';
import { formatDuration } from '../text/duration.ts';

/**
 * The time bounds a run shortened, as a deviation from the documented ones:
 * `update-completes 3s instead of the documented 5m`, joined with `; `. `name` formats an id
 * (code spans in Markdown).
 */
export function boundsText(bounds: readonly BoundOverride[], name: (id: string) => string): string {
  return bounds
    .map(
      (b) =>
        `${name(b.transition)} ${formatDuration(b.withinMs)} instead of the documented ${formatDuration(b.documentedMs)}`,
    )
    .join('; ');
}
