import { describe, expect, it } from 'vitest';
import type { Issue } from '../errors/HarnessError.ts';
import { SpecError } from '../errors/HarnessError.ts';
import type { IssueCode } from './issueCodes.ts';
import { parseSpec } from './loadSpec.ts';
import { edit, MINI_SPEC as MINI, positionOf } from './specTestKit.ts';

/** The issues parseSpec throws for `text` (fails the test when it does not throw a SpecError). */
function issuesOf(text: string): readonly Issue[] {
  try {
    parseSpec(text, 'mini.yaml');
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a SpecError');
}

interface Case {
  readonly code: IssueCode;
  readonly edits: readonly (readonly [string, string])[];
  /** The text the issue must point at (first occurrence after the edits, or the `nth`). */
  readonly at: string;
  readonly nth?: number;
  /** A fragment of `message hint`. */
  readonly says: string;
}

const CASES: readonly Case[] = [
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
    says: 'First defined at line 29',
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
    code: 'unknown-field',
    edits: [
      [
        'when: { state: Absent }\n        expect: { error',
        'when: { stat: Absent }\n        expect: { error',
      ],
    ],
    at: 'stat:',
    says: "unknown field 'stat'. Did you mean 'state'?",
  },
  {
    code: 'unknown-field',
    edits: [['effects: { liveCode: input.code', 'effects: { liveCode: $liveCod']],
    at: '$liveCod',
    says: "Did you mean '$liveCode'?",
  },
  {
    code: 'unknown-value',
    edits: [['to: { state: Active,', 'to: { state: Actve,']],
    at: 'Actve',
    says: "transition 'provisioning-completes': unknown state 'Actve'. Did you mean 'Active'?",
  },
  {
    code: 'unknown-value',
    edits: [['input.revisionId: stale }', 'input.revisionId: stael }']],
    at: 'stael',
    says: "unknown value for input.revisionId 'stael'. Did you mean 'stale'?",
  },
  {
    code: 'unknown-value',
    edits: [['initial: none }\n  liveCode', 'initial: nothing }\n  liveCode']],
    at: 'nothing',
    says: "initial value 'nothing' is not one of its values",
  },
  {
    code: 'unknown-input',
    edits: [
      [
        'liveCode: input.code, revisionId: fresh }\n        observe',
        'liveCode: input.cod, revisionId: fresh }\n        observe',
      ],
    ],
    at: 'input.cod',
    says: "unknown input 'input.cod'. Did you mean 'code'?",
  },
  {
    code: 'unknown-input',
    edits: [['inputs: [code]', 'inputs: [code, colour]']],
    at: 'colour',
    says: "unknown input 'colour'",
  },
  {
    code: 'undeclared-input',
    edits: [['{ state: { not: Absent } }', '{ state: { not: Absent }, input.revisionId: stale }']],
    at: 'input.revisionId: stale }',
    says: "does not take input 'revisionId'",
  },
  {
    code: 'undeclared-input',
    edits: [['to: { state: Pending }', 'to: { state: Pending, liveCode: input.code }']],
    at: 'input.code }',
    says: 'a transition has no inputs',
  },
  {
    code: 'unknown-operation',
    edits: [['  CreateFunction:', '  CreateFunctoin:']],
    at: 'CreateFunctoin',
    says: "Did you mean 'CreateFunction'?",
  },
  {
    code: 'unknown-event',
    edits: [['    event: idle-reclaim', '    event: idle-reclam']],
    at: 'idle-reclam\n',
    says: "unknown event 'idle-reclam'. Did you mean 'idle-reclaim'?",
  },
  {
    code: 'unknown-reading',
    edits: [['default: one', 'default: three']],
    at: 'three',
    says: "the default reading 'three' is not declared",
  },
  {
    code: 'unknown-reading',
    edits: [
      [
        'when: { state: Absent }\n        expect: ok',
        'when: { state: Absent, reading: tow }\n        expect: ok',
      ],
    ],
    at: 'tow',
    says: "unknown reading 'tow'. Did you mean 'two'?",
  },
  {
    code: 'unknown-source',
    edits: [['{ source: doc, quote: "Created." }', '{ source: dcc, quote: "Created." }']],
    at: 'dcc',
    says: "unknown source 'dcc'. Did you mean 'doc'?",
  },
  {
    code: 'unknown-observation-field',
    edits: [['observe: { State: Pending', 'observe: { Stat: Pending']],
    at: 'Stat:',
    says: "unknown observation field 'Stat'. Did you mean 'State'?",
  },
  {
    code: 'incompatible-ref',
    edits: [['effects: { state: Pending,', 'effects: { state: input.code,']],
    at: 'input.code,',
    says: "sets enum field 'state' from int 'code'",
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
];

describe('parseSpec reports each issue kind at its line and column', () => {
  it('accepts the mini spec', () => {
    expect(parseSpec(MINI, 'mini.yaml').operations.size).toBe(2);
  });

  it.each(CASES.map((c) => [`${c.code}: ${c.says}`, c] as const))('%s', (_name, c) => {
    const text = edit(MINI, ...c.edits);
    const issues = issuesOf(text);
    const found = issues.filter((i) => i.code === c.code);
    expect(found, JSON.stringify(issues, null, 1)).toHaveLength(1);
    const [issue] = found;
    expect(issue).toMatchObject({ file: 'mini.yaml', ...positionOf(text, c.at, c.nth ?? 0) });
    expect(`${issue?.message ?? ''} ${issue?.hint ?? ''}`).toContain(c.says);
  });

  it('reports YAML syntax errors with their position and nothing else', () => {
    const issues = issuesOf(edit(MINI, ['title: Mini lifecycle', 'title: [Mini']));
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['yaml-syntax', 3, 1]]);
    const cases = [
      ['title: Mini lifecycle', 'title: Mini: lifecycle', 'Mini: lifecycle'],
      ['title: Mini lifecycle', 'title: A\ntitle: B', 'title: B'],
      ['events: [idle-reclaim]', 'events: &e [*e]', '*e'],
      ['  doc: { title: A document }', '  doc: { title: @doc }', '@doc'],
    ] as const;
    for (const [from, to, at] of cases) {
      const text = edit(MINI, [from, to]);
      expect(issuesOf(text)[0]).toMatchObject({ code: 'yaml-syntax', ...positionOf(text, at) });
    }
  });

  it('reports a wrong type for the whole document and for an empty file', () => {
    expect(issuesOf('- a\n- b\n')[0]).toMatchObject({ code: 'wrong-type', line: 1, column: 1 });
    expect(issuesOf('')[0]).toMatchObject({ code: 'wrong-type', line: 1, column: 1 });
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
