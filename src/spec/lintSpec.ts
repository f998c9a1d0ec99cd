import type { Issue } from '../errors/HarnessError.ts';
import { SpecError } from '../errors/HarnessError.ts';
import { analyzeSpec } from './analyzeSpec.ts';
import type { LintFacts } from './analyzeSpec.ts';
import { didYouMean } from './didYouMean.ts';
import { readSpecText } from './loadSpec.ts';
import { KNOWN_EVENTS } from './readFields.ts';
import { verifyQuotes } from './verifyQuotes.ts';

function unsupportedEvents(file: string, facts: LintFacts): Issue[] {
  return [...facts.eventPositions].flatMap(([event, pos]) =>
    KNOWN_EVENTS.includes(event)
      ? []
      : [
          {
            code: 'unsupported-event',
            file,
            line: pos.line,
            column: pos.column,
            message: `events: no target can inject '${event}'.`,
            hint: didYouMean(event, KNOWN_EVENTS) ?? `Known events: ${KNOWN_EVENTS.join(', ')}.`,
          },
        ],
  );
}

/**
 * Every issue of a spec file: what `loadSpec` would reject, plus the linter's own checks (quotes
 * verified against the sources' local copies, events no target can inject). `[]` when clean. An
 * unreadable file is one `file-unreadable` issue; never throws for a bad spec.
 */
export async function lintSpec(file: string): Promise<readonly Issue[]> {
  let text: string;
  try {
    text = await readSpecText(file);
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  const { issues, lint } = analyzeSpec(text, file);
  const extra = [...(await verifyQuotes(file, lint)), ...unsupportedEvents(file, lint)];
  return [...issues, ...extra].sort((a, b) => a.line - b.line || a.column - b.column);
}
