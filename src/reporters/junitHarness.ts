import type { RunRecord } from '../runner/RunRecord.ts';
import { coverageGateText } from './coverageGateText.ts';
import { inconclusiveCause } from './inconclusiveCause.ts';
import { formatSeconds } from './format.ts';
import { escapeXmlText, xmlAttrs } from './xml.ts';

/** Name of the suite that holds checks of the run as a whole (not of one spec rule). */
export const HARNESS_SUITE = 'harness';

/** Name of the testcase that reports the `--min-coverage` gate. */
export const COVERAGE_GATE_CASE = 'coverage-gate';

/** One testcase of the harness suite, rendered, and how it ended. */
export interface HarnessCase {
  readonly result: 'passed' | 'failed' | 'error';
  readonly xml: string;
}

/**
 * The testcases of the `harness` suite: `setup`, failed, when a setup error stopped the run;
 * `coverage-gate` when the run had a `--min-coverage` gate,
 * failed (with the share exercised and every never-exercised rule) when the gate failed. Empty when
 * the run had no gate, so runs without one keep the rule suites only.
 */
export function harnessCases(record: RunRecord): HarnessCase[] {
  return [
    ...runCases(record),
    ...setupCases(record),
    ...gateCases(record),
    ...baselineCases(record),
  ];
}

/** Name of the testcase that reports an inconclusive run. */
export const RUN_CASE = 'run';

/**
 * An inconclusive run is a `run` testcase in error, naming why: a run that proved nothing (a dead
 * endpoint, an interruption, infrastructure faults) must not look green on a dashboard.
 */
function runCases(record: RunRecord): HarnessCase[] {
  const cause = inconclusiveCause(record);
  if (cause === undefined) return [];
  const open = `    <testcase${xmlAttrs({ classname: HARNESS_SUITE, name: RUN_CASE, time: formatSeconds(0) })}`;
  const body = record.inconclusive
    .slice(0, 20)
    .map((i) => `${i.command}: ${i.reason}`)
    .join('\n');
  const error = `      <error${xmlAttrs({ message: `inconclusive: ${cause}`, type: 'inconclusive' })}>${escapeXmlText(body)}</error>`;
  return [{ result: 'error', xml: `${open}>\n${error}\n    </testcase>` }];
}

/** Name of the testcase that reports a setup error (the target refused the harness's request). */
export const SETUP_CASE = 'setup';

function setupCases(record: RunRecord): HarnessCase[] {
  const setup = record.setupError;
  if (setup === undefined) return [];
  const open = `    <testcase${xmlAttrs({ classname: HARNESS_SUITE, name: SETUP_CASE, time: formatSeconds(0) })}`;
  const attrs = xmlAttrs({ message: `setup error at ${setup.command}`, type: 'setup-error' });
  const failure = `      <failure${attrs}>${escapeXmlText(setup.message)}</failure>`;
  return [{ result: 'failed', xml: `${open}>\n${failure}\n    </testcase>` }];
}

/** Name of the testcase that reports stale `--baseline` entries. */
export const BASELINE_CASE = 'baseline';

function baselineCases(record: RunRecord): HarnessCase[] {
  const baseline = record.baseline;
  if (baseline === undefined) return [];
  const open = `    <testcase${xmlAttrs({ classname: HARNESS_SUITE, name: BASELINE_CASE, time: formatSeconds(0) })}`;
  const summary = `${baseline.known} known divergence(s) from ${baseline.file}`;
  if (baseline.stale.length === 0) {
    return [
      {
        result: 'passed',
        xml: `${open}>\n      <system-out>${escapeXmlText(summary)}</system-out>\n    </testcase>`,
      },
    ];
  }
  const message = `${baseline.stale.length} stale baseline entr${baseline.stale.length === 1 ? 'y' : 'ies'}: no longer diverge; remove them`;
  const body = baseline.stale
    .map((e) => `${baseline.file}:${e.line} rule ${e.rule}: ${e.reason}`)
    .join('\n');
  const failure = `      <failure${xmlAttrs({ message, type: 'stale-baseline' })}>${escapeXmlText(body)}</failure>`;
  return [{ result: 'failed', xml: `${open}>\n${failure}\n    </testcase>` }];
}

function gateCases(record: RunRecord): HarnessCase[] {
  const gate = record.coverageGate;
  if (gate === undefined) return [];
  const open = `    <testcase${xmlAttrs({
    classname: HARNESS_SUITE,
    name: COVERAGE_GATE_CASE,
    time: formatSeconds(0),
  })}`;
  const text = coverageGateText(gate);
  if (gate.passed) {
    const out = `      <system-out>${escapeXmlText(text)}</system-out>`;
    return [{ result: 'passed', xml: `${open}>\n${out}\n    </testcase>` }];
  }
  const body = [
    `${text}.`,
    `never exercised (${gate.unexercised.length}):`,
    ...gate.unexercised.map((id) => `  ${id}`),
  ].join('\n');
  const attrs = xmlAttrs({ message: text, type: 'coverage-gate' });
  const failure = `      <failure${attrs}>${escapeXmlText(body)}</failure>`;
  return [{ result: 'failed', xml: `${open}>\n${failure}\n    </testcase>` }];
}
