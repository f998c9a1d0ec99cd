import { describe, expect, it } from 'vitest';
import type { Issue } from '../errors/HarnessError.ts';
import { analyzeSpec } from './analyzeSpec.ts';
import { edit, MINI_SPEC as MINI, positionOf } from './spec.testkit.ts';

function issues(text: string): readonly Issue[] {
  return analyzeSpec(text, 'mini.yaml').issues;
}

const UPDATE_ABSENT = `      - id: update-absent
        when: { state: Absent }
        expect: { error: ResourceNotFoundException, status: 404 }
        cite: [{ source: doc, quote: "Not found." }]
        evidence: documented
`;

/** Inserts rules before `update-absent`, the first rule of UpdateFunctionCode. */
function withEarlierRule(rule: string): string {
  return edit(MINI, [UPDATE_ABSENT, `${rule}${UPDATE_ABSENT}`]);
}

const INVOKE = `  Invoke:
    inputs: []
    rules:
      - id: invoke-absent
        when: { state: Absent }
        expect: { error: ResourceNotFoundException }
        cite: [{ source: doc, quote: "Not found." }]
      - id: invoke-pending
        when: { state: Pending }
        expect: { error: ResourceConflictException }
        cite: [{ source: doc, quote: "Pending." }]
      - id: invoke-active
        when: { state: Active, lastUpdateStatus: Successful }
        expect: ok
        cite: [{ source: doc, quote: "Active." }]
`;

describe('shadowed rules', () => {
  it('reports a rule every case of which an earlier rule decides, naming that rule', () => {
    const text = withEarlierRule(`      - id: update-any
        when: { state: [Absent, Pending, Active] }
        expect: unspecified
        cite: [{ source: doc, quote: "Any." }]
`);
    const found = issues(text).filter((i) => i.code === 'shadowed-rule');
    expect(found.map((i) => [i.line, i.column])).toEqual(
      ['id: update-absent', 'id: update-stale', 'id: update\n'].map((n) => {
        const p = positionOf(text, n);
        return [p.line, p.column];
      }),
    );
    expect(found[0]?.message).toBe(
      "rule 'update-absent': every case it matches is decided by an earlier rule of UpdateFunctionCode, first 'update-any'.",
    );
  });

  it('reports a rule whose guard matches nothing', () => {
    const text = withEarlierRule(`      - id: update-never
        when: { state: { not: [Absent, Pending, Active] } }
        expect: ok
        cite: [{ source: doc, quote: "Never." }]
`);
    const [issue] = issues(text);
    expect(issue).toMatchObject({ code: 'shadowed-rule', ...positionOf(text, 'id: update-never') });
    expect(issue?.message).toContain('matches no case');
  });

  it('does not let int or $ref conditions shadow (they may not hold)', () => {
    const text = withEarlierRule(`      - id: update-zero
        when: { state: Absent, liveCode: 0 }
        expect: unspecified
        cite: [{ source: doc, quote: "Zero." }]
      - id: update-same
        when: { state: Absent, input.revisionId: $lastUpdateStatus }
        expect: unspecified
        cite: [{ source: doc, quote: "Same." }]
`);
    expect(issues(text)).toEqual([]);
  });

  it('treats readings as part of the case: a rule for one reading shadows only under it', () => {
    const text = withEarlierRule(`      - id: update-absent-one
        when: { state: Absent, reading: one }
        expect: unspecified
        cite: [{ source: doc, quote: "One." }]
`);
    expect(issues(text)).toEqual([]);
  });
});

describe('unreachable states and async cycles', () => {
  it('reports a state value nothing reaches, at the value', () => {
    const text = edit(MINI, ['Pending, Active]', 'Pending, Active, Failed]']);
    expect(issues(text)).toEqual([
      expect.objectContaining({ code: 'unreachable-state', ...positionOf(text, 'Failed') }),
    ]);
  });

  it('reports async transitions that lead back to where they started', () => {
    const text = edit(MINI, ['    event: idle-reclaim\n', '    async: { within: 1h }\n']);
    const [issue] = issues(text);
    expect(issue).toMatchObject({ code: 'async-cycle', ...positionOf(text, 'id: idle-reclaim') });
    expect(issue?.message).toContain("'idle-reclaim' → 'provisioning-completes' → back");
  });

  it('reports an async transition whose effects keep its guard true (a self-loop)', () => {
    const text = edit(MINI, [
      'transitions:\n',
      `transitions:
  - id: stays-active
    from: { state: Active }
    to: { lastUpdateStatus: Successful }
    async: { within: 10s }
    cite: [{ source: doc, quote: "Stays." }]
`,
    ]);
    expect(issues(text)).toEqual([
      expect.objectContaining({ code: 'async-cycle', ...positionOf(text, 'id: stays-active') }),
    ]);
  });
});

describe('coverage', () => {
  it('reports the first reachable combination no rule covers, at the operation', () => {
    const text = edit(MINI, [UPDATE_ABSENT, '']);
    const [issue] = issues(text);
    expect(issue).toMatchObject({
      code: 'uncovered-combination',
      ...positionOf(text, 'UpdateFunctionCode:'),
    });
    expect(issue?.message).toBe(
      "operation 'UpdateFunctionCode': UpdateFunctionCode has no rule for state=Absent, lastUpdateStatus=none, input.revisionId=none.",
    );
  });

  it('ignores combinations no sequence can reach (Active before any update completed)', () => {
    expect(issues(edit(MINI, ['transitions:\n', `${INVOKE}transitions:\n`]))).toEqual([]);
  });

  it('checks every reading and names the one left uncovered', () => {
    const text = edit(
      MINI,
      ['transitions:\n', `${INVOKE}transitions:\n`],
      [
        'when: { state: Pending }\n        expect: { error: ResourceConflictException }',
        'when: { state: Pending, reading: one }\n        expect: { error: ResourceConflictException }',
      ],
    );
    const [issue] = issues(text);
    expect(issue?.message).toBe(
      "operation 'Invoke': Invoke has no rule for state=Pending, lastUpdateStatus=none under reading 'two' (1 more uncovered case).",
    );
  });

  it('skips the analyses when a rule could not be read, instead of reporting false gaps', () => {
    const text = edit(MINI, [
      'when: { state: Absent }\n        expect: { error',
      'when: { stat: Absent }\n        expect: { error',
    ]);
    expect(issues(text).map((i) => i.code)).toEqual(['unknown-field']);
  });
});
