import type { Issue } from '../errors/HarnessError.ts';
import type { IssueCode } from '../errors/issueCodes.ts';
import type { YPos } from './YNode.ts';

/**
 * Collects located issues while a spec or scenario is read, so that every problem is reported at
 * once. Readers report and carry on with what they could read; they never throw.
 */
export class IssueSink {
  private readonly found: Issue[] = [];

  /** @param file the file as the user named it; every issue carries it. */
  constructor(readonly file: string) {}

  /** Records an issue at `at`. `message` names the bad input; `hint` says how to fix it. */
  report(code: IssueCode, at: YPos, message: string, hint?: string): void {
    const issue: Issue = { code, file: this.file, line: at.line, column: at.column, message };
    this.found.push(hint === undefined ? issue : { ...issue, hint });
  }

  /** Adds issues found elsewhere (YAML syntax, quote verification). */
  addAll(issues: readonly Issue[]): void {
    this.found.push(...issues);
  }

  /** How many issues so far: a reader compares counts to know whether its part read cleanly. */
  get count(): number {
    return this.found.length;
  }

  /** Every issue, sorted by position (then in the order found). */
  get issues(): readonly Issue[] {
    return [...this.found].sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
