import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folders {@link tempDir} made in this test file, removed when its tests have ended. */
const made: string[] = [];

/**
 * @internal A fresh temporary directory named `<prefix><random>`, removed with everything in it
 * once the test file's tests have ended (`removeTempDirs.setup.testkit.ts`, a vitest setup file).
 */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** @internal Removes every folder {@link tempDir} made so far; one already gone is no error. */
export async function removeTempDirs(): Promise<void> {
  const dirs = made.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
}
