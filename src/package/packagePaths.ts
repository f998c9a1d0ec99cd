import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../errors/HarnessError.ts';

/** The name in this package's package.json: the directory that holds it is the package root. */
export const PACKAGE_NAME = 'lambda-conformance';

/** Where the files this package ships live, as absolute paths. */
export interface PackagePaths {
  /** The package's root: `…/node_modules/lambda-conformance`, or a checkout of its repository. */
  readonly root: string;
  /** The shipped spec, `spec/lambda-lifecycle.yaml`: the default when a scenario names none. */
  readonly spec: string;
  /** The spec language's JSON Schema, `spec/spec.schema.json`. */
  readonly specSchema: string;
  /** The folder of the shipped scenarios (`default.yaml`, `emulator.yaml`, …). */
  readonly scenarios: string;
  /** The scenario files' JSON Schema, `scenarios/scenario.schema.json`. */
  readonly scenarioSchema: string;
}

function packageNameAt(dir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('name' in parsed)) return undefined;
    return typeof parsed.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The root of the lambda-conformance package that holds `from` (a module's `import.meta.url` or a
 * path inside the package): the nearest enclosing directory whose package.json is named
 * {@link PACKAGE_NAME}. Works the same from `src/` (a checkout, run through tsx or vitest), from
 * the compiled `dist/`, and from inside a consumer's `node_modules/`; package.json files of other
 * names on the way (a `dist/package.json`, say) are passed over.
 *
 * @throws HarnessError `PACKAGE_ROOT_NOT_FOUND` when no enclosing directory is the package.
 */
export function findPackageRoot(from: string | URL): string {
  const start = typeof from === 'string' && !from.startsWith('file:') ? from : fileURLToPath(from);
  let dir = dirname(start);
  for (;;) {
    if (packageNameAt(dir) === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new HarnessError(
        'PACKAGE_ROOT_NOT_FOUND',
        `${start}: no enclosing directory has the package.json of '${PACKAGE_NAME}'; its shipped spec and scenarios cannot be found (reinstall the package).`,
      );
    }
    dir = parent;
  }
}

/** The shipped files' paths under the package root `root`. */
export function packagePathsAt(root: string): PackagePaths {
  return {
    root,
    spec: join(root, 'spec', 'lambda-lifecycle.yaml'),
    specSchema: join(root, 'spec', 'spec.schema.json'),
    scenarios: join(root, 'scenarios'),
    scenarioSchema: join(root, 'scenarios', 'scenario.schema.json'),
  };
}

let cached: PackagePaths | undefined;

/**
 * The paths of this package's own shipped files, found from this module's location (so they do not
 * depend on the working directory), looked up once.
 */
export function packagePaths(): PackagePaths {
  cached ??= packagePathsAt(findPackageRoot(import.meta.url));
  return cached;
}
