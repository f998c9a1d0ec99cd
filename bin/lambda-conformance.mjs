#!/usr/bin/env node
// Entry point. In a checkout of the repository (src/ beside bin/) it runs the TypeScript sources
// through tsx's loader, so `npm start` and `npx lambda-conformance` there never run a stale build;
// in the published package (whose `files` ship dist/ and no src/) it runs the JavaScript that
// `prepack` compiled from those same sources: the CLI bundled into a few modules
// (dist/cli-bundle/, and dist/cli-run/ for `run`; scripts/build-cli-bundle.mjs), which start faster
// than the ~170 of dist/cli/.
import { existsSync } from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The CLI's `main`, from the sources when this is a checkout, else from dist/. */
async function loadMain() {
  const sources = new URL('../src/cli/main.ts', import.meta.url);
  if (!existsSync(sources)) {
    // `run` has a bundle of its own (scripts/build-cli-bundle.mjs): a memory run loads one module.
    const bundle = process.argv[2] === 'run' ? 'cli-run' : 'cli-bundle';
    const bundled = new URL(`../dist/${bundle}/main.js`, import.meta.url);
    if (existsSync(bundled)) return (await import(bundled.href)).main;
    return (await import('../dist/cli/main.js')).main;
  }
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    return undefined;
  }
  tsx.register();
  return (await import(sources.href)).main;
}

const main = await loadMain();
if (main === undefined) {
  console.error(
    'lambda-conformance: a source checkout runs through tsx, a dev dependency: run `npm ci` first.',
  );
  process.exitCode = 2;
} else {
  process.exitCode = await main(process.argv.slice(2));
}
