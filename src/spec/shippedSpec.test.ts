import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../lambda/catalogue.ts';
import { lintSpec } from './lintSpec.ts';
import { loadSpec } from './loadSpec.ts';
import { parseSpec } from './parseSpec.ts';
import type { Citation, Rule, Spec } from './Spec.ts';
import { positionOf } from './spec.testkit.ts';

const FILE = 'spec/lambda-lifecycle.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const spec: Spec = parseSpec(TEXT, FILE);

function rule(id: string): Rule {
  const found = [...spec.operations.values()].flatMap((op) => op.rules).find((r) => r.id === id);
  if (found === undefined) throw new Error(`no rule ${id}`);
  return found;
}

describe('the shipped spec', () => {
  it('loads and lints clean', async () => {
    expect((await loadSpec(FILE)).hash).toBe(createHash('sha256').update(TEXT).digest('hex'));
    expect(await lintSpec(FILE)).toEqual([]);
  });

  it('cites a declared primary source for every rule, transition and reading: a quote or a recording', () => {
    const cited: [string, readonly Citation[]][] = [
      ...[...spec.operations.values()].flatMap((op) =>
        op.rules.map((r) => [`rule ${r.id}`, r.cite] as [string, readonly Citation[]]),
      ),
      ...spec.transitions.map(
        (t) => [`transition ${t.id}`, t.cite] as [string, readonly Citation[]],
      ),
      ...[...spec.readings.values()].map(
        (r) => [`reading ${r.id}`, r.cite] as [string, readonly Citation[]],
      ),
    ];
    expect(cited.length).toBeGreaterThan(60);
    const problems = cited.flatMap(([owner, cite]) => [
      ...(cite.length === 0 ? [`${owner}: no cite`] : []),
      ...cite
        .filter((c) => (c.kind === 'document' ? c.quote.trim() === '' : c.keys.length === 0))
        .map(() => `${owner}: empty citation`),
      ...cite
        .filter((c) => spec.sources.get(c.source)?.kind !== c.kind)
        .map((c) => `${owner}: ${c.source} is not a ${c.kind} source`),
    ]);
    expect(problems).toEqual([]);
  });

  it('states the evidence of every rule, transition and time bound; no citation names the research summary', () => {
    const owners = [
      ...[...spec.operations.values()].flatMap((op) => op.rules),
      ...spec.transitions,
    ];
    expect(owners.filter((o) => o.evidence === undefined).map((o) => o.id)).toEqual([]);
    const all = [
      ...owners.flatMap((o) => o.cite),
      ...[...spec.readings.values()].flatMap((r) => r.cite),
    ];
    expect(all.filter((c) => c.source === 'lambda-facts')).toEqual([]);
    expect(spec.sources.get('lambda-facts')?.kind).toBe('summary');
    const inferred = owners.filter((o) => o.evidence === 'inferred');
    expect(inferred.filter((o) => o.note === undefined).map((o) => o.id)).toEqual([]);
    for (const t of spec.transitions) {
      if (t.trigger.kind !== 'async') continue;
      expect(t.trigger.bound?.evidence, t.id).toBeDefined();
      expect(t.trigger.bound?.cite.length, t.id).toBeGreaterThan(0);
    }
  });

  it('holds the recorded RevisionId facts: fresh on publish, tag and completions; same on a no-op publish; maybe where nothing was recorded', () => {
    const revision = (id: string): string | undefined =>
      rule(id).outcomes.find((o) => o.kind === 'ok')?.effects.revisionId;
    expect(revision('publish')).toBe('fresh');
    expect(revision('publish-unchanged')).toBe('same');
    expect(revision('tag')).toBe('fresh');
    const transition = (id: string): string | undefined =>
      spec.transitions.find((t) => t.id === id)?.to.revisionId;
    expect(transition('provisioning-completes')).toBe('fresh');
    expect(transition('update-completes')).toBe('fresh');
    for (const id of [
      'provisioning-fails',
      'reactivation-completes',
      'reactivation-fails',
      'update-fails',
      'idle-reclaim',
      'image-deleted',
    ]) {
      expect(transition(id), id).toBe('maybe');
    }
  });

  it('names only operations every target maps, and has the documented fields', () => {
    for (const name of spec.operations.keys()) expect(OPERATION_NAMES).toContain(name);
    expect(spec.fields.get('state')).toMatchObject({ type: 'enum', initial: 'Absent' });
    expect(spec.fields.get('lastUpdateStatus')).toMatchObject({ type: 'enum', initial: 'none' });
    expect(spec.defaultReading).toBe('seed');
    expect(spec.events).toEqual([
      'idle-reclaim',
      'image-deleted',
      'provisioning-failure',
      'update-failure',
    ]);
  });

  it('gives error outcomes the rule-level effects (invoke-inactive starts reactivation)', () => {
    const { outcomes } = rule('invoke-inactive');
    expect(outcomes).toHaveLength(1);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ kind: 'error', types: '*', statuses: '*' });
      expect(outcome.effects).toEqual({
        set: {
          state: { kind: 'literal', value: 'Pending' },
          pendingReason: { kind: 'literal', value: 'Restoring' },
          stateReason: { kind: 'literal', value: 'none' },
        },
        revisionId: 'maybe',
      });
    }
  });

  it('reads guards, observations, messages, increments, readings and triggers', () => {
    expect(rule('create').outcomes[0]).toMatchObject({
      kind: 'ok',
      observe: {
        State: { kind: 'in', values: ['Pending'] },
        LastUpdateStatus: { kind: 'absent' },
        PackageType: { kind: 'equals', ref: { from: 'input', name: 'packageType' } },
      },
    });
    expect(rule('create-existing').when.fields).toEqual({
      state: { kind: 'notIn', values: ['Absent'] },
    });
    expect(rule('invoke-pending-image-seed').when.readings).toEqual(['seed']);
    expect(rule('invoke-pending-image-seed').when.fields['pendingReason']).toEqual({
      kind: 'in',
      values: ['Creating'],
    });
    expect(rule('update-code-stale-revision').when.inputs).toEqual({
      revisionId: { kind: 'in', values: ['stale'] },
    });
    const failed = rule('invoke-failed').outcomes[0];
    expect(failed).toMatchObject({ kind: 'error', types: '*', statuses: '*' });
    const inProgress = rule('update-code-in-progress').outcomes[0];
    expect(
      inProgress?.kind === 'error' &&
        inProgress.message?.test('An update is in progress for resource: x'),
    ).toBe(true);
    expect(rule('publish').outcomes[0]?.effects.set['versions']).toEqual({
      kind: 'increment',
      by: 1,
    });
    expect(rule('tag-pending').outcomes).toEqual([
      {
        kind: 'unspecified',
        effects: { set: { ownTag: { kind: 'literal', value: 'set' } }, revisionId: 'maybe' },
      },
    ]);
    const completes = spec.transitions.find((t) => t.id === 'provisioning-completes');
    // No page states a bound: the FunctionActiveV2 waiter's budget, 1 s × 300 attempts.
    expect(completes?.trigger).toMatchObject({ kind: 'async', withinMs: 5 * 60_000 });
    expect(spec.transitions.find((t) => t.id === 'idle-reclaim')?.trigger).toEqual({
      kind: 'event',
      event: 'idle-reclaim',
    });
  });

  it('locates rules and transitions at their `id:`', () => {
    expect(rule('invoke-inactive').location).toEqual({
      file: FILE,
      ...positionOf(TEXT, 'id: invoke-inactive'),
    });
    const t = spec.transitions.find((x) => x.id === 'update-completes');
    expect(t?.location).toEqual({ file: FILE, ...positionOf(TEXT, 'id: update-completes') });
  });
});
