import { isAbsolute, relative, sep } from 'node:path';
import { CATEGORY_TITLES } from '../monitor/Verdict.ts';
import type { Divergence, RunRecord } from '../runner/RunRecord.ts';
import { citationText } from '../spec/citationText.ts';
import { ruleLocations } from '../spec/ruleLocations.ts';
import type { Location } from '../spec/Spec.ts';
import { stripControlChars } from './format.ts';
import { describeFailure } from './junitFailure.ts';
import type { ReportContext, Reporter } from './Reporter.ts';
import { annotation, type AnnotationProperties } from './workflowCommand.ts';

/** What every annotation title starts with, so they are told apart from other tools' own. */
const TITLE = 'lambda-conformance';

/**
 * A path as annotations name files: relative to the repository root (`GITHUB_WORKSPACE`, else the
 * working directory), with `/` separators.
 */
function repositoryPath(file: string, ctx: ReportContext): string {
  const root = ctx.env['GITHUB_WORKSPACE'] ?? process.cwd();
  const path = isAbsolute(file) ? relative(root, file) : file;
  return path.split(sep).join('/');
}

function at(location: Location | undefined, ctx: ReportContext): AnnotationProperties {
  if (location === undefined) return {};
  return {
    file: repositoryPath(location.file, ctx),
    line: location.line,
    col: location.column,
  };
}

/** What a divergence annotation says: expected and observed, the quote, where to replay it. */
function divergenceMessage(d: Divergence): string {
  const lines = [describeFailure([d])?.message ?? d.ruleId];
  lines.push(`${d.operation}, rule ${d.ruleId}`);
  for (const c of d.cite) {
    lines.push(c.kind === 'document' ? `“${c.quote}” — ${c.source}` : citationText(c));
  }
  lines.push(`Replay: ${d.replayCommand}`);
  if (d.counterexampleFile !== undefined) lines.push(`Counterexample: ${d.counterexampleFile}`);
  return lines.map(stripControlChars).join('\n');
}

/**
 * The `github-actions` reporter: GitHub Actions annotations on standard output, like vitest's
 * reporter of that name. One `::error` per divergence, at the line of the broken rule (or
 * transition) in the spec file; a `::notice` for a divergence a baseline lists; a `::warning` per
 * inconclusive step; an `::error` for a failed coverage gate and for each stale baseline entry (at
 * its line in the baseline file). Writes no file. On by default when `GITHUB_ACTIONS=true`.
 *
 * @internal Exported for tests only.
 */
export class GithubActionsReporter implements Reporter {
  readonly name = 'github-actions';

  /** Prints the annotations. */
  finish(record: RunRecord, ctx: ReportContext): void {
    const lines = annotations(record, ctx);
    if (lines.length > 0) ctx.io.out(`${lines.join('\n')}\n`);
  }
}

/** The annotation commands of a record, in report order. */
function annotations(record: RunRecord, ctx: ReportContext): string[] {
  const locations = ruleLocations(ctx.spec);
  const out: string[] = [];
  for (const d of record.divergences) {
    const where = at(locations.get(d.ruleId), ctx);
    const category = CATEGORY_TITLES[d.category];
    if (d.baselined === true) {
      const title = `${TITLE}: known divergence (baseline) — ${d.ruleId}`;
      out.push(annotation('notice', { ...where, title }, divergenceMessage(d)));
    } else {
      const title = `${TITLE}: ${category} — ${d.ruleId}`;
      out.push(annotation('error', { ...where, title }, divergenceMessage(d)));
    }
  }
  for (const step of record.inconclusive) {
    const message = stripControlChars(`${step.command}: ${step.reason}`);
    out.push(annotation('warning', { title: `${TITLE}: inconclusive` }, message));
  }
  const gate = record.coverageGate;
  if (gate !== undefined && !gate.passed) {
    const message = `${gate.percent}% of the rules and transitions were exercised, below the minimum of ${gate.minPercent}%. Never exercised: ${gate.unexercised.join(', ')}`;
    out.push(annotation('error', { title: `${TITLE}: coverage gate failed` }, message));
  }
  const baseline = record.baseline;
  for (const entry of baseline?.stale ?? []) {
    const where = { file: repositoryPath(baseline?.file ?? '', ctx), line: entry.line };
    const message = `Rule ${entry.rule} no longer diverges on this target: remove the entry.`;
    out.push(annotation('error', { ...where, title: `${TITLE}: stale baseline entry` }, message));
  }
  return out;
}

/** Registry factory for `github-actions`. */
export function createGithubActionsReporter(): Reporter {
  return new GithubActionsReporter();
}
