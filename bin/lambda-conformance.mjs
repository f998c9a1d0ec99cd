#!/usr/bin/env node
// Entry point. In a checkout of the repository (src/ beside bin/) it runs the TypeScript sources
// through tsx's loader, so `npm start` and `npx lambda-conformance` there never run a stale build;
// in the published package (whose `files` ship dist/ and no src/) it runs the JavaScript that
// `prepack` compiled from those same sources (scripts/build-cli-bundle.mjs): `run` from one script
// compiled with V8's code cache (dist/cli-run/main.cjs, through dist/cli/runScript.js), every other
// command from the CLI bundled into a few modules (dist/cli-bundle/), which start faster than the
// ~170 of dist/cli/, and the top-level usage from the text the build wrote (dist/cli-bundle/help.txt).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const sources = new URL('../src/cli/main.ts', import.meta.url);

/**
 * The usage `main` prints for no command, `--help`, `-h` or `help`, as the build wrote it
 * (dist/cli-bundle/help.txt), so that asking for it loads nothing else; undefined in a checkout
 * or without the file.
 */
function builtUsage() {
  const first = process.argv[2];
  if (first !== undefined && first !== '--help' && first !== '-h' && first !== 'help') return;
  if (existsSync(sources)) return undefined;
  try {
    return readFileSync(new URL('../dist/cli-bundle/help.txt', import.meta.url));
  } catch {
    return undefined;
  }
}

/**
 * The CLI's `main`, from the sources when this is a checkout, else from dist/; with what to do once
 * it has run (store the run script's compiled code).
 */
async function loadMain() {
  if (!existsSync(sources)) {
    const script = new URL('../dist/cli-run/main.cjs', import.meta.url);
    if (process.argv[2] === 'run' && existsSync(script)) {
      const { loadRunScript } = await import('../dist/cli/runScript.js');
      const loaded = loadRunScript(fileURLToPath(script));
      return { main: loaded.exports.main, after: loaded.saveCodeCache };
    }
    const bundled = new URL('../dist/cli-bundle/main.js', import.meta.url);
    if (existsSync(bundled)) return { main: (await import(bundled.href)).main };
    return { main: (await import('../dist/cli/main.js')).main };
  }
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    return undefined;
  }
  tsx.register();
  return { main: (await import(sources.href)).main };
}

const usage = builtUsage();
// As main answers: exit 0 when asked for, 2 when no command was given; a reader that closes the
// pipe early (`| head -1`) is no error.
if (usage !== undefined) {
  process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.stdout.write(usage);
  process.exitCode = process.argv[2] === undefined ? 2 : 0;
}
const loaded = usage === undefined ? await loadMain() : { main: undefined };
if (loaded === undefined) {
  console.error(
    'lambda-conformance: a source checkout runs through tsx, a dev dependency: run `npm ci` first.',
  );
  process.exitCode = 2;
} else if (loaded.main !== undefined) {
  process.exitCode = await loaded.main(process.argv.slice(2));
  loaded.after?.();
  // The command is done and nothing is left to run (main keeps no timer or handle): exit now rather
  // than after the engine's background work (compilation, collection), which a process that
  // returns waits for (~5 ms). Not while a write to a pipe is pending: exit would cut it short.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}
