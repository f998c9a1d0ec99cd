import { readFile } from 'node:fs/promises';
import { SpecError } from '../errors/HarnessError.ts';
import type { Spec } from './Spec.ts';
import { analyzeSpec } from './analyzeSpec.ts';

/**
 * Parses and validates spec text. `file` is the name issues carry (as the user wrote it). Throws one
 * {@link SpecError} listing every issue, located by line and column; never throws anything else.
 */
export function parseSpec(text: string, file: string): Spec {
  const { spec, issues } = analyzeSpec(text, file);
  if (issues.length > 0) throw new SpecError(issues);
  return spec;
}

/**
 * Reads and validates a spec file (spec/README.md documents the language). A file that cannot be read
 * is a {@link SpecError} with a `file-unreadable` issue, like any other problem with the input.
 */
export async function loadSpec(file: string): Promise<Spec> {
  return parseSpec(await readSpecText(file), file);
}

/** The text of a spec file, or a `file-unreadable` SpecError naming the file and the reason. */
export async function readSpecText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
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
