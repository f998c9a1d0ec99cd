import { describe, expect, it } from 'vitest';
import { LambdaApiError } from '../../lambda/LambdaApi.ts';
import {
  applySettingsChange,
  DEFAULT_SETTINGS,
  imageCode,
  sameDeployment,
  zipCode,
} from './Deployment.ts';
import { parseFunctionRef, resolveQualifier } from './functionRef.ts';
import { lastModifiedAt } from './FunctionRecord.ts';
import { RevisionIdSource } from './RevisionIdSource.ts';
import { resolveSimulationOptions } from './SimulationOptions.ts';
import { TEST_TIMING } from './simulation.testkit.ts';
import { Timeline } from './Timeline.ts';
import type { TimedTransition } from './Timeline.ts';

describe('RevisionIdSource', () => {
  it('issues distinct version-4 UUIDs, the same sequence for the same seed', () => {
    const a = new RevisionIdSource('s');
    const ids = Array.from({ length: 1000 }, () => a.next());
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new RevisionIdSource('s').next()).toBe(ids[0]);
    expect(new RevisionIdSource('t').next()).not.toBe(ids[0]);
    expect(a.issued).toBe(1000);
  });
});

describe('Timeline', () => {
  it('hands out due transitions in time order, ties in scheduling order, and nothing early', () => {
    const timeline = new Timeline();
    const t = (ticket: number): TimedTransition => ({
      kind: 'updated',
      record: {} as never,
      ticket,
    });
    timeline.schedule(30, t(1));
    timeline.schedule(10, t(2));
    timeline.schedule(30, t(3));
    timeline.schedule(20, t(4));
    expect(timeline.takeDue(5)).toBeUndefined();
    const order: number[] = [];
    for (let next = timeline.takeDue(30); next !== undefined; next = timeline.takeDue(30)) {
      if (next.kind === 'updated') order.push(next.ticket);
    }
    expect(order).toEqual([2, 4, 1, 3]);
    timeline.schedule(1, t(5));
    timeline.clear();
    expect(timeline.size).toBe(0);
  });
});

describe('parseFunctionRef', () => {
  it.each([
    ['f', 'f', undefined],
    ['f:1', 'f', '1'],
    ['f:$LATEST', 'f', '$LATEST'],
    ['123456789012:function:f', 'f', undefined],
    ['arn:aws:lambda:us-east-1:123456789012:function:f:7', 'f', '7'],
  ])('reads %s', (ref, name, qualifier) => {
    expect(parseFunctionRef(ref)).toEqual({ name, qualifier });
  });

  it.each(['', 'a:b:c:d', 'arn:aws:s3:::bucket', 'bad name'])('rejects %j with a 400', (ref) => {
    expect(() => parseFunctionRef(ref)).toThrow(LambdaApiError);
  });

  it('rejects an explicit qualifier that contradicts the one in the name', () => {
    expect(resolveQualifier({ name: 'f', qualifier: '1' }, '1')).toBe('1');
    expect(() => resolveQualifier({ name: 'f', qualifier: '1' }, '2')).toThrow(LambdaApiError);
  });
});

describe('Deployment', () => {
  it('compares code by CodeSha256 and configuration member by member', () => {
    const code = zipCode(new Uint8Array([1, 2, 3]));
    const a = { code, settings: DEFAULT_SETTINGS };
    const b = {
      code: zipCode(new Uint8Array([1, 2, 3])),
      settings: { ...DEFAULT_SETTINGS, environment: {} },
    };
    expect(sameDeployment(a, b)).toBe(true);
    const changed = applySettingsChange(DEFAULT_SETTINGS, {
      Environment: { Variables: { A: '1' } },
    });
    expect(sameDeployment(a, { code, settings: changed })).toBe(false);
    expect(sameDeployment(a, { code: imageCode('x:c1'), settings: DEFAULT_SETTINGS })).toBe(false);
  });

  it('keeps a private copy of the zip', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const code = zipCode(bytes);
    bytes[0] = 9;
    expect(code.kind === 'Zip' ? code.zip[0] : undefined).toBe(1);
  });
});

describe('simulation options', () => {
  it('apply the documented defaults', () => {
    const resolved = resolveSimulationOptions({ clock: () => 0, timing: TEST_TIMING });
    expect(resolved).toMatchObject({
      imagePendingInvoke: 'allow',
      region: 'us-east-1',
      accountId: '123456789012',
    });
    expect(resolved.mutants.size).toBe(0);
  });

  it('reject a negative or non-finite timing', () => {
    expect(() =>
      resolveSimulationOptions({
        clock: () => 0,
        timing: { ...TEST_TIMING, provisionMs: Number.NaN },
      }),
    ).toThrow(/timing.provisionMs/);
  });

  it('format LastModified as Lambda does', () => {
    expect(lastModifiedAt(0)).toBe('1970-01-01T00:00:00.000+0000');
  });
});
