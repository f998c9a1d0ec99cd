import { escapeInvisible, excerpt } from './excerpt.ts';
import type { HarnessErrorCode } from './harnessErrorCodes.ts';
import type { IssueCode } from './issueCodes.ts';

/**
 * The one error type the harness throws on purpose. `code` is stable (tests and the CLI match on it;
 * `HARNESS_ERROR_CODES` lists them all), `message` names the bad input and how to fix it, `cause`
 * keeps the underlying error. The CLI prints `message` and exits 2; it never prints a stack trace
 * for a HarnessError.
 */
export class HarnessError extends Error {
  override readonly name: string = 'HarnessError';
  readonly code: HarnessErrorCode;

  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** One located problem in a YAML input (spec or scenario). Lines and columns are 1-based. */
export interface Issue {
  /** One of `ISSUE_CODES`. */
  readonly code: IssueCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string;
}

// A message or hint longer than this was built around a huge echoed value: it is cut.
const MAX_ISSUE_TEXT = 1000;
// An InputError's message lists this many issues at most; `issues` keeps them all.
const MAX_LISTED_ISSUES = 100;

/**
 * Formats an issue as `file:line:col: message hint`, the form editors and CI annotate: always one
 * line, invisible characters escaped, an overlong message or hint cut (see `excerpt`).
 */
export function formatIssue(issue: Issue): string {
  const hint = issue.hint === undefined ? '' : ` ${excerpt(issue.hint, MAX_ISSUE_TEXT)}`;
  const message = excerpt(issue.message, MAX_ISSUE_TEXT);
  return `${escapeInvisible(issue.file)}:${issue.line}:${issue.column}: ${message}${hint}`;
}

function listIssues(issues: readonly Issue[]): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map(formatIssue);
  const more = issues.length - MAX_LISTED_ISSUES;
  return more > 0 ? [...lines, `… and ${more} more issues`].join('\n') : lines.join('\n');
}

/** A spec or scenario that failed to load: carries every issue found, not just the first. */
export class InputError extends HarnessError {
  override readonly name: string = 'InputError';
  readonly issues: readonly Issue[];

  constructor(code: HarnessErrorCode, issues: readonly Issue[]) {
    super(code, listIssues(issues));
    this.issues = issues;
  }
}

/** A spec that failed to load or validate. */
export class SpecError extends InputError {
  override readonly name: string = 'SpecError';
  constructor(issues: readonly Issue[]) {
    super('SPEC_INVALID', issues);
  }
}

/** A scenario file that failed to load or validate. */
export class ScenarioError extends InputError {
  override readonly name: string = 'ScenarioError';
  constructor(issues: readonly Issue[]) {
    super('SCENARIO_INVALID', issues);
  }
}
