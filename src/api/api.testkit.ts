import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tempDir as madeTempDir } from '../text/tempDir.testkit.ts';

/** @internal The shipped spec, absolute, so a scenario written anywhere can name it. */
export const SHIPPED_SPEC = resolve('spec/lambda-lifecycle.yaml');

/** @internal A fresh temporary directory, removed when the test file's tests have ended. */
export function tempDir(prefix = 'lc-api-'): Promise<string> {
  return madeTempDir(prefix);
}

/**
 * @internal Writes a small memory-target scenario into `dir` (`out: ./out`, every reporter listed,
 * 60 runs, a fixed seed) with `extra` YAML lines appended, and returns its path.
 */
export async function writeScenario(dir: string, extra: readonly string[] = []): Promise<string> {
  const file = join(dir, 'scenario.yaml');
  const lines = [
    'name: api-test',
    `spec: ${JSON.stringify(SHIPPED_SPEC)}`,
    'target: { name: memory }',
    'runs: 60',
    'seed: 20261123',
    'functions: 1',
    'reporters: [console, json, junit, markdown]',
    'out: ./out',
    ...extra,
  ];
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
  return file;
}
