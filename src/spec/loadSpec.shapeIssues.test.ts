import { describe, expect, it } from 'vitest';
import { SpecError } from '../errors/HarnessError.ts';
import { parseSpec } from './parseSpec.ts';
import type { IssueCase } from './spec.testkit.ts';
import { edit, MINI_SPEC as MINI, positionOf, specIssues } from './spec.testkit.ts';

function expectCase(c: IssueCase): void {
  const text = edit(MINI, ...c.edits);
  const issues = specIssues(text);
  const found = issues.filter((i) => i.code === c.code);
  expect(found, JSON.stringify(issues, null, 1)).toHaveLength(1);
  expect(found[0]).toMatchObject({ file: 'mini.yaml', ...positionOf(text, c.at, c.nth ?? 0) });
  expect(`${found[0]?.message ?? ''} ${found[0]?.hint ?? ''}`).toContain(c.says);
}

const CASES: readonly IssueCase[] = [
  {
    code: 'wrong-type',
    edits: [['int, initial: 0', 'int, initial: zero']],
    at: 'zero',
    says: "'initial' must be an integer",
  },
  {
    code: 'missing-key',
    edits: [['        expect: ok\n        effects: { liveCode', '        effects: { liveCode']],
    at: 'id: update\n',
    says: "rule 'update': missing required key 'expect'",
  },
  {
    code: 'unknown-key',
    edits: [
      [
        'when: { state: Absent }\n        expect: ok',
        'whne: { state: Absent }\n        expect: ok',
      ],
    ],
    at: 'whne',
    says: "unknown key 'whne'. Did you mean 'when'?",
  },
  {
    code: 'bad-value',
    edits: [['version: 1', 'version: 2']],
    at: '2',
    says: 'unsupported version 2',
  },
  {
    code: 'bad-id',
    edits: [['id: create-existing', 'id: Create_Existing']],
    at: 'Create_Existing',
    says: "Try 'create-existing'",
  },
  {
    code: 'bad-regex',
    edits: [['"/Revision Id/"', '"/Revision (Id/"']],
    at: '"/Revision (Id/"',
    says: 'invalid message pattern',
  },
  {
    code: 'bad-regex',
    edits: [['"/Revision Id/"', '"Revision Id"']],
    at: '"Revision Id"',
    says: 'Write "/Revision Id/"',
  },
  {
    code: 'bad-duration',
    edits: [['within: 15m', 'within: 15 minutes']],
    at: '15 minutes',
    says: "'15 minutes' is not a duration",
  },
  {
    code: 'duplicate-id',
    edits: [['id: update-stale', 'id: create']],
    at: 'create\n',
    nth: 1,
    says: 'First defined at line 37',
  },
  {
    code: 'duplicate-value',
    edits: [['Pending, Active]', 'Pending, Active, Pending]']],
    at: 'Pending',
    nth: 1,
    says: "value 'Pending' appears twice",
  },
  {
    code: 'missing-field',
    edits: [['  lastUpdateStatus: { values: [none, Successful], initial: none }\n', '']],
    at: 'state: { values',
    says: "'lastUpdateStatus' must be declared as an enum field",
  },
  {
    code: 'missing-field',
    edits: [
      [
        'lastUpdateStatus: { values: [none, Successful], initial: none }',
        'lastUpdateStatus: { type: int, initial: 0 }',
      ],
    ],
    at: 'lastUpdateStatus: { type',
    says: "'lastUpdateStatus' must be declared",
  },
  {
    code: 'reserved-name',
    edits: [['  liveCode: {', '  revisionId: { type: int, initial: 0 }\n  liveCode: {']],
    at: 'revisionId: { type',
    says: "'revisionId' is reserved",
  },
  {
    code: 'missing-cite',
    edits: [['        cite: [{ source: doc, quote: "Not found." }]\n', '']],
    at: 'id: update-absent',
    says: "rule 'update-absent': no 'cite'",
  },
  {
    code: 'missing-cite',
    edits: [['cite: [{ source: doc, quote: "Reclaimed." }]', 'cite: []']],
    at: '[]',
    says: "'cite' is empty",
  },
  {
    code: 'missing-quote',
    edits: [['quote: "Stale."', 'quote: ""']],
    at: '""',
    says: 'has no quote',
  },
  {
    code: 'missing-quote',
    edits: [['{ source: doc, quote: "Stale." }', '{ source: doc }']],
    at: '{ source: doc }',
    says: 'has no quote',
  },
  {
    code: 'bad-trigger',
    edits: [['    event: idle-reclaim', '    event: idle-reclaim\n    async: { within: 1h }']],
    at: 'idle-reclaim\n    async',
    says: "both 'async' and 'event'",
  },
  {
    code: 'bad-trigger',
    edits: [['    event: idle-reclaim\n', '']],
    at: 'id: idle-reclaim',
    says: "neither 'async' and 'event'",
  },
  {
    code: 'observe-without-ok',
    edits: [['status: 404 }', 'status: 404 }\n        observe: { State: Absent }']],
    at: '{ State: Absent }',
    says: "'observe' applies to no outcome",
  },
  {
    code: 'bad-value',
    edits: [['evidence: recorded', 'evidence: recordd']],
    at: 'recordd',
    says: "unknown evidence 'recordd'. Did you mean 'recorded'?",
  },
  {
    code: 'bad-value',
    edits: [['kind: recording', 'kind: recordings']],
    at: 'recordings',
    says: "unknown kind 'recordings'. Did you mean 'recording'?",
  },
  {
    code: 'bad-value',
    edits: [['recorded: "25-11-2025, 02:39:11"', 'recorded: "2025-11-25"']],
    at: '"2025-11-25"',
    says: "recorded '2025-11-25' is not a recording date",
  },
  {
    code: 'missing-key',
    edits: [['            keys: [stale_exception]\n', '']],
    at: 'source: rec',
    says: "rule 'update-stale': missing required key 'keys'",
  },
  {
    code: 'unknown-key',
    edits: [['{ source: doc, quote: "Stale." }', '{ source: doc, quote: "Stale.", test: T }']],
    at: 'test: T',
    says: "unknown key 'test'",
  },
  {
    code: 'unknown-key',
    edits: [
      ['    commit: 0123456789abcdef\n', '    commit: 0123456789abcdef\n    copied: today\n'],
    ],
    at: 'copied: today',
    says: "source 'rec': unknown key 'copied'",
  },
];

describe('parseSpec reports shape issues at their line and column', () => {
  it('accepts the mini spec', () => {
    expect(parseSpec(MINI, 'mini.yaml').operations.size).toBe(2);
  });

  it.each(CASES.map((c) => [`${c.code}: ${c.says}`, c] as const))('%s', (_name, c) => {
    expectCase(c);
  });

  it('reports YAML syntax errors with their position and nothing else', () => {
    const issues = specIssues(edit(MINI, ['title: Mini lifecycle', 'title: [Mini']));
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['yaml-syntax', 3, 1]]);
    const cases = [
      ['title: Mini lifecycle', 'title: Mini: lifecycle', 'Mini: lifecycle'],
      ['title: Mini lifecycle', 'title: A\ntitle: B', 'title: B'],
      ['events: [idle-reclaim]', 'events: &e [*e]', '*e'],
      ['  doc: { title: A document }', '  doc: { title: @doc }', '@doc'],
    ] as const;
    for (const [from, to, at] of cases) {
      const text = edit(MINI, [from, to]);
      expect(specIssues(text)[0]).toMatchObject({ code: 'yaml-syntax', ...positionOf(text, at) });
    }
  });

  it('reports a wrong type for the whole document and for an empty file', () => {
    expect(specIssues('- a\n- b\n')[0]).toMatchObject({ code: 'wrong-type', line: 1, column: 1 });
    expect(specIssues('')[0]).toMatchObject({ code: 'wrong-type', line: 1, column: 1 });
  });

  it('collects every issue at once, sorted by position, and formats them as file:line:col', () => {
    const text = edit(
      MINI,
      ['version: 1', 'version: 2'],
      ['to: { state: Active,', 'to: { state: Actve,'],
    );
    const error = (() => {
      try {
        parseSpec(text, 'spec/mini.yaml');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SpecError);
    const { issues, message, code } = error as SpecError;
    expect(code).toBe('SPEC_INVALID');
    expect(issues.map((i) => i.code)).toEqual(['bad-value', 'unknown-value']);
    const { line, column } = positionOf(text, 'Actve');
    expect(message.split('\n')[1]).toBe(
      `spec/mini.yaml:${line}:${column}: transition 'provisioning-completes': unknown state 'Actve'. Did you mean 'Active'?`,
    );
  });
});
