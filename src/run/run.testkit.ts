import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tempDir as madeTempDir } from '../text/tempDir.testkit.ts';

/** @internal A fresh temporary directory, removed when the test file's tests have ended. */
export function tempDir(prefix = 'lc-run-'): Promise<string> {
  return madeTempDir(prefix);
}

/**
 * @internal Writes a small memory-target scenario into `dir` (the shipped spec, 40 runs, a fixed
 * seed, one function, the json reporter into `./out`) with `extra` YAML lines appended.
 */
export async function writeScenario(dir: string, extra: readonly string[] = []): Promise<string> {
  const file = join(dir, 'scenario.yaml');
  const lines = [
    'name: run-test',
    `spec: ${JSON.stringify(resolve('spec/lambda-lifecycle.yaml'))}`,
    'target: { name: memory }',
    'runs: 40',
    'seed: 7',
    'functions: 1',
    'reporters: [json]',
    'out: ./out',
    ...extra,
  ];
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
  return file;
}
