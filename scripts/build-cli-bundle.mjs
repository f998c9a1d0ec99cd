#!/usr/bin/env node
// The second half of `npm run build` (after `tsc -p tsconfig.build.json` wrote dist/):
//
// 1. dist/cli-bundle/: the CLI (dist/cli/main.js and everything it imports, fast-check, yaml,
//    fflate and zod included) bundled by esbuild into a few ES modules, split where the CLI imports
//    lazily (a command, a reporter, a target). A process then loads about 40 files instead of about
//    170, which is most of what a one-run command spent above a bare `node`. The installed bin runs
//    it for every command but `run` (3.); the library entry points (dist/api/, dist/vitest/) stay
//    as tsc wrote them, with their types. The AWS SDK stays outside (loaded from node_modules, and
//    only for the aws target).
// 2. dist/code-digests.json: the digest of each folder's modules that the parse cache keys its
//    entries by (src/spec/parseCache.ts), worked out once here rather than in every process (reading
//    and hashing ~150 files took ~10 ms a process), and the same for the bundle, whose chunks are not
//    laid out in those folders.
// 3. dist/cli-run/main.cjs: the CLI for `run`, one script the bin compiles with V8's code cache
//    (below).
//
// The bundle's chunks sit two folders below the package root, as dist/<folder>/ modules do, so the
// paths they find from `import.meta.url` (package.json, dist/code-digests.json) are the same.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

// The top-level usage, as `main` prints it, for the bin to answer `--help` without loading the CLI.
{
  const { mainHelp } = await import(pathToFileURL(join(DIST, 'cli', 'helpText.js')).href);
  const { COMMANDS } = await import(pathToFileURL(join(DIST, 'cli', 'commands.js')).href);
  writeFileSync(join(OUT, 'help.txt'), `${mainHelp(COMMANDS)}\n`);
}

// 3. dist/cli-run/main.cjs: the same CLI for `lambda-conformance run` alone, which the bin loads for
//    that command through src/cli/runScript.ts: one CommonJS script (not split: a process loads it
//    whole), compiled through `node:vm` with V8's code cache, which Node 20 offers no module (see
//    runScript.ts). Its entry (src/cli/runBundleEntry.ts) is the CLI's main; the other commands are
//    left out. The lazy imports stay lazy (esbuild runs such a module's body when it is first
//    imported), and with a code cache the engine neither parses nor compiles what a run does not
//    call; the AWS SDK stays outside, required from node_modules by the aws target only. Its first
//    line names its build (a digest of the rest), which keys the code cache.
const RUN_OUT = join(DIST, 'cli-run');
// esbuild's filters are Go regular expressions (no lookahead): the run command is let through below.
const A_COMMAND = /^\.\/[A-Za-z]+Command\.js$/;
const ONLY_RUN =
  'lambda-conformance: dist/cli-run/ runs the run command only; the bin loads dist/cli-bundle/ for the others.';
rmSync(RUN_OUT, { recursive: true, force: true });
const runBundle = await build({
  entryPoints: [join(DIST, 'cli', 'runBundleEntry.js')],
  write: false,
  outfile: join(RUN_OUT, 'main.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The YAML library (a fifth of the script) only parses a spec or scenario the parse cache does
  // not hold: required from node_modules then, it leaves a run's script and code cache smaller.
  external: ['@aws-sdk/*', 'vitest', 'vitest/*', 'yaml'],
  legalComments: 'eof',
  minifyWhitespace: true,
  minifySyntax: true,
  // runScript.ts passes the bundle's own file URL under this name.
  define: { 'import.meta.url': '__lcImportMetaUrl' },
  // A lazy import of a bundled module runs its body in place; of the AWS SDK, a require.
  supported: { 'dynamic-import': false },
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
mkdirSync(RUN_OUT, { recursive: true });
{
  const [bundle] = runBundle.outputFiles;
  const build = createHash('sha256').update(bundle.contents).digest('hex').slice(0, 32);
  writeFileSync(
    join(RUN_OUT, 'main.cjs'),
    `// lambda-conformance run bundle ${build}\n${bundle.text}`,
  );
}

// The banner is needed only where a chunk names `require` (esbuild's `__require` shim, in the chunk
// that defines it): the others drop it, and a process then builds one or two `require` functions
// instead of one per chunk it loads (~25 on a one run).
for (const file of readdirSync(OUT).map((n) => join(OUT, n))) {
  if (!file.endsWith('.js')) continue;
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(REQUIRE_BANNER)) continue;
  const body = text.slice(REQUIRE_BANNER.length);
  if (!/(?<![\w$.])require(?![\w$])/.test(body)) writeFileSync(file, body.replace(/^\n/, ''));
}
// Every module the bin loads is ASCII: a source with one other character is decoded as UTF-8 and held
// as a two-byte string, twice the text for the engine to scan (a regular expression's `✗` once cost
// a memory run ~5 ms of decoding alone). esbuild escapes strings itself, not regular expressions: write
// those characters as \u escapes in src/.
for (const dir of [OUT, RUN_OUT]) {
  for (const name of readdirSync(dir).filter((n) => /\.c?js$/.test(n))) {
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
