import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { packagePaths } from '../package/packagePaths.ts';

/** How a recording names the package's own spec, wherever it was made: its last path segments. */
const SHIPPED_SPEC_TAIL = 'spec/lambda-lifecycle.yaml';

/**
 * The spec file a trace or a run record names (`spec.file`, written relative to the working
 * directory it was recorded in), found from this one: the named file when it exists here; else,
 * when it names the package's own spec (`spec/lambda-lifecycle.yaml`,
 * `node_modules/lambda-conformance/spec/lambda-lifecycle.yaml`, from any directory), the installed
 * package's spec, so a recording of the shipped spec is checked from anywhere (a different version
 * of it is then a warning, as for any spec whose hash differs). Otherwise the named path, which
 * `loadSpec` reports as unreadable.
 */
export function recordedSpecFile(
  named: string,
  cwd: string = process.cwd(),
  shipped: string = packagePaths().spec,
): string {
  const here = resolve(cwd, named);
  if (existsSync(here)) return here;
  const path = named.split(sep).join('/');
  return path === SHIPPED_SPEC_TAIL || path.endsWith(`/${SHIPPED_SPEC_TAIL}`) ? shipped : here;
}
