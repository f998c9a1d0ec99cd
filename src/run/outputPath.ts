import { isAbsolute, join, relative } from 'node:path';
import { packagePaths } from '../package/packagePaths.ts';

/** Whether `path` is `dir` or inside it. */
function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where a run writes something a scenario file placed (its reports, its counterexamples): `path`
 * itself, unless it lies inside the installed package (a shipped scenario's `../reports/emulator`,
 * `regressions/`) while the working directory does not. Then it is taken from the working
 * directory instead, the same way down from the package root (`reports/emulator`,
 * `scenarios/regressions`), so a run never writes into `node_modules/`. In a checkout of this
 * repository, run from its root, nothing changes.
 */
export function outputPath(
  path: string,
  root: string = packagePaths().root,
  cwd: string = process.cwd(),
): string {
  if (!within(root, path) || within(root, cwd)) return path;
  return join(cwd, relative(root, path));
}
