import type { Issue } from '../errors/HarnessError.ts';
import { SpecError } from '../errors/HarnessError.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { EVENT_NAMES, isEventName } from '../lambda/catalogue.ts';
import { analyzeSpec } from './analyzeSpec.ts';
import { checkEvidence } from './checkEvidence.ts';
import type { LintFacts } from './analyzeSpec.ts';
import { readSpecText } from './loadSpec.ts';
import { verifyQuotes } from './verifyQuotes.ts';

function unsupportedEvents(file: string, facts: LintFacts): Issue[] {
  return [...facts.eventPositions].flatMap(([event, pos]) =>
    isEventName(event)
      ? []
      : [
          {
            code: 'unsupported-event',
            file,
            line: pos.line,
            column: pos.column,
            message: `events: no target can inject '${event}'.`,
            hint: didYouMean(event, EVENT_NAMES) ?? `Known events: ${EVENT_NAMES.join(', ')}.`,
          },
        ],
  );
}

/**
 * Every issue of a spec file: what `loadSpec` would reject, plus the linter's own checks (quotes
 * verified against the sources' local copies, events no target can inject, and the evidence checks
 * of `checkEvidence`: evidence kinds, primary citations, complete sources). `[]` when clean. An
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
  const { spec, issues, lint } = analyzeSpec(text, file);
  // The evidence checks need the whole spec: after a load error they would only add noise.
  const evidence = issues.length === 0 ? checkEvidence(spec, lint) : [];
  const extra = [
    ...(await verifyQuotes(file, lint)),
    ...unsupportedEvents(file, lint),
    ...evidence,
  ];
  return [...issues, ...extra].sort((a, b) => a.line - b.line || a.column - b.column);
}
