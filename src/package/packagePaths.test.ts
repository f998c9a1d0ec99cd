import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/HarnessError.ts';
import { findPackageRoot, packagePaths, packagePathsAt } from './packagePaths.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(resolve(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(value));
}

describe('packagePaths', () => {
  it('finds this checkout from the sources, whatever the working directory', () => {
    const paths = packagePaths();
    expect(paths.root).toBe(resolve(import.meta.dirname, '../..'));
    for (const file of [paths.spec, paths.specSchema, paths.scenarioSchema]) {
      expect(existsSync(file), file).toBe(true);
    }
    expect(existsSync(join(paths.scenarios, 'default.yaml'))).toBe(true);
  });

  it('finds an installed copy from its dist/ inside node_modules, past other package.json files', async () => {
    const consumer = await tempDir('lc-paths-');
    const root = join(consumer, 'node_modules', 'lambda-conformance');
    await writeJson(join(consumer, 'package.json'), { name: 'my-emulator' });
    await writeJson(join(root, 'package.json'), { name: 'lambda-conformance', version: '1.0.0' });
    // A nameless package.json (as some builds write into dist/) is not the package root.
    await writeJson(join(root, 'dist', 'package.json'), { type: 'module' });
    const module = join(root, 'dist', 'package', 'packagePaths.js');

    expect(findPackageRoot(pathToFileURL(module))).toBe(root);
    expect(findPackageRoot(pathToFileURL(module).href)).toBe(root);
    expect(findPackageRoot(module)).toBe(root);
    expect(packagePathsAt(root).spec).toBe(join(root, 'spec', 'lambda-lifecycle.yaml'));
  });

  it('says which file it started from when no enclosing directory is the package', async () => {
    const elsewhere = await tempDir('lc-paths-');
    await writeJson(join(elsewhere, 'package.json'), { name: 'lambda-conformance-fork' });
    const module = join(elsewhere, 'dist', 'x.js');

    const error: unknown = (() => {
      try {
        return findPackageRoot(module);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('PACKAGE_ROOT_NOT_FOUND');
    expect((error as HarnessError).message).toContain(module);
  });
});
