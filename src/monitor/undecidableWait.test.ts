import { beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import { parseSpec } from '../spec/parseSpec.ts';
import type { Scalar, Spec } from '../spec/Spec.ts';
import { edit, MINI_SPEC } from '../spec/spec.testkit.ts';
import { initialState, type AbstractState, type RevisionTrack } from './AbstractState.ts';
import { FunctionMonitor } from './Monitor.ts';
import { undecidableWait, type UndecidableWaitOptions } from './undecidableWait.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

const get: Operation = { name: 'GetFunction', fn: 'fn0', args: {} };
const polls = (unobservable: readonly string[] = []): UndecidableWaitOptions => ({
  reading: 'seed',
  unobservable: new Set(unobservable),
  probes: [get],
});

/** A state of `s`: its initial values with `values` over them, RevisionId last seen `r1`. */
function stateOf(
  s: Spec,
  values: Readonly<Record<string, Scalar>>,
  revision: RevisionTrack = { last: 'r1', status: 'same' },
): AbstractState {
  const initial = initialState(s);
  return { values: { ...initial.values, ...values }, revision, since: 0 };
}

const FAILED_IMAGE = {
  state: 'Failed',
  stateReason: 'ImageDeleted',
  packageType: 'Image',
  liveCode: 1,
  liveConfig: 1,
  stagedCode: 2,
  stagedConfig: 1,
} as const;

describe('undecidableWait on the shipped spec', () => {
  it('finds an update that may have completed on a Failed function undecidable: GetFunction does not observe LastUpdateStatus there', () => {
    const inProgress = stateOf(spec, { ...FAILED_IMAGE, lastUpdateStatus: 'InProgress' });
    const done = stateOf(spec, {
      ...FAILED_IMAGE,
      lastUpdateStatus: 'Successful',
      liveCode: 2,
    });
    const why = undecidableWait(spec, [inProgress, done], polls());
    expect(why?.transitions).toEqual(['update-completes']);
    expect(why?.pending).toMatch(/state=Failed lastUpdateStatus=InProgress/);
    expect(why?.settled).toMatch(/state=Failed lastUpdateStatus=Successful/);
  });

  it('finds a failing update of a Failed function undecidable when it stages the code already live: its RevisionId may stay, so nothing shows it', () => {
    const armed = stateOf(spec, {
      ...FAILED_IMAGE,
      stagedCode: 1,
      lastUpdateStatus: 'InProgress',
      updating: 'armed',
    });
    expect(undecidableWait(spec, [armed], polls())?.transitions).toEqual(['update-fails']);
  });

  it('waits for a failing update of a Failed function that staged new code: the code $LATEST shows reveals it', () => {
    const armed = stateOf(spec, {
      ...FAILED_IMAGE,
      lastUpdateStatus: 'InProgress',
      updating: 'armed',
    });
    expect(undecidableWait(spec, [armed], polls())).toBeUndefined();
    expect(undecidableWait(spec, [armed], polls(['codeRevision']))?.transitions).toEqual([
      'update-fails',
    ]);
  });

  it('waits for an update of a Failed function that cannot have completed yet: completing must change the RevisionId', () => {
    const inProgress = stateOf(spec, { ...FAILED_IMAGE, lastUpdateStatus: 'InProgress' });
    expect(undecidableWait(spec, [inProgress], polls())).toBeUndefined();
  });

  it('waits for an update of an Active function: GetFunction observes LastUpdateStatus there', () => {
    const active = { ...FAILED_IMAGE, state: 'Active', stateReason: 'none' };
    const inProgress = stateOf(spec, { ...active, lastUpdateStatus: 'InProgress' });
    const done = stateOf(spec, { ...active, lastUpdateStatus: 'Successful', liveCode: 2 });
    expect(undecidableWait(spec, [inProgress, done], polls())).toBeUndefined();
    const armed = stateOf(spec, { ...active, lastUpdateStatus: 'InProgress', updating: 'armed' });
    expect(undecidableWait(spec, [armed], polls())).toBeUndefined();
  });

  it('finds nothing to decide when no transition is pending', () => {
    const active = stateOf(spec, { state: 'Active', lastUpdateStatus: 'Successful', liveCode: 1 });
    expect(undecidableWait(spec, [active], polls())).toBeUndefined();
  });

  it('finds the wait a monitor is left with after an image is deleted during an update undecidable', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    const steps: [Operation, Observation][] = [
      [
        { name: 'CreateFunction', fn: 'fn0', args: { packageType: 'Image', code: 1, config: 1 } },
        ok({
          State: 'Pending',
          StateReasonCode: 'Creating',
          StateReason: 'The function is being created.',
          RevisionId: 'r1',
          PackageType: 'Image',
        }),
      ],
      [get, ok({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' })],
      [
        { name: 'UpdateFunctionCode', fn: 'fn0', args: { code: 2, revisionId: 'none' } },
        ok({
          State: 'Active',
          LastUpdateStatus: 'InProgress',
          LastUpdateStatusReasonCode: 'Creating',
          LastUpdateStatusReason: 'The function is being created.',
          RevisionId: 'r3',
        }),
      ],
    ];
    let at = 0;
    for (const [op, obs] of steps) {
      expect(m.step(op, obs, at, at + 10).kind).toBe('conformant');
      at += 100;
    }
    expect(undecidableWait(spec, m.possibleStates, polls())).toBeUndefined();
    m.inject('image-deleted', at);
    const failed = ok({
      State: 'Failed',
      StateReasonCode: 'ImageDeleted',
      StateReason: 'The image was deleted.',
      RevisionId: 'r4',
    });
    expect(m.step(get, failed, at + 10, at + 20).kind).toBe('conformant');
    expect(undecidableWait(spec, m.possibleStates, polls())?.transitions).toEqual([
      'update-completes',
    ]);
  });
});

function ok(fields: Record<string, string>): Observation {
  return { kind: 'ok', fields };
}

describe('undecidableWait reads what the rules observe, not names', () => {
  // The mini spec's provisioning may keep the RevisionId, so only the State can reveal it.
  const text = (observe: string): string =>
    edit(
      MINI_SPEC,
      [
        'to: { state: Active, lastUpdateStatus: Successful, revisionId: fresh }',
        'to: { state: Active, lastUpdateStatus: Successful, revisionId: maybe }',
      ],
      [
        'transitions:\n',
        `  GetFunction:
    inputs: []
    rules:
      - id: get
        when: {}
        expect: ok
        observe: ${observe}
        cite: [{ source: doc, quote: "Active." }]
        evidence: documented
transitions:
`,
      ],
    );
  const pending = (s: Spec): AbstractState => stateOf(s, { state: 'Pending', liveCode: 1 });

  it('waits when the rule observes the field the transition changes', () => {
    const mini = parseSpec(text('{ State: $state, RevisionId: present }'), 'mini.yaml');
    expect(undecidableWait(mini, [pending(mini)], polls())).toBeUndefined();
  });

  it('finds the wait undecidable when the rule does not observe it, or the target cannot show it', () => {
    const blind = parseSpec(text('{ RevisionId: present }'), 'mini.yaml');
    expect(undecidableWait(blind, [pending(blind)], polls())?.transitions).toEqual([
      'provisioning-completes',
    ]);
    const mini = parseSpec(text('{ State: $state, RevisionId: present }'), 'mini.yaml');
    expect(undecidableWait(mini, [pending(mini)], polls(['State']))?.transitions).toEqual([
      'provisioning-completes',
    ]);
  });

  it('waits when the transition must change the RevisionId the rule observes', () => {
    const fresh = parseSpec(
      edit(text('{ RevisionId: present }'), ['revisionId: maybe }', 'revisionId: fresh }']),
      'mini.yaml',
    );
    expect(undecidableWait(fresh, [pending(fresh)], polls())).toBeUndefined();
    // Before any RevisionId was seen, a fresh one cannot be told from the old one.
    const unseen = stateOf(fresh, { state: 'Pending' }, { last: null, status: 'same' });
    expect(undecidableWait(fresh, [unseen], polls())?.transitions).toEqual([
      'provisioning-completes',
    ]);
  });
});
