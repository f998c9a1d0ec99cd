import { describe, expect, it } from 'vitest';
import type { RuleEntry } from '../api/listRules.ts';
import { conformantRecord, divergentRecord, withoutGate } from '../reporters/fixtures.testkit.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { baselineVerdict, gateVerdict, ruleVerdict, runVerdict } from './ruleVerdict.ts';

function rule(id: string, record: RunRecord = divergentRecord): RuleEntry {
  const c = record.coverage.find((entry) => entry.id === id);
  return { id, kind: c?.kind ?? 'rule', group: c?.group ?? 'Nowhere', cite: c?.cite ?? [] };
}

describe('ruleVerdict', () => {
  it('fails a violated rule with expected, observed, quote, trace and replay', () => {
    const verdict = ruleVerdict(rule('update-code-in-progress'), divergentRecord);
    expect(verdict.kind).toBe('failed');
    const message = verdict.kind === 'failed' ? verdict.message : '';
    expect(message.split('\n')[0]).toMatch(
      /^Wrong error type, status or message: expected error ResourceConflictException \(409\)/,
    );
    expect(message).toContain('quote: “While "InProgress", it\'s refused');
    expect(message).toContain('  +1.7s  UpdateFunctionCode(fn0, code=3, revisionId=none)');
    expect(message).toContain('replay: npx lambda-conformance replay --seed 42 --path 7:2');
  });

  it('passes a rule broken only by a baselined divergence, with a note', () => {
    expect(ruleVerdict(rule('update-completes'), divergentRecord)).toEqual({
      kind: 'passed',
      note: 'known divergence (baselined): Too late or never (time bound)',
    });
  });

  it('skips a rule never exercised, and one the record does not know', () => {
    expect(ruleVerdict(rule('create-existing'), divergentRecord)).toEqual({
      kind: 'skipped',
      reason: 'never exercised in 37 runs (seed 42)',
    });
    expect(ruleVerdict(rule('made-up'), divergentRecord)).toEqual({
      kind: 'skipped',
      reason: 'not in the run record (spec spec/lambda-lifecycle.yaml changed?)',
    });
  });

  it('passes an exercised rule, noting what the documents leave open', () => {
    expect(ruleVerdict(rule('create'), divergentRecord)).toEqual({ kind: 'passed' });
    expect(ruleVerdict(rule('invoke-active'), divergentRecord)).toEqual({
      kind: 'passed',
      note: '2 observations the documents leave open (recorded as information)',
    });
  });

  it('passes a bystander rule counted while shrinking, fails counts only without divergences', () => {
    const counted = (record: RunRecord): RunRecord => ({
      ...record,
      coverage: record.coverage.map((c) => (c.id === 'create' ? { ...c, violated: 24 } : c)),
    });
    expect(ruleVerdict(rule('create'), counted(divergentRecord)).kind).toBe('passed');
    expect(ruleVerdict(rule('create'), counted(conformantRecord))).toEqual({
      kind: 'failed',
      message: 'create: violated 24 times (the run record has no detail)',
    });
  });

  it('fails a rule whose saved counterexample still diverges', () => {
    const record: RunRecord = {
      ...conformantRecord,
      regressions: [
        {
          file: 'regressions/c.json',
          expected: 'divergence',
          observed: 'divergence',
          ruleId: 'create',
        },
      ],
    };
    expect(ruleVerdict(rule('create', record), record)).toEqual({
      kind: 'failed',
      message:
        'create: the saved counterexample regressions/c.json still diverges.\n' +
        'replay: npx lambda-conformance replay regressions/c.json',
    });
  });
});

describe('gateVerdict', () => {
  it('fails a failed gate with every never-exercised rule, passes a passed one', () => {
    expect(gateVerdict(divergentRecord)).toEqual({
      kind: 'failed',
      message:
        '77.8% of rules and transitions exercised, below the minimum 80%.\n' +
        'never exercised (2): create-existing, idle-reclaim',
    });
    expect(gateVerdict(conformantRecord)).toEqual({
      kind: 'passed',
      note: '88.9% of rules and transitions exercised (minimum 80%)',
    });
    expect(gateVerdict(withoutGate(conformantRecord)).kind).toBe('skipped');
  });
});

describe('baselineVerdict', () => {
  const entry = { rule: 'create', reason: 'emulator bug #12', line: 3 };

  it('fails on stale entries, naming file, line and rule; passes otherwise', () => {
    expect(baselineVerdict({ file: 'known.yaml', stale: [entry], expired: [] })).toEqual({
      kind: 'failed',
      message:
        'stale baseline entry known.yaml:3 (rule create): no longer diverges; remove it (emulator bug #12)',
    });
    expect(baselineVerdict({ file: 'known.yaml', stale: [], expired: [] })).toEqual({
      kind: 'passed',
    });
    expect(baselineVerdict({ file: 'known.yaml', stale: [], expired: [entry] })).toEqual({
      kind: 'passed',
      note: 'expired, no longer suppressing: known.yaml:3 (rule create)',
    });
    expect(baselineVerdict(undefined).kind).toBe('skipped');
  });
});

describe('runVerdict', () => {
  const deadEndpoint: RunRecord = {
    ...conformantRecord,
    verdict: 'inconclusive',
    operations: 0,
    inconclusive: [
      { command: 'preflight', reason: 'the endpoint http://127.0.0.1:1 refused the connection' },
    ],
  };

  it('fails an inconclusive run with its cause: a suite that proved nothing is not green', () => {
    const verdict = runVerdict(deadEndpoint);
    expect(verdict.kind).toBe('failed');
    expect(verdict.kind === 'failed' ? verdict.message : '').toBe(
      'the conformance run was inconclusive: no operation was checked; 1 inconclusive step, ' +
        'the first preflight: the endpoint http://127.0.0.1:1 refused the connection',
    );
  });

  it('passes a conformant run and a divergent one (its rules fail instead)', () => {
    expect(runVerdict(conformantRecord)).toEqual({ kind: 'passed' });
    expect(runVerdict(divergentRecord)).toEqual({ kind: 'passed' });
  });
});
