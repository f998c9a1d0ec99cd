import type { Divergence, RuleCoverage, RunRecord } from '../runner/RunRecord.ts';
import { CATEGORY_TITLES } from '../monitor/Verdict.ts';
import { formatSeconds } from './format.ts';
import { describeFailure } from './junitFailure.ts';
import { HARNESS_SUITE, harnessCases } from './junitHarness.ts';
import { ruleOutcome } from './ruleOutcome.ts';
import type { ReportContext, Reporter } from './Reporter.ts';
import { writeReportFile } from './writeReportFile.ts';
import { escapeXmlText, xmlAttrs } from './xml.ts';

/** The file the `junit` reporter writes into the output directory. */
export const JUNIT_REPORT_FILE = 'junit.xml';

/** Name of the suite that holds the spec's transitions. */
export const TRANSITIONS_SUITE = 'transitions';

/**
 * The `junit` reporter: `<outDir>/junit.xml` with one `<testsuite>` per operation (and one for the
 * transitions) and one `<testcase>` per spec rule or transition, so CI dashboards list the
 * documented rules: passed when exercised and never violated, `<failure>` when violated,
 * `<skipped>` when never exercised (or violated only by known, baselined divergences); each testcase
 * carries its rule's evidence kind as an `evidence` property. A run with a
 * `--min-coverage` gate adds a `harness` suite whose `coverage-gate` testcase fails with the gate.
 *
 * @internal Exported for tests only.
 */
export class JunitReporter implements Reporter {
  readonly name = 'junit';
  readonly file = JUNIT_REPORT_FILE;

  /** Writes `junit.xml`. */
  async finish(record: RunRecord, ctx: ReportContext): Promise<void> {
    await writeReportFile(ctx.outDir, JUNIT_REPORT_FILE, renderJunit(record));
  }
}

/** Registry factory for `junit`. */
export function createJunitReporter(): Reporter {
  return new JunitReporter();
}

type CaseResult = 'passed' | 'failed' | 'skipped' | 'error';

interface Case {
  readonly result: CaseResult;
  readonly xml: string;
}

/**
 * The JUnit XML text of a record. The record has no per-rule time, so testcases and suites carry
 * `time="0.000"` and only `<testsuites>` carries the run's duration.
 *
 * @internal Exported for tests only.
 */
export function renderJunit(record: RunRecord): string {
  const suites = new Map<string, Case[]>();
  for (const c of record.coverage) {
    const suite = c.kind === 'transition' ? TRANSITIONS_SUITE : c.group;
    suites.set(suite, [...(suites.get(suite) ?? []), renderCase(c, record.divergences)]);
  }
  const harness = harnessCases(record);
  if (harness.length > 0) suites.set(HARNESS_SUITE, harness);
  const properties = renderProperties(record);
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const body: string[] = [];
  for (const [suite, cases] of suites) {
    const f = cases.filter((c) => c.result === 'failed').length;
    const s = cases.filter((c) => c.result === 'skipped').length;
    const e = cases.filter((c) => c.result === 'error').length;
    tests += cases.length;
    failures += f;
    errors += e;
    skipped += s;
    const attrs = xmlAttrs({
      name: suite,
      tests: cases.length,
      failures: f,
      errors: e,
      skipped: s,
      time: formatSeconds(0),
      timestamp: record.startedAt,
    });
    body.push(`  <testsuite${attrs}>`, properties, ...cases.map((c) => c.xml), '  </testsuite>');
  }
  const rootAttrs = xmlAttrs({
    name: `${record.tool.name}: ${record.scenario.name}`,
    tests,
    failures,
    errors,
    skipped,
    time: formatSeconds(record.durationMs),
    timestamp: record.startedAt,
  });
  const root =
    body.length === 0
      ? [`<testsuites${rootAttrs}/>`]
      : [`<testsuites${rootAttrs}>`, ...body, '</testsuites>'];
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...root, ''].join('\n');
}

function renderProperties(record: RunRecord): string {
  const props: [string, string | undefined][] = [
    ['scenario', record.scenario.file],
    ['spec', record.spec.file],
    ['spec.hash', record.spec.hash],
    ['reading', record.reading],
    ['strictness', record.strictness],
    ['target', record.target.name],
    ['mutants', record.target.mutants.join(',')],
    ['endpoint', record.target.endpoint],
    ['seed', String(record.seed)],
    ['verdict', record.verdict],
  ];
  const lines = props
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([name, value]) => `      <property${xmlAttrs({ name, value })}/>`);
  return ['    <properties>', ...lines, '    </properties>'].join('\n');
}

function renderCase(c: RuleCoverage, divergences: readonly Divergence[]): Case {
  const classname = c.kind === 'transition' ? `${TRANSITIONS_SUITE}.${c.group}` : c.group;
  const open = `    <testcase${xmlAttrs({ classname, name: c.id, time: formatSeconds(0) })}`;
  // pytest's placement: the testcase's properties first, then its result and output.
  const props = caseProperties(c);
  const out = systemOut(c);
  const outcome = ruleOutcome(c, divergences);
  switch (outcome.kind) {
    case 'violated': {
      const failure = describeFailure(outcome.divergences) ?? {
        message: `violated ${c.violated} time${c.violated === 1 ? '' : 's'}`,
        type: 'divergence',
        body: 'The run record has no divergence detail for this rule.',
      };
      const attrs = xmlAttrs({ message: failure.message, type: failure.type });
      const xml = `${open}>\n${props}      <failure${attrs}>${escapeXmlText(failure.body)}</failure>\n${out}    </testcase>`;
      return { result: 'failed', xml };
    }
    case 'known':
    case 'unexercised': {
      const message =
        outcome.kind === 'known'
          ? `known divergence (baselined): ${outcome.divergences.map((d) => CATEGORY_TITLES[d.category]).join(', ')}`
          : 'never exercised';
      const xml = `${open}>\n${props}      <skipped${xmlAttrs({ message })}/>\n${out}    </testcase>`;
      return { result: 'skipped', xml };
    }
    case 'passed':
      return {
        result: 'passed',
        xml: props + out === '' ? `${open}/>` : `${open}>\n${props}${out}    </testcase>`,
      };
  }
}

/** The rule's evidence kind (documented, recorded or inferred) as a testcase property. */
function caseProperties(c: RuleCoverage): string {
  if (c.evidence === undefined) return '';
  const property = `<property${xmlAttrs({ name: 'evidence', value: c.evidence })}/>`;
  return `      <properties>\n        ${property}\n      </properties>\n`;
}

function systemOut(c: RuleCoverage): string {
  if (c.unspecified === 0) return '';
  const text = `${c.unspecified} observation${c.unspecified === 1 ? '' : 's'} the documents leave open (recorded as information)`;
  return `      <system-out>${escapeXmlText(text)}</system-out>\n`;
}
