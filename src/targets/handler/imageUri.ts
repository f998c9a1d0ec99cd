import { assertCodeRevision } from './buildHandlerZip.ts';

/**
 * The repository {@link imageUriFor} uses when none is given: never pulled by the simulation.
 *
 * @internal Exported for tests only.
 */
export const DEFAULT_IMAGE_REPOSITORY = 'conformance.local/handler';

// The tag is `c<N>`; the repository part may itself contain a registry port (`host:5000/repo`),
// so only the last `:` after the last `/` separates the tag.
const TAG = /^c(0|[1-9][0-9]*)$/;

/**
 * The image URI of code revision `code`: `<repo>:c<code>`, e.g. `conformance.local/handler:c3`.
 * An image built for the real-AWS target tags the same handler this way, so the tag alone tells
 * which revision an image function runs.
 */
export function imageUriFor(code: number, repo: string = DEFAULT_IMAGE_REPOSITORY): string {
  assertCodeRevision(code);
  return `${repo}:c${String(code)}`;
}

/**
 * The code revision an image URI from {@link imageUriFor} encodes, or `undefined` when the URI has
 * no `:c<N>` tag (a digest reference, another tag, no tag at all).
 */
export function codeFromImageUri(uri: string): number | undefined {
  const slash = uri.lastIndexOf('/');
  const colon = uri.lastIndexOf(':');
  if (colon <= slash || uri.includes('@')) return undefined;
  const match = TAG.exec(uri.slice(colon + 1));
  if (match?.[1] === undefined) return undefined;
  const code = Number(match[1]);
  return Number.isSafeInteger(code) ? code : undefined;
}
