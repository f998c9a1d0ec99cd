import { CREATED_FIELDS } from '../monitor/answers.testkit.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { FunctionMonitor } from '../monitor/Monitor.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { valueKey, type AbstractState } from '../monitor/AbstractState.ts';
import { applyEffects, guardHolds } from '../monitor/evaluate.ts';
import { eventHasEffect, eventHasEffectInFull } from './eventEffect.ts';
import { acrossFaithfulAndMutants, MonitoredRun } from '../monitor/acrossTargets.testkit.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

const op = (name: string, args: Operation['args'] = {}): Operation => ({ name, fn: 'fn0', args });
const ok = (fields: Record<string, string | number>): Observation => ({ kind: 'ok', fields });
const EVENTS = ['idle-reclaim', 'image-deleted', 'provisioning-failure', 'update-failure'];

/** The events that have an effect on the function `m` watches, as the generator would ask. */
function effective(m: FunctionMonitor): string[] {
  return EVENTS.filter((e) => eventHasEffect(spec, m.possibleStates, e, 'seed'));
}

/** Checks one observation at `at`; it must conform, or the test is about something else. */
function step(
  m: FunctionMonitor,
  operation: Operation,
  fields: Record<string, string | number>,
  at: number,
): void {
  expect(m.step(operation, ok(fields), at, at).kind).toBe('conformant');
}

/** A monitor of a Zip function created at 0 and read Active at 1000. */
function activeZip(): FunctionMonitor {
  const m = new FunctionMonitor(spec, { reading: 'seed' });
  const create = op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 });
  step(m, create, { ...CREATED_FIELDS }, 0);
  step(
    m,
    op('GetFunction'),
    { State: 'Active', LastUpdateStatus: 'Successful', RevisionId: 'r2' },
    1000,
  );
  return m;
}

describe('eventHasEffect: an event only where the spec gives it an effect', () => {
  it('none for a function that does not exist', () => {
    expect(effective(new FunctionMonitor(spec, { reading: 'seed' }))).toEqual([]);
  });

  it('every event the function’s package type allows once it exists', () => {
    expect(effective(activeZip())).toEqual([
      'idle-reclaim',
      'provisioning-failure',
      'update-failure',
    ]);
  });

  it('counts the states async transitions may have reached: reclaim right after a create', () => {
    const m = new FunctionMonitor(spec, { reading: 'seed' });
    const create = op('CreateFunction', { packageType: 'Zip', code: 1, config: 1 });
    step(m, create, { ...CREATED_FIELDS }, 0);
    // Only Pending was observed, but provisioning may have completed since.
    expect(effective(m)).toContain('idle-reclaim');
  });

  it('never an arming event while the function may already be armed', () => {
    const m = activeZip();
    m.inject('update-failure', 2000);
    expect(effective(m)).toEqual(['idle-reclaim', 'provisioning-failure']);
    m.inject('provisioning-failure', 2000);
    expect(effective(m)).toEqual(['idle-reclaim']);
    // An update consumes the armed failure: once it has failed, arming has an effect again.
    step(
      m,
      op('UpdateFunctionCode', { code: 2, revisionId: 'none' }),
      {
        State: 'Active',
        LastUpdateStatus: 'InProgress',
        LastUpdateStatusReasonCode: 'Creating',
        LastUpdateStatusReason: 'The function is being created.',
        RevisionId: 'r3',
      },
      3000,
    );
    expect(effective(m)).not.toContain('update-failure');
    step(
      m,
      op('GetFunction'),
      {
        State: 'Active',
        LastUpdateStatus: 'Failed',
        LastUpdateStatusReasonCode: 'InternalError',
        LastUpdateStatusReason: 'An internal error occurred.',
        RevisionId: 'r3',
      },
      4000,
    );
    expect(effective(m)).toContain('update-failure');
  });

  it('none for an event no transition of the spec is triggered by', () => {
    expect(eventHasEffect(spec, activeZip().possibleStates, 'meteor', 'seed')).toBe(false);
  });
});

/**
 * The answer as first written (states told apart by their key text, every field compared): what
 * the faster {@link eventHasEffectInFull} and the remembered answers must agree with.
 */
function referenceEventHasEffect(
  states: readonly AbstractState[],
  event: string,
  reading: string,
): boolean {
  const triggered = spec.transitions.filter(
    (t) => t.trigger.kind === 'event' && t.trigger.event === event,
  );
  if (triggered.length === 0) return false;
  const asyncTransitions = spec.transitions.filter((t) => t.trigger.kind === 'async');
  const seen = new Map<string, AbstractState>();
  const work = [...states];
  for (const s of work) seen.set(valueKey(s), s);
  while (work.length > 0 && seen.size < 512) {
    const state = work.pop();
    if (state === undefined) break;
    for (const t of asyncTransitions) {
      if (!guardHolds(t.from, state, undefined, reading)) continue;
      const next = applyEffects(t.to, state, undefined, state.since);
      if (seen.has(valueKey(next))) continue;
      seen.set(valueKey(next), next);
      work.push(next);
    }
  }
  let someEffect = false;
  for (const state of seen.values()) {
    for (const t of triggered) {
      if (!guardHolds(t.from, state, undefined, reading)) continue;
      const after = applyEffects(t.to, state, undefined, state.since);
      if (Object.entries(after.values).every(([f, v]) => state.values[f] === v)) return false;
      someEffect = true;
    }
  }
  return someEffect;
}

/**
 * Runs commands on the memory target with one monitor per function and, before every command,
 * holds the remembered answer of every event against the answer worked out in full and against
 * the answer as first written.
 */
class EveryEventCompared extends MonitoredRun {
  compared = 0;
  effective = 0;

  protected override beforeCommand(cmd: HarnessCommand): void {
    const fn = cmd.kind === 'op' ? cmd.op.fn : cmd.kind === 'inject' ? cmd.fn : undefined;
    if (fn === undefined) return;
    const states = this.monitor(fn).possibleStates;
    for (const event of EVENTS) {
      const remembered = eventHasEffect(spec, states, event, 'seed');
      expect(remembered).toBe(eventHasEffectInFull(spec, states, event, 'seed'));
      expect(remembered).toBe(referenceEventHasEffect(states, event, 'seed'));
      this.compared++;
      if (remembered) this.effective++;
    }
  }
}

describe('eventHasEffect remembers its answers', () => {
  it('gives the answer worked out in full, on faithful and mutant targets', async () => {
    let compared = 0;
    let effective = 0;
    await acrossFaithfulAndMutants(
      spec,
      (session) => new EveryEventCompared(spec, session),
      (executor) => {
        compared += executor.compared;
        effective += executor.effective;
      },
    );
    // Many answers compared, both ways (else the comparison would prove little).
    expect(compared).toBeGreaterThan(5000);
    expect(effective).toBeGreaterThan(1000);
    expect(compared - effective).toBeGreaterThan(1000);
  }, 60_000);
});
