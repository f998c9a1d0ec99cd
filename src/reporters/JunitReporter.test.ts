import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunRecord } from '../runner/RunRecord.ts';
import { conformantRecord, divergentRecord, tinySpec, withoutGate } from './fixtures.testkit.ts';
import { JunitReporter, renderJunit } from './JunitReporter.ts';
import { parseXml, type XmlDocument, type XmlElement } from './dom.testkit.ts';
import { captureTerminal, normaliseTimes, reportContext } from './terminal.testkit.ts';
import { escapeXmlAttr, escapeXmlText } from './xml.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

let outDir = '';
beforeEach(async () => {
  outDir = await tempDir('junit-reporter-');
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function parse(xml: string): Promise<XmlDocument> {
  const doc = await parseXml(xml);
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

const attr = (el: XmlElement | undefined, name: string): string | null =>
  el?.getAttribute(name) ?? null;
const all = (doc: XmlDocument | XmlElement, tag: string): XmlElement[] => [
  ...doc.getElementsByTagName(tag),
];

describe('junit reporter', () => {
  it('writes only junit.xml, matching the reviewed snapshot', async () => {
    const terminal = captureTerminal();
    await new JunitReporter().finish(divergentRecord, reportContext(terminal, outDir, tinySpec));
    expect(await readdir(outDir)).toEqual(['junit.xml']);
    const xml = await readFile(join(outDir, 'junit.xml'), 'utf8');
    await expect(normaliseTimes(xml, divergentRecord.startedAt)).toMatchFileSnapshot(
      '__snapshots__/junit-divergent.xml',
    );
  });

  it('has one testcase per coverage entry, one suite per operation plus transitions and harness', async () => {
    const doc = await parse(renderJunit(divergentRecord));
    // Every rule and transition, plus the harness suite's coverage-gate case.
    expect(all(doc, 'testcase')).toHaveLength(divergentRecord.coverage.length + 1);
    const suites = all(doc, 'testsuite').map((s) => attr(s, 'name'));
    expect(suites).toEqual([
      'CreateFunction',
      'Invoke',
      'UpdateFunctionCode',
      'transitions',
      'harness',
    ]);
    const transitionCases = all(doc, 'testcase').filter((c) =>
      attr(c, 'classname')?.startsWith('transitions.'),
    );
    expect(transitionCases.map((c) => attr(c, 'name'))).toEqual([
      'provisioning-completes',
      'update-completes',
      'idle-reclaim',
    ]);
  });

  it('reports an inconclusive run as a harness `run` case in error, and no rule as passed', async () => {
    // A dead endpoint: nothing was checked, every rule unexercised.
    const dead: RunRecord = {
      ...withoutGate(conformantRecord),
      verdict: 'inconclusive',
      operations: 0,
      coverage: conformantRecord.coverage.map((c) => ({ ...c, exercised: 0, unspecified: 0 })),
      inconclusive: [{ command: 'preflight', reason: 'connection refused (http://127.0.0.1:1)' }],
    };
    const doc = await parse(renderJunit(dead));
    const root = doc.documentElement;
    expect(attr(root, 'errors')).toBe('1');
    expect(attr(root, 'failures')).toBe('0');
    const cases = all(doc, 'testcase');
    const passed = cases.filter(
      (c) => all(c, 'skipped').length + all(c, 'failure').length + all(c, 'error').length === 0,
    );
    expect(passed).toHaveLength(0);
    const run = cases.find((c) => attr(c, 'name') === 'run');
    const error = run === undefined ? undefined : all(run, 'error')[0];
    expect(error === undefined ? undefined : attr(error, 'message')).toBe(
      'inconclusive: no operation was checked; 1 inconclusive step, the first preflight: connection refused (http://127.0.0.1:1)',
    );
    const harness = all(doc, 'testsuite').find((s) => attr(s, 'name') === 'harness');
    expect(harness === undefined ? undefined : attr(harness, 'errors')).toBe('1');
  });

  it('counts failures and skips right at every level', async () => {
    const doc = await parse(renderJunit(divergentRecord));
    const root = doc.documentElement;
    expect(root.tagName).toBe('testsuites');
    // 2 violated rules and the coverage gate fail; create-existing and idle-reclaim are never
    // exercised, update-completes only has a known divergence: 3 skipped.
    expect([
      attr(root, 'tests'),
      attr(root, 'failures'),
      attr(root, 'skipped'),
      attr(root, 'errors'),
    ]).toEqual(['10', '3', '3', '0']);
    for (const suite of all(doc, 'testsuite')) {
      const cases = all(suite, 'testcase');
      expect(attr(suite, 'tests')).toBe(String(cases.length));
      expect(attr(suite, 'failures')).toBe(String(all(suite, 'failure').length));
      expect(attr(suite, 'skipped')).toBe(String(all(suite, 'skipped').length));
    }
    expect(attr(root, 'time')).toBe('12.345');
    expect(all(doc, 'testcase').every((c) => attr(c, 'time') === '0.000')).toBe(true);
  });

  it('names the broken rule, its category, expected, observed, quote and replay in a failure', async () => {
    const doc = await parse(renderJunit(divergentRecord));
    const failing = all(doc, 'testcase').filter((c) => all(c, 'failure').length > 0);
    expect(failing.map((c) => `${attr(c, 'classname')}/${attr(c, 'name')}`)).toEqual([
      'Invoke/invoke-pending-creating',
      'UpdateFunctionCode/update-code-in-progress',
      'harness/coverage-gate',
    ]);
    const failure = all(failing[1] ?? doc.documentElement, 'failure')[0];
    expect(attr(failure, 'type')).toBe('wrong-error');
    // Control characters are stripped, everything else survives the round trip.
    expect(attr(failure, 'message')).toBe(
      'Wrong error type, status or message: expected error ResourceConflictException (409) ' +
        '/An update is in progress/, observed error ServiceException (500): boom [31m<internal>[0m & "retry"',
    );
    const body = failure?.textContent ?? '';
    expect(body).toContain('rule: update-code-in-progress (UpdateFunctionCode)');
    expect(body).toContain(
      `quote: “While "InProgress", it's refused: <ResourceConflictException> & 409 | "An update is in progress"” — lambda-facts`,
    );
    expect(body).toContain(
      'recording: Recorded 25-11-2025, 02:35:57 in TestLambdaFunction::test_lambda_concurrent_code_updates ' +
        '[update-during-in-progress-update-exc]: HTTP 409, ResourceConflictException, ' +
        '"…An update is in progress for resource: <arn>". — localstack-lambda-api',
    );
    expect(body).toContain(
      'replay: npx lambda-conformance replay --seed 42 --path 7:2 scenarios/default.yaml',
    );
    expect(body).toContain('  +1.7s  UpdateFunctionCode(fn0, code=3, revisionId=none)');
  });

  it("gives every testcase its rule's evidence kind as a property", async () => {
    const doc = await parse(renderJunit(divergentRecord));
    const evidence = all(doc, 'testcase').map((c) => {
      const property = all(c, 'property')[0];
      return `${attr(c, 'name')}: ${attr(property, 'name')}=${attr(property, 'value')}`;
    });
    expect(evidence).toContain('update-code-in-progress: evidence=recorded');
    expect(evidence).toContain('idle-reclaim: evidence=inferred');
    expect(evidence).toContain('create: evidence=documented');
    const rules = divergentRecord.coverage.length;
    expect(evidence.filter((e) => e.includes(': evidence='))).toHaveLength(rules);
  });

  it('skips never-exercised rules and known divergences with a reason', async () => {
    const doc = await parse(renderJunit(divergentRecord));
    const skipped = all(doc, 'skipped').map(
      (s) => `${attr(s.parentElement ?? undefined, 'name')}: ${attr(s, 'message')}`,
    );
    expect(skipped).toEqual([
      'create-existing: never exercised',
      'update-completes: known divergence (baselined): Too late or never (time bound)',
      'idle-reclaim: never exercised',
    ]);
  });

  it('passes every exercised rule of a conformant run', async () => {
    const doc = await parse(renderJunit(conformantRecord));
    expect([attr(doc.documentElement, 'failures'), attr(doc.documentElement, 'skipped')]).toEqual([
      '0',
      '1',
    ]);
  });

  it('fails a rule whose violation has no divergence detail, and copes with no coverage', async () => {
    const noDetail: RunRecord = { ...divergentRecord, divergences: [] };
    const doc = await parse(renderJunit(noDetail));
    const messages = all(doc, 'failure').map((f) => attr(f, 'message'));
    expect(messages.slice(0, 3)).toEqual(['violated 1 time', 'violated 1 time', 'violated 1 time']);
    const noGate = withoutGate(conformantRecord);
    const empty = await parse(renderJunit({ ...noGate, coverage: [] }));
    expect(attr(empty.documentElement, 'tests')).toBe('0');
  });
});

describe('junit rule results', () => {
  it('fails only the rules the divergences name, not every rule counted while shrinking', async () => {
    // The runner counts a violation for each rule the failing step's possible states applied, on
    // each shrink attempt: `create` here was only a bystander of the reported divergences.
    const bystander: RunRecord = {
      ...divergentRecord,
      coverage: divergentRecord.coverage.map((c) =>
        c.id === 'create' ? { ...c, violated: 24 } : c,
      ),
    };
    const doc = await parse(renderJunit(bystander));
    const create = all(doc, 'testcase').find((c) => attr(c, 'name') === 'create');
    expect(create === undefined ? [] : all(create, 'failure')).toEqual([]);
    expect(attr(doc.documentElement, 'failures')).toBe('3');
  });
});

describe('junit coverage gate', () => {
  const gateCase = (doc: XmlDocument): XmlElement | undefined =>
    all(doc, 'testcase').find((c) => attr(c, 'name') === 'coverage-gate');

  it('fails the coverage-gate case with the share and every never-exercised rule', async () => {
    const doc = await parse(renderJunit(divergentRecord));
    const failure = all(gateCase(doc) ?? doc.documentElement, 'failure')[0];
    expect(attr(gateCase(doc), 'classname')).toBe('harness');
    expect(attr(failure, 'message')).toBe(
      '77.8% of rules and transitions exercised, below the minimum 80%',
    );
    expect(failure?.textContent).toContain(
      'never exercised (2):\n  create-existing\n  idle-reclaim',
    );
  });

  it('passes the coverage-gate case when the gate passed', async () => {
    const doc = await parse(renderJunit(conformantRecord));
    expect(all(gateCase(doc) ?? doc.documentElement, 'failure')).toHaveLength(0);
    expect(gateCase(doc)?.textContent).toContain('88.9% of rules and transitions exercised');
    const harness = all(doc, 'testsuite').find((s) => attr(s, 'name') === 'harness');
    expect([attr(harness, 'tests'), attr(harness, 'failures')]).toEqual(['1', '0']);
  });

  it('has no harness suite when the run had no gate', async () => {
    const noGate = withoutGate(divergentRecord);
    const doc = await parse(renderJunit(noGate));
    expect(gateCase(doc)).toBeUndefined();
    expect(all(doc, 'testsuite').map((s) => attr(s, 'name'))).not.toContain('harness');
    expect(attr(doc.documentElement, 'failures')).toBe('2');
  });
});

describe('xml escaping', () => {
  it('escapes markup, quotes and line breaks, and strips what XML cannot carry', () => {
    expect(escapeXmlText('a < b && c > "d" \'e\'')).toBe('a &lt; b &amp;&amp; c &gt; "d" \'e\'');
    expect(escapeXmlAttr('<"\'&>\n\t')).toBe('&lt;&quot;&apos;&amp;&gt;&#10;&#9;');
    expect(escapeXmlText('bell\u0007 nul\u0000 esc\u001b[0m \uFFFF lone\uD800!')).toBe(
      'bell nul esc[0m  lone!',
    );
    expect(escapeXmlText('emoji 😀 kept')).toBe('emoji 😀 kept');
  });
});
