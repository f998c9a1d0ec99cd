/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), written on standard output
 * where the runner reads them and turns them into annotations.
 */

/** The annotation levels GitHub shows: a failure, a warning, a note. */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** Where an annotation points and what it is called; every part optional. */
export interface AnnotationProperties {
  /** A path relative to the repository root. */
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly title?: string;
}

/** A message as GitHub reads it: `%`, carriage return and newline escaped. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value as GitHub reads it: as {@link escapeData}, and `:` and `,` escaped too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** One annotation command, without its final newline: `::error file=a.yaml,line=3::message`. */
export function annotation(
  level: AnnotationLevel,
  properties: AnnotationProperties,
  message: string,
): string {
  const parts = (['file', 'line', 'col', 'title'] as const)
    .filter((key) => properties[key] !== undefined)
    .map((key) => `${key}=${escapeProperty(String(properties[key]))}`);
  return `::${level}${parts.length > 0 ? ` ${parts.join(',')}` : ''}::${escapeData(message)}`;
}
