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
