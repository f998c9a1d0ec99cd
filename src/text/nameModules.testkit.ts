import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes into `dir` a preload (`node --import <it>`) whose module hook names on stderr every module
 * the process resolves, one line each: `<prefix> <url>`. Returns the preload's path.
 */
export async function moduleNamingPreload(dir: string, prefix: string): Promise<string> {
  const hooks = join(dir, 'name-modules-hooks.mjs');
  await writeFile(
    hooks,
    `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write(${JSON.stringify(`${prefix} `)} + resolved.url + '\\n');
  return resolved;
}
`,
  );
  const preload = join(dir, 'name-modules-preload.mjs');
  await writeFile(
    preload,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return preload;
}
