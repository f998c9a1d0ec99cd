import { readFile } from 'node:fs/promises';
import { SpecError } from '../errors/HarnessError.ts';
import { cachedParse, fileTextHash } from './parseCache.ts';
import type { Spec } from './Spec.ts';

/** Whether a cached value is the spec of this text read as this file. */
function isSpecOf(hash: string, file: string): (value: unknown) => value is Spec {
  return (value): value is Spec => {
    const spec = value as Partial<Spec> | undefined;
    return (
      typeof spec === 'object' &&
      spec.hash === hash &&
      spec.file === file &&
      spec.operations instanceof Map
    );
  };
}

/**
 * Reads and validates a spec file (spec/README.md documents the language). A file that cannot be read
 * is a {@link SpecError} with a `file-unreadable` issue, like any other problem with the input.
 * A spec read before (the same text under the same name) comes from the parse cache
 * (`parseCache.ts`); the parser and the YAML library are loaded only when it is parsed.
 */
export async function loadSpec(file: string): Promise<Spec> {
  const bytes = await readSpecBytes(file);
  const hash = fileTextHash(bytes);
  const spec = await cachedParse(
    'spec',
    [hash, file],
    async () => (await import('./parseSpec.ts')).parseSpec(bytes.toString('utf8'), file),
    isSpecOf(hash, file),
  );
  loaded.set(spec, JSON.stringify([hash, file]));
  return spec;
}

/** Each spec {@link loadSpec} gave, with what its value follows from: its text's hash and file. */
const loaded = new WeakMap<Spec, string>();

/**
 * What a spec {@link loadSpec} gave follows from (its text's hash and its file name: with the
 * reading code, its whole value), as a key; undefined for any other spec object, such as one a
 * scenario's `bounds` or a spec mutant derived from it (same hash, other content).
 */
export function loadedKey(spec: Spec): string | undefined {
  return loaded.get(spec);
}

/** The text of a spec file, or a `file-unreadable` SpecError naming the file and the reason. */
export async function readSpecText(file: string): Promise<string> {
  return (await readSpecBytes(file)).toString('utf8');
}

/** The bytes of a spec file, or a `file-unreadable` SpecError naming the file and the reason. */
async function readSpecBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : String((error as Error).message);
    throw new SpecError([
      {
        code: 'file-unreadable',
        file,
        line: 1,
        column: 1,
        message: `cannot read the spec: ${reason}.`,
        hint: 'Check the path.',
      },
    ]);
  }
}
