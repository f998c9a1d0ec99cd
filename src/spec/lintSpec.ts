import type { Issue } from '../errors/HarnessError.ts';
import { formatIssue, SpecError } from '../errors/HarnessError.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { EVENT_NAMES, isEventName } from '../lambda/catalogue.ts';
import { analyzeSpec } from './analyzeSpec.ts';
import { checkEvidence } from './checkEvidence.ts';
import type { LintFacts } from './analyzeSpec.ts';
import { readSpecText } from './loadSpec.ts';
import { verifyQuotes } from './verifyQuotes.ts';

/** What the CLI commands write to; injected so tests capture output and files never get ANSI codes. */
export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

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

/**
 * `lambda-conformance lint <spec>...`: prints every issue one per line (`file:line:col: message
 * hint`) and returns the exit code, 0 when every spec is clean, 2 otherwise.
 */
export async function runLint(args: readonly string[], io: CommandIo): Promise<number> {
  const files = args.filter((a) => !a.startsWith('-'));
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--help' && a !== '-h');
  if (files.length === 0 || unknown.length > 0 || args.includes('--help') || args.includes('-h')) {
    const problem = unknown.length > 0 ? `unknown option ${unknown.join(' ')}; ` : '';
    io.err(`lint: ${problem}usage: lambda-conformance lint <spec.yaml>...`);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const issues = await lintSpec(file);
    for (const issue of issues) io.out(formatIssue(issue));
    if (issues.length === 0) io.out(`${file}: no issues`);
    failed ||= issues.length > 0;
  }
  return failed ? 2 : 0;
}
