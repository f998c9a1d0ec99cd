#!/usr/bin/env node
// The second half of `npm run build` (after `tsc -p tsconfig.build.json` wrote dist/):
//
// 1. dist/cli-bundle/: the CLI (dist/cli/main.js and everything it imports, fast-check, yaml,
//    fflate and zod included) bundled by esbuild into a few ES modules, split where the CLI imports
//    lazily (a command, a reporter, a target). A process then loads about 40 files instead of about
//    170, which is most of what a one-run command spent above a bare `node`. The installed bin runs
//    it; the library entry points (dist/api/, dist/vitest/) stay as tsc wrote them, with their types.
//    The AWS SDK stays outside (loaded from node_modules, and only for the aws target).
// 2. dist/code-digests.json: the digest of each folder's modules that the parse cache keys its
//    entries by (src/spec/parseCache.ts), worked out once here rather than in every process (reading
//    and hashing ~150 files took ~10 ms a process), and the same for the bundle, whose chunks are not
//    laid out in those folders.
//
// The bundle's chunks sit two folders below the package root, as dist/<folder>/ modules do, so the
// paths they find from `import.meta.url` (package.json, dist/code-digests.json) are the same.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'cli-bundle');
const REQUIRE_BANNER =
  "import { createRequire as __lcCreateRequire } from 'node:module'; const require = __lcCreateRequire(import.meta.url);";

const { folderDigestHex, CODE_DIGESTS_FILE } = await import(
  pathToFileURL(join(DIST, 'spec', 'parseCache.js')).href
);
const digests = {};
for (const name of readdirSync(DIST).sort()) {
  if (statSync(join(DIST, name)).isDirectory()) digests[name] = folderDigestHex(name);
}
writeFileSync(join(DIST, CODE_DIGESTS_FILE), `${JSON.stringify(digests, null, 2)}\n`);

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { main: join(DIST, 'cli', 'main.js') },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // Only for the aws target (and never for a memory run or `--help`); vitest is the library's.
  external: ['@aws-sdk/*', 'vitest', 'vitest/*'],
  legalComments: 'eof',
  // Less text for the engine to scan at load (no comments, no indentation): ~10 ms of CPU a run.
  // Names are kept, so messages and stack traces read as in dist/cli/.
  minifyWhitespace: true,
  minifySyntax: true,
  // yaml is CommonJS on Node and requires node builtins: an ES module has no \`require\` of its own.
  banner: { js: REQUIRE_BANNER },
  logLevel: 'warning',
});

// The banner is needed only where a chunk names `require` (esbuild's `__require` shim, in the chunk
// that defines it): the others drop it, and a process then builds one or two `require` functions
// instead of one per chunk it loads (~25 on a one run).
for (const name of readdirSync(OUT)) {
  if (!name.endsWith('.js')) continue;
  const file = join(OUT, name);
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(REQUIRE_BANNER)) continue;
  const body = text.slice(REQUIRE_BANNER.length);
  if (!/(?<![\w$.])require(?![\w$])/.test(body)) writeFileSync(file, body.replace(/^\n/, ''));
}
