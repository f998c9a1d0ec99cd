import { createRequire } from 'node:module';
import type * as Fflate from 'fflate';

let loaded: typeof Fflate | undefined;

/**
 * The fflate library, loaded synchronously on first use (its CommonJS build, through `require`).
 * Loading it builds its Huffman and CRC tables and loads `node:worker_threads`, about a fifth of
 * what a one-run command spent above a bare `node`; the handler zips of the first code revisions
 * are prebuilt (`prebuiltZips.ts`), so most runs never need it.
 */
export function fflate(): typeof Fflate {
  loaded ??= createRequire(import.meta.url)('fflate') as typeof Fflate;
  return loaded;
}
