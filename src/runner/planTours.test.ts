import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { MEMORY_CAPABILITIES } from '../targets/memory/MemoryTarget.ts';
import { commandsArbitrary, maxTourLength } from '../commands/buildCommands.ts';
import { formatCommand } from '../commands/HarnessCommand.ts';
import { plannedPrefix } from '../commands/plannedPrefix.ts';
import { coverageTargets, planTours, toursOfRun } from './planTours.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

const ALL = (s: Spec): Set<string> => new Set([...s.operations.keys(), 'Wait', 'Settle', 'Inject']);

describe('planTours', () => {
  it('plans tours that together aim at every rule and transition of the shipped spec', () => {
    const tours = planTours(spec, {
      reading: spec.defaultReading,
      capabilities: MEMORY_CAPABILITIES,
      allowed: ALL(spec),
      maxLength: 20,
    });
    const aimed = tours.flatMap((t) => t.targets);
    expect([...aimed].sort()).toEqual(coverageTargets(spec).sort());
    for (const tour of tours) expect(tour.commands.length).toBeLessThanOrEqual(20);
    // Reading back what a write changed: an UpdateFunctionCode is followed by a GetFunction of
    // $LATEST (no qualifier: a version's answer does not show what $LATEST holds).
    const flat = tours.flatMap((t) => t.commands.map(formatCommand));
    const readBack = flat.filter(
      (c, i) =>
        c.startsWith('UpdateFunctionCode(fn0') &&
        flat[i + 1] === 'GetFunction(fn0, qualifier=none)',
    );
    expect(readBack.length).toBeGreaterThan(0);
  });

  it('goes through moves whose outcome the spec fixes where it can', () => {
    // TagResource of a Pending function is unspecified (a target may refuse it): the plan to
    // UntagResource's `untag` (Active, tagged) tags the function once it is Active, so that a
    // target that refuses the Pending tag still gets the untag the tour aims at.
    const tours = planTours(spec, {
      reading: spec.defaultReading,
      capabilities: MEMORY_CAPABILITIES,
      allowed: ALL(spec),
      maxLength: 20,
    });
    const tour = tours.find((t) => t.targets.includes('untag'));
    const cmds = tour?.commands.map(formatCommand) ?? [];
    const untag = cmds.indexOf('UntagResource(fn0)');
    const tag = cmds.lastIndexOf('TagResource(fn0)', untag);
    const active = cmds.findIndex((c) =>
      /^(WaitFunctionActiveV2|WaitPublishedVersionActive|Settle|Wait)\(/.test(c),
    );
    expect(untag).toBeGreaterThan(0);
    expect(active).toBeGreaterThanOrEqual(0);
    expect(tag).toBeGreaterThan(active);
  });

  it('uses only what the scenario and the target allow, and leaves out what they cannot reach', () => {
    const allowed = ALL(spec);
    allowed.delete('Settle');
    allowed.delete('Wait');
    const tours = planTours(spec, {
      reading: 'current',
      capabilities: { ...MEMORY_CAPABILITIES, virtualTime: false, packageTypes: ['Zip'] },
      allowed,
      maxLength: 12,
    });
    const cmds = tours.flatMap((t) => t.commands);
    expect(cmds.some((c) => c.kind === 'settle' || c.kind === 'wait')).toBe(false);
    expect(cmds.some((c) => c.kind === 'op' && c.op.args['packageType'] === 'Image')).toBe(false);
    const aimed = new Set(tours.flatMap((t) => t.targets));
    // Without a way to let time pass no async transition is planned; no Image rule without images;
    // no rule of another reading.
    expect(aimed.has('provisioning-completes')).toBe(false);
    expect(aimed.has('get-failed-image')).toBe(false);
    expect(aimed.has('invoke-pending-image-seed')).toBe(false);
    expect(aimed.has('get-pending-creating')).toBe(true);
    expect(aimed.has('provisioning-failure')).toBe(true);
  });

  it('is deterministic: the same spec and options give the same tours', () => {
    const options = {
      reading: spec.defaultReading,
      capabilities: MEMORY_CAPABILITIES,
      allowed: ALL(spec),
      maxLength: 16,
    };
    expect(planTours(spec, options)).toEqual(planTours(spec, options));
  });
});

describe('real-time tours', () => {
  const REAL_TIME = { ...MEMORY_CAPABILITIES, virtualTime: false };
  const allowed = (): Set<string> => {
    const a = ALL(spec);
    a.delete('Wait');
    return a;
  };
  const full = (): Set<string> =>
    new Set(
      planTours(spec, {
        reading: spec.defaultReading,
        capabilities: REAL_TIME,
        allowed: allowed(),
        maxLength: 16,
      }).flatMap((t) => t.targets),
    );

  it('leave what two commands reach to random sequences, and still aim at everything deeper', () => {
    const options = {
      reading: spec.defaultReading,
      capabilities: REAL_TIME,
      allowed: allowed(),
      maxLength: 16,
    };
    const deep = planTours(spec, { ...options, leaveShallow: 2 });
    const aimed = new Set(deep.flatMap((t) => t.targets));
    // Reached by one or two commands from a fresh start: left to random sequences.
    for (const id of ['create', 'get-absent', 'get-pending-creating', 'invoke-pending-creating'])
      expect(aimed.has(id), id).toBe(false);
    // Everything else some plan reaches is still aimed at.
    const shallowOnes = [...full()].filter((id) => !aimed.has(id));
    // Nothing two commands reach is left for a tour.
    expect(planTours(spec, { ...options, leaveShallow: 2, maxLength: 2 })).toEqual([]);
    expect(shallowOnes.length).toBeGreaterThan(10);
    for (const id of ['update-fails', 'reactivation-fails', 'get-update-failed', 'untag-inactive'])
      expect(aimed.has(id), id).toBe(true);
    expect(deep.length).toBeLessThan(planTours(spec, options).length);
  });

  it('with snapshots, publish a version after an update completed, so that its code is not the created one', () => {
    const tours = planTours(spec, {
      reading: spec.defaultReading,
      capabilities: REAL_TIME,
      allowed: allowed(),
      maxLength: 16,
      leaveShallow: 2,
      snapshots: true,
    });
    const snapshot = tours.find((t) => t.targets.includes('publish') && t.targets.length <= 4);
    expect(snapshot, 'a snapshot tour aiming at publish').toBeDefined();
    const cmds = (snapshot?.commands ?? []).map(formatCommand);
    const update = cmds.findIndex((c) => c.startsWith('UpdateFunctionCode('));
    const publish = cmds.findIndex((c) => c.startsWith('PublishVersion('));
    expect(update).toBeGreaterThan(0);
    // The update completes (a Settle or a waiter) before the publish.
    const between = cmds.slice(update, publish);
    expect(between.some((c) => c === 'Settle()' || c.startsWith('WaitFunctionUpdated'))).toBe(true);
    expect(publish).toBeGreaterThan(update);
  });
});

describe('planned sequences', () => {
  const base = { functions: 2, maxCommands: 30, weights: {}, capabilities: MEMORY_CAPABILITIES };
  const tours = () => toursOfRun(spec, { ...base, reading: spec.defaultReading });
  const options = { ...base, tours };

  it('start half the sequences with a planned tour, reproduced by the seed', () => {
    const texts = (seed: number): string[][] =>
      fc
        .sample(commandsArbitrary(spec, options), { seed, numRuns: 200 })
        .map((cmds) => [...cmds].map((c) => c.toString()));
    const first = texts(7);
    expect(texts(7)).toEqual(first);
    const planned0 = tours().map((t) => t.commands.map(formatCommand));
    const planned = first.filter((seq) =>
      planned0.some((tour) => tour.every((cmd, i) => seq[i] === cmd)),
    );
    expect(planned.length).toBeGreaterThan(60);
    expect(planned.length).toBeLessThan(140);
    for (const seq of first) expect(seq.length).toBeLessThanOrEqual(30);
    expect(maxTourLength(30)).toBe(20);
  });

  it('shrink a planned start by leaving commands out, all of them first', () => {
    const tour = tours()[0]?.commands ?? [];
    expect(tour.length).toBeGreaterThan(4);
    const arb = plannedPrefix(() => [{ commands: tour, targets: [] }]);
    const shrinks = [...arb.shrink(tour, undefined)].map((v) => v.value);
    expect(shrinks[0]).toEqual([]);
    for (const s of shrinks) {
      expect(s.length).toBeLessThan(tour.length);
      // What is left keeps its order.
      let at = 0;
      for (const cmd of s) {
        const found = tour.indexOf(cmd, at);
        expect(found).toBeGreaterThanOrEqual(at);
        at = found + 1;
      }
    }
    expect(shrinks.some((s) => s.length === tour.length - 1)).toBe(true);
  });
});
