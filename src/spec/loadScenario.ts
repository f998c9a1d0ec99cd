import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ScenarioError } from '../errors/HarnessError.ts';
import { cachedParse, textHash } from './parseCache.ts';
import type { Scenario } from './Scenario.ts';

/** Whether a cached value is a scenario read from `absolute`. */
function isScenarioAt(absolute: string): (value: unknown) => value is Scenario {
  return (value): value is Scenario => {
    const scenario = value as Partial<Scenario> | undefined;
    return (
      typeof scenario === 'object' &&
      scenario.file === absolute &&
      typeof scenario.target === 'object'
    );
  };
}

/**
 * Reads and parses a scenario file; an unreadable file is a ScenarioError (`file-unreadable`). A
 * scenario read before (the same text at the same absolute path: its `spec` and `out` are resolved
 * from there) comes from the parse cache (`parseCache.ts`), without loading the YAML library.
 */
export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new ScenarioError([
      {
        code: 'file-unreadable',
        file,
        line: 1,
        column: 1,
        message: `cannot read the scenario: ${reason}.`,
        hint: 'Check the path.',
      },
    ]);
  }
  const absolute = resolve(file);
  return cachedParse(
    'scenario',
    [textHash(text), absolute],
    async () => (await import('./parseScenario.ts')).parseScenario(text, file),
    isScenarioAt(absolute),
  );
}
