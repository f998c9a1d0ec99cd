import type { IncomingMessage } from 'node:http';

/** A request body as read: its bytes, too large (drained, not kept), or the client went away. */
export type BodyResult =
  | { readonly kind: 'ok'; readonly bytes: Uint8Array }
  | { readonly kind: 'tooLarge'; readonly bytes: number }
  | { readonly kind: 'aborted' };

// A client that keeps sending far beyond the limit is cut off rather than drained forever.
const DRAIN_FACTOR = 4;

/**
 * Reads a request body, keeping at most `maxBytes`. A larger body is drained and dropped, so the
 * 413 answer reaches a client that is still sending; one more than {@link DRAIN_FACTOR} times the
 * limit is cut off. Never rejects.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        chunks.length = 0;
        if (size > maxBytes * DRAIN_FACTOR) {
          finish({ kind: 'tooLarge', bytes: size });
          req.destroy();
        }
      }
    });
    req.on('end', () => {
      finish(
        size > maxBytes
          ? { kind: 'tooLarge', bytes: size }
          : { kind: 'ok', bytes: Buffer.concat(chunks) },
      );
    });
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => finish({ kind: 'aborted' }));
  });
}
