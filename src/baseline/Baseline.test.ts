import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CATEGORY_TITLES } from '../monitor/Verdict.ts';
import { conformantRecord } from '../reporters/fixtures.testkit.ts';
import { invokeWhilePending } from '../reporters/fixtureDivergences.testkit.ts';
import { applyBaseline, baselineOf, formatBaseline, PLACEHOLDER_REASON } from './Baseline.ts';
import { parseBaseline } from './loadBaseline.ts';
import type { BaselineEntry, RunRecord } from '../runner/RunRecord.ts';

const diverged: RunRecord = {
  ...conformantRecord,
  target: { name: 'memory', mutants: ['invoke-while-pending'], leftOut: [] },
  verdict: 'divergence',
  stoppedBy: 'divergence',
  divergences: [invokeWhilePending],
};

function entry(fields: Partial<BaselineEntry>): BaselineEntry {
  return { rule: 'invoke-pending-creating', reason: 'known', line: 2, ...fields };
}

describe('applyBaseline', () => {
  it('marks a matching divergence known and makes the run conformant', () => {
    const { record, stale } = applyBaseline(diverged, { file: 'b.yaml', entries: [entry({})] });
    expect(record.verdict).toBe('conformant');
    expect(record.divergences[0]?.baselined).toBe(true);
    expect(stale).toEqual([]);
  });

  it('matches on category, target and mutants when the entry gives them', () => {
    const cases: [Partial<BaselineEntry>, boolean][] = [
      [{ category: 'forbidden-accepted' }, true],
      [{ category: 'wrong-error' }, false],
      [{ target: 'memory', mutants: ['invoke-while-pending'] }, true],
      [{ target: 'aws' }, false],
      [{ mutants: [] }, false],
      [{ rule: 'create' }, false],
    ];
    for (const [fields, known] of cases) {
      const { record } = applyBaseline(diverged, { file: 'b.yaml', entries: [entry(fields)] });
      expect([fields, record.verdict]).toEqual([fields, known ? 'conformant' : 'divergence']);
    }
  });

  it('calls an entry for this target stale when its rule was not violated, and ignores other targets', () => {
    const entries = [entry({ rule: 'create', line: 7 }), entry({ rule: 'create', target: 'aws' })];
    const { record, stale } = applyBaseline(conformantRecord, { file: 'b.yaml', entries });
    expect(record.verdict).toBe('conformant');
    expect(stale.map((e) => e.line)).toEqual([7]);
  });

  it('lets expired entries suppress nothing, from the day after their date', () => {
    const e = entry({ expires: '2026-03-01' });
    const baseline = { file: 'b.yaml', entries: [e] };
    expect(applyBaseline(diverged, baseline, '2026-03-01').record.verdict).toBe('conformant');
    const late = applyBaseline(diverged, baseline, '2026-03-02');
    expect(late.record.verdict).toBe('divergence');
    expect(late.expired).toEqual([e]);
    expect(late.stale).toEqual([]);
  });

  it('covers regression replays that still diverge', () => {
    const withReplay: RunRecord = {
      ...conformantRecord,
      verdict: 'divergence',
      regressions: [
        { file: 'r.json', expected: 'divergence', observed: 'divergence', ruleId: 'create' },
      ],
    };
    const known = applyBaseline(withReplay, {
      file: 'b.yaml',
      entries: [entry({ rule: 'create' })],
    });
    expect(known.record.verdict).toBe('conformant');
    expect(known.record.regressions.map((r) => r.baselined)).toEqual([true]);
    expect(known.stale).toEqual([]);
    expect(applyBaseline(withReplay, { file: 'b.yaml', entries: [] }).record.verdict).toBe(
      'divergence',
    );
  });
});

describe('baseline files', () => {
  it('round-trips what --write-baseline writes, as YAML and as JSON', () => {
    const entries = baselineOf(diverged);
    expect(entries).toEqual([
      {
        rule: 'invoke-pending-creating',
        category: 'forbidden-accepted',
        target: 'memory',
        mutants: ['invoke-while-pending'],
        reason: PLACEHOLDER_REASON,
      },
    ]);
    for (const file of ['known.yaml', 'known.json']) {
      const parsed = parseBaseline(formatBaseline(entries, file), file);
      expect(parsed.entries.map(({ line: _line, ...e }) => e)).toEqual(entries);
    }
    expect(parseBaseline(formatBaseline([], 'none.yaml'), 'none.yaml').entries).toEqual([]);
  });

  it('keeps the reason, link and expiry of entries it rewrites', () => {
    const previous = {
      file: 'b.yaml',
      entries: [entry({ reason: 'issue 9', link: 'https://x.test/9', expires: '2030-01-01' })],
    };
    expect(baselineOf(diverged, previous)[0]).toMatchObject({
      reason: 'issue 9',
      link: 'https://x.test/9',
      expires: '2030-01-01',
    });
  });

  it('reports every problem with its location', () => {
    const text = [
      'known:',
      '  - rule: a',
      '    reason: ok',
      '    category: wrong-feld',
      '    link: ftp://x',
      '    expires: 2026-02-30',
      '  - reason: no rule',
      'extra: 1',
    ].join('\n');
    expect(() => parseBaseline(text, 'k.yaml')).toThrow(
      [
        "k.yaml:4:15: known[0]: unknown category 'wrong-feld'. Did you mean 'wrong-field'?",
        "k.yaml:5:11: known[0]: 'link' must be an http(s) URL, found 'ftp://x'.",
        "k.yaml:6:14: known[0]: 'expires' must be a date written YYYY-MM-DD (e.g. 2026-12-31).",
        "k.yaml:7:5: known[1]: missing required key 'rule'.",
        "k.yaml:8:1: baseline: unknown key 'extra'.",
      ].join('\n'),
    );
    expect(() => parseBaseline('', 'e.yaml')).toThrow(
      "e.yaml:1:1: baseline: missing required key 'known'.",
    );
    expect(() => parseBaseline('known: [', 'y.yaml')).toThrow(/^y\.yaml:\d+:\d+: YAML: /);
  });

  it('validates against scenarios/baseline.schema.json, whose categories are the monitor ones', () => {
    const schema = JSON.parse(readFileSync('scenarios/baseline.schema.json', 'utf8')) as {
      properties: { known: { items: { properties: { category: { enum: string[] } } } } };
    };
    expect(schema.properties.known.items.properties.category.enum).toEqual(
      Object.keys(CATEGORY_TITLES),
    );
    const validate = new Ajv2020({ strict: true }).compile(schema);
    const written = JSON.parse(formatBaseline(baselineOf(diverged), 'k.json')) as unknown;
    expect(validate(written)).toBe(true);
    expect(validate({ known: [{ rule: 'x' }] })).toBe(false);
  });
});
