import type { RunRecord } from '../runner/RunRecord.ts';
import type { Spec } from '../spec/Spec.ts';
import { renderDiagram } from '../spec/renderDiagram.ts';
import { prepareStateEdges } from '../spec/stateEdges.ts';
import { renderMarkdownSummary } from './markdownSummary.ts';
import type { ReportContext, Reporter } from './Reporter.ts';
import { diagramMarks } from './ruleOutcome.ts';
import { appendStepSummary, writeReportFile } from './writeReportFile.ts';

/** The file the `markdown` reporter writes into the output directory. */
export const MARKDOWN_REPORT_FILE = 'summary.md';

/**
 * Draws the spec as a Mermaid `stateDiagram-v2`, marking the given rule and transition ids.
 *
 * @internal Exported for tests only.
 */
export type DiagramRenderer = (
  spec: Spec,
  marks: { violated?: ReadonlySet<string>; unexercised?: ReadonlySet<string> },
) => string;

/**
 * The `markdown` reporter: `<outDir>/summary.md`, and the same text appended to the file named by
 * `GITHUB_STEP_SUMMARY` when that is set (GitHub Actions shows it on the run's page; when it cannot
 * be written, a warning says so on standard error).
 *
 * @internal Exported for tests only.
 */
export class MarkdownReporter implements Reporter {
  readonly name = 'markdown';
  readonly file = MARKDOWN_REPORT_FILE;
  readonly #diagram: DiagramRenderer;

  /** `diagram` defaults to the spec module's `renderDiagram`; tests may inject another. */
  constructor(diagram: DiagramRenderer = renderDiagram) {
    this.#diagram = diagram;
  }

  /**
   * Writes `summary.md` and appends it to `$GITHUB_STEP_SUMMARY` if set. A step summary that
   * cannot be written is a warning on standard error, never a failure: it changes no verdict.
   */
  async finish(record: RunRecord, ctx: ReportContext): Promise<void> {
    await prepareStateEdges(ctx.spec);
    const diagram = this.#diagram(ctx.spec, diagramMarks(record.coverage, record.divergences));
    const text = renderMarkdownSummary(record, ctx.spec, diagram);
    await writeReportFile(ctx.outDir, MARKDOWN_REPORT_FILE, text);
    const stepSummary = ctx.env['GITHUB_STEP_SUMMARY'];
    if (stepSummary !== undefined && stepSummary !== '') {
      try {
        await appendStepSummary(stepSummary, text);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.io.err(`warning: ${message}; the reports in ${ctx.outDir} are complete.\n`);
      }
    }
  }
}

/** Registry factory for `markdown`. */
export function createMarkdownReporter(): Reporter {
  return new MarkdownReporter();
}
