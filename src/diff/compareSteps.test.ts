import { describe, expect, it } from 'vitest';
import type { Observation } from '../lambda/Observation.ts';
import { comparable, compareSides, normaliseText } from './compareSteps.ts';
import type { SideRun, SideStep } from './DiffSide.ts';

function step(
  command: number,
  observation: Observation,
  verdict: SideStep['verdict'] = 'conformant',
): SideStep {
  return { command, text: `Op${command}(fn0)`, fn: 'fn0', observation, verdict };
}
const ok = (fields: Record<string, string>): Observation => ({ kind: 'ok', fields });
const conflict: Observation = {
  kind: 'error',
  type: 'ResourceConflictException',
  status: 409,
  message: 'The resource arn:aws:lambda:us-east-1:123456789012:function:lc-ab12-fn0 is busy',
};

describe('comparable', () => {
  it('leaves out RevisionId, error messages, accounts, regions and real names', () => {
    expect(comparable(ok({ State: 'Active', RevisionId: 'r1' }))).toBe(
      comparable(ok({ RevisionId: 'r2', State: 'Active' })),
    );
    expect(comparable({ ...conflict, message: 'other words' })).toBe(comparable(conflict));
    expect(comparable({ kind: 'inconclusive', reason: 'throttled' })).toBeUndefined();
    expect(normaliseText(conflict.message)).toBe(
      'The resource arn:aws:lambda:<region>:<account>:function:fn0 is busy',
    );
  });
});

describe('compareSides', () => {
  it('reports differing observations as both allowed when both monitors accept them', () => {
    const a: SideRun = { steps: [step(0, ok({ State: 'Pending' })), step(1, conflict)] };
    const b: SideRun = { steps: [step(0, ok({ State: 'Active' })), step(1, conflict)] };
    const { entries, compared } = compareSides(3, a, b);
    expect(compared).toBe(2);
    expect(entries).toEqual([
      {
        sequence: 3,
        command: 0,
        operation: 'Op0(fn0)',
        kind: 'both-allowed',
        a: { observation: 'ok {State: Pending}', verdict: 'conformant' },
        b: { observation: 'ok {State: Active}', verdict: 'conformant' },
      },
    ]);
  });

  it('names the side that diverged and stops comparing where it stopped', () => {
    const divergence = {
      ruleId: 'update-code-in-progress',
      category: 'forbidden-accepted',
      culprit: 'Op1(fn0)',
    } as const;
    const a: SideRun = { steps: [step(0, conflict), step(1, conflict), step(2, conflict)] };
    const b: SideRun = {
      steps: [step(0, conflict), step(1, ok({ State: 'Active' }), 'divergence')],
      divergence,
    };
    const { entries, compared } = compareSides(0, a, b);
    expect(compared).toBe(2);
    expect(entries.map((e) => [e.command, e.kind, e.b.divergence?.ruleId])).toEqual([
      [1, 'one-conforms', 'update-code-in-progress'],
    ]);
  });

  it('compares where each function settled when the sides polled a different number of times', () => {
    const a: SideRun = {
      steps: [step(0, ok({ State: 'Pending' })), step(0, ok({ State: 'Active' }))],
    };
    const b: SideRun = { steps: [step(0, ok({ State: 'Active' }))] };
    expect(compareSides(0, a, b)).toEqual({ entries: [], compared: 1 });
  });
});

describe('compareSides with fields a side cannot see', () => {
  it('leaves out unobservable fields', () => {
    const a: SideRun = { steps: [step(0, ok({ State: 'Active', ranCode: '1' }))] };
    const b: SideRun = { steps: [step(0, ok({ State: 'Active', ranCode: '2' }))] };
    expect(compareSides(0, a, b).entries).toHaveLength(1);
    const { entries, compared } = compareSides(0, a, b, new Set(['ranCode']));
    expect(compared).toBe(1);
    expect(entries).toEqual([]);
  });

  it('compares an unrecorded answer on the fields it has', () => {
    const unrecorded: Observation = { kind: 'ok', fields: { State: 'Active' }, unrecorded: true };
    const a: SideRun = { steps: [step(0, unrecorded)] };
    const same: SideRun = {
      steps: [step(0, ok({ State: 'Active', LastUpdateStatus: 'Successful' }))],
    };
    expect(compareSides(0, a, same).entries).toEqual([]);
    expect(compareSides(0, same, a).entries).toEqual([]);
    const other: SideRun = {
      steps: [step(0, ok({ State: 'Pending', LastUpdateStatus: 'Successful' }))],
    };
    expect(
      compareSides(0, a, other).entries.map((e) => [e.a.observation, e.b.observation]),
    ).toEqual([['ok {State: Active}', 'ok {State: Pending}']]);
  });
});

describe('compareSides with revisions a side cannot tell', () => {
  it('compares codeRevision only where both sides report it, and always absent-when-missing fields', () => {
    const told = ok({ State: 'Active', codeRevision: '2' });
    const untold: SideRun = { steps: [step(0, ok({ State: 'Active' }))] };
    expect(compareSides(0, untold, { steps: [step(0, told)] }).entries).toEqual([]);
    const wrong: SideRun = { steps: [step(0, ok({ State: 'Active', codeRevision: '3' }))] };
    expect(compareSides(0, wrong, { steps: [step(0, told)] }).entries).toHaveLength(1);
    const reason: SideRun = { steps: [step(0, ok({ State: 'Active', StateReason: 'x' }))] };
    expect(compareSides(0, untold, reason).entries).toHaveLength(1);
  });
});

describe('compareSides past a divergence', () => {
  it('goes on comparing after a side diverged, marking what follows it, with error messages', () => {
    const divergence = {
      ruleId: 'update-code-in-progress',
      category: 'forbidden-accepted',
      culprit: 'Op1(fn0)',
    } as const;
    const a: SideRun = {
      steps: [step(0, conflict), step(1, conflict), step(2, conflict), step(3, conflict)],
    };
    const b: SideRun = {
      steps: [
        step(0, conflict),
        { ...step(1, ok({ State: 'Active' }), 'divergence'), divergence },
        step(2, conflict),
        step(3, ok({ State: 'Failed' })),
      ],
    };
    const { entries, compared } = compareSides(0, a, b);
    expect(compared).toBe(4);
    expect(entries.map((e) => [e.command, e.kind, e.b.divergence?.ruleId, e.after])).toEqual([
      [1, 'one-conforms', 'update-code-in-progress', undefined],
      [3, 'both-allowed', undefined, ['b']],
    ]);
    expect(entries[1]?.a.message).toBe(
      'The resource arn:aws:lambda:<region>:<account>:function:fn0 is busy',
    );
    expect(entries[1]?.b.message).toBeUndefined();
  });
});
