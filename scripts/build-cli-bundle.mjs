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
import { join, relative, resolve } from 'node:path';

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

// 2. dist/cli-run/: the same CLI for `lambda-conformance run` alone, which the bin loads for that
//    command. Its entry (src/cli/runBundleEntry.ts) imports statically what a memory run loads, and
//    the other commands are left out; then everything main.js loads statically is merged into it
//    (mergeStaticClosure below), so a memory run loads one module of ours instead of ~40 (each
//    costs ~0.5 ms of resolving, reading and linking). It is a bundle of its own, not chunks shared
//    with dist/cli-bundle/: a process loads one or the other, so no module's state (an error class,
//    the registry of what may be left behind) exists twice.
const RUN_OUT = join(DIST, 'cli-run');
// esbuild's filters are Go regular expressions (no lookahead): the run command is let through below.
const A_COMMAND = /^\.\/[A-Za-z]+Command\.js$/;
const ONLY_RUN =
  'lambda-conformance: dist/cli-run/ runs the run command only; the bin loads dist/cli-bundle/ for the others.';
rmSync(RUN_OUT, { recursive: true, force: true });
const runBuild = await build({
  entryPoints: { main: join(DIST, 'cli', 'runBundleEntry.js') },
  metafile: true,
  outdir: RUN_OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: ['@aws-sdk/*', 'vitest', 'vitest/*'],
  legalComments: 'eof',
  minifyWhitespace: true,
  minifySyntax: true,
  banner: { js: REQUIRE_BANNER },
  logLevel: 'warning',
  plugins: [
    {
      name: 'only-the-run-command',
      setup(b) {
        // The command table's lazy imports of the other commands: a module that says so if loaded.
        b.onResolve({ filter: A_COMMAND }, (args) =>
          args.kind === 'dynamic-import' &&
          args.path !== './runCommand.js' &&
          args.importer.endsWith(join('cli', 'commands.js'))
            ? { path: args.path, namespace: 'only-run' }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'only-run' }, () => ({
          contents: `throw new Error(${JSON.stringify(ONLY_RUN)});`,
          loader: 'js',
        }));
      },
    },
  ],
});

// The banner is needed only where a chunk names `require` (esbuild's `__require` shim, in the chunk
// that defines it): the others drop it, and a process then builds one or two `require` functions
// instead of one per chunk it loads (~25 on a one run).
for (const file of [OUT, RUN_OUT].flatMap((dir) => readdirSync(dir).map((n) => join(dir, n)))) {
  if (!file.endsWith('.js')) continue;
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(REQUIRE_BANNER)) continue;
  const body = text.slice(REQUIRE_BANNER.length);
  if (!/(?<![\w$.])require(?![\w$])/.test(body)) writeFileSync(file, body.replace(/^\n/, ''));
}

/**
 * Merges every chunk `main.js` of `dir` loads statically into main.js itself, by bundling them again
 * with esbuild (scope hoisting keeps each chunk's names apart and live bindings live). esbuild splits
 * a bundle by which entry points reach a module, so the lazy imports the run path keeps (the aws
 * target, the YAML parser) leave it in ~25 small chunks a memory run loads one by one. A merged
 * chunk that a lazy module still imports becomes a stub re-exporting from main.js, so that module
 * meets the same instances (one HarnessError class, one registry) as the rest of the run.
 */
async function mergeStaticClosure(dir, metafile) {
  const rel = (file) => relative(dir, resolve(ROOT, file)).replaceAll('\\', '/');
  const outputs = new Map(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, meta]) => [rel(file), meta]),
  );
  const chunkImports = (meta, kinds) =>
    meta.imports.filter((i) => !i.external && kinds.includes(i.kind)).map((i) => rel(i.path));
  const merged = new Set(['main.js']);
  for (let size = 0; size !== merged.size;) {
    size = merged.size;
    for (const name of merged) {
      for (const dep of chunkImports(outputs.get(name), ['import-statement'])) merged.add(dep);
    }
    // A lazy import of a module that is merged anyway (the memory target, the run command) points
    // at a facade that only re-exports it: merged too, the import resolves within main.js.
    const sources = new Set([...merged].flatMap((name) => Object.keys(outputs.get(name).inputs)));
    for (const name of merged) {
      for (const dep of chunkImports(outputs.get(name), ['dynamic-import'])) {
        if (sources.has(outputs.get(dep).entryPoint)) merged.add(dep);
      }
    }
  }
  // What modules outside the merged set import from inside it: those files stay, as stubs.
  const kept = new Set();
  for (const [name, meta] of outputs) {
    if (merged.has(name)) continue;
    for (const dep of chunkImports(meta, ['import-statement', 'dynamic-import'])) {
      if (merged.has(dep) && dep !== 'main.js') kept.add(dep);
    }
  }
  const alias = (chunk, name) => `__lc_${chunk.replace(/\W/g, '_')}_${name}`;
  const entry = [`export * from './main.js';`];
  for (const chunk of kept) {
    const names = outputs.get(chunk).exports;
    if (names.length > 0)
      entry.push(
        `export { ${names.map((n) => `${n} as ${alias(chunk, n)}`).join(', ')} } from './${chunk}';`,
      );
  }
  const result = await build({
    stdin: { contents: entry.join('\n'), resolveDir: dir, sourcefile: 'merged-main.js' },
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    legalComments: 'eof',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'outside-the-merge',
        setup(b) {
          b.onResolve({ filter: /^\.\/.*\.js$/ }, (args) =>
            merged.has(rel(join(args.resolveDir, args.path)))
              ? undefined
              : { path: args.path, external: true },
          );
          b.onResolve({ filter: /^[^.]/ }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  const [out] = result.outputFiles;
  for (const chunk of merged) rmSync(join(dir, chunk));
  writeFileSync(join(dir, 'main.js'), out.text);
  for (const chunk of kept) {
    const names = outputs.get(chunk).exports;
    writeFileSync(
      join(dir, chunk),
      `export { ${names.map((n) => `${alias(chunk, n)} as ${n}`).join(', ')} } from './main.js';\n`,
    );
  }
  return { merged: merged.size, kept: kept.size };
}

await mergeStaticClosure(RUN_OUT, runBuild.metafile);

// Every module the bin loads is ASCII: a source with one other character is decoded as UTF-8 and held
// as a two-byte string, twice the text for the engine to scan (a regular expression's `✗` once cost
// a memory run ~5 ms of decoding alone). esbuild escapes strings itself, not regular expressions: write
// those characters as \u escapes in src/.
for (const dir of [OUT, RUN_OUT]) {
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    const at = text.search(/[^\x00-\x7f]/);
    if (at >= 0) {
      console.error(
        `build-cli-bundle: ${join(dir, name)} holds '${text[at]}' at ${at}: …${text.slice(Math.max(0, at - 40), at + 10)}… Write it as a \\u escape in src/.`,
      );
      process.exitCode = 1;
    }
  }
}
