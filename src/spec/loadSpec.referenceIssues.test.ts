import { describe, expect, it } from 'vitest';
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
];

describe('parseSpec reports unknown and undeclared names at their line and column', () => {
  it.each(CASES.map((c) => [`${c.code}: ${c.says}`, c] as const))('%s', (_name, c) => {
    expectCase(c);
  });
});
