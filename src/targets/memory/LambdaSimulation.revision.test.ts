import { describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { LambdaSimulation } from './LambdaSimulation.ts';
import {
  activeZip,
  arnOf,
  createZip,
  env,
  expectApiError,
  fixture,
  TEST_TIMING,
} from './simulation.testkit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const STALE_TEXT =
  'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id';

describe('LambdaSimulation: RevisionId', () => {
  it('is a UUID that changes on every accepted update, transition and PublishVersion and never comes back', () => {
    const f = fixture();
    const seen: string[] = [createZip(f, 'f').RevisionId];
    const look = (): void => {
      seen.push(f.sim.getFunctionConfiguration('f').RevisionId);
    };
    f.advance(TEST_TIMING.provisionMs);
    look();
    seen.push(f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) }).RevisionId);
    f.advance(TEST_TIMING.updateMs);
    look();
    f.sim.publishVersion('f', {});
    look();
    f.sim.inject('idle-reclaim', 'f');
    look();
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of seen) expect(id).toMatch(UUID);
  });

  // Real AWS, recorded (localstack TestLambdaTags::test_tag_lifecycle, 25-11-2025): <uuid:1> →
  // <uuid:2> after TagResource → <uuid:3> after an overwriting TagResource → <uuid:4> after
  // UntagResource.
  it('changes on every TagResource and UntagResource, as real AWS was recorded doing', () => {
    const f = fixture();
    activeZip(f, 'f');
    const seen = [f.sim.getFunctionConfiguration('f').RevisionId];
    f.sim.tagResource(arnOf('f'), { a: 'b' });
    seen.push(f.sim.getFunctionConfiguration('f').RevisionId);
    f.sim.tagResource(arnOf('f'), { a: 'c' });
    seen.push(f.sim.getFunctionConfiguration('f').RevisionId);
    f.sim.untagResource(arnOf('f'), ['a']);
    seen.push(f.sim.getFunctionConfiguration('f').RevisionId);
    expect(new Set(seen).size).toBe(4);
  });

  it('is not changed by a refused TagResource nor by a PublishVersion that publishes nothing', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.publishVersion('f', {});
    const before = f.sim.getFunctionConfiguration('f').RevisionId;
    expect(f.sim.publishVersion('f', {}).Version).toBe('1');
    expect(f.sim.getFunctionConfiguration('f').RevisionId).toBe(before);
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    const updating = f.sim.getFunctionConfiguration('f').RevisionId;
    expectApiError(
      () => f.sim.tagResource(arnOf('f'), { a: 'b' }),
      'ResourceConflictException',
      409,
    );
    expect(f.sim.getFunctionConfiguration('f').RevisionId).toBe(updating);
  });

  it('"Stale RevisionId: PreconditionFailedException, 412" — for UpdateFunctionCode, UpdateFunctionConfiguration and PublishVersion', () => {
    const f = fixture();
    const stale = createZip(f, 'f').RevisionId;
    f.advance(TEST_TIMING.provisionMs);
    const calls = [
      () => f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2), RevisionId: stale }),
      () => f.sim.updateFunctionConfiguration('f', { Environment: env(2), RevisionId: stale }),
      () => f.sim.publishVersion('f', { RevisionId: stale }),
    ];
    for (const call of calls) {
      expect(expectApiError(call, 'PreconditionFailedException', 412).message).toBe(STALE_TEXT);
    }
    const current = f.sim.getFunctionConfiguration('f').RevisionId;
    expect(
      f.sim.updateFunctionConfiguration('f', { Environment: env(2), RevisionId: current })
        .LastUpdateStatus,
    ).toBe('InProgress');
  });

  it('state conflicts (409) are checked before the RevisionId (412)', () => {
    const f = fixture();
    const stale = createZip(f, 'f').RevisionId;
    expectApiError(
      () => f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2), RevisionId: 'x' }),
      'ResourceConflictException',
      409,
    );
    f.advance(TEST_TIMING.provisionMs);
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    expectApiError(
      () => f.sim.publishVersion('f', { RevisionId: stale }),
      'ResourceConflictException',
      409,
    );
  });

  it('is deterministic per seed and distinct between simulations with different seeds', () => {
    const a = fixture();
    const b = fixture();
    expect(createZip(a, 'f').RevisionId).toBe(createZip(b, 'f').RevisionId);
    const other = new LambdaSimulation({ clock: () => 0, timing: TEST_TIMING, revisionSeed: 'x' });
    const otherId = createZip({ sim: other, advance: () => undefined }, 'f').RevisionId;
    expect(otherId).not.toBe(a.sim.getFunctionConfiguration('f').RevisionId);
  });
});

describe('LambdaSimulation: lazy time', () => {
  function scenario(steps: readonly number[]): { f: string; g: string } {
    const x = fixture();
    activeZip(x, 'f');
    activeZip(x, 'g');
    x.sim.inject('idle-reclaim', 'f');
    // f's reactivation is scheduled first but falls due last (2000 ms vs 500 ms).
    expectApiError(
      () => x.sim.invoke('f', undefined, '{}'),
      'CodeArtifactUserPendingException',
      409,
    );
    x.advance(10);
    x.sim.updateFunctionCode('g', { ZipFile: buildHandlerZip(2) });
    for (const step of steps) {
      x.advance(step);
      x.sim.listFunctions();
    }
    return {
      f: x.sim.getFunctionConfiguration('f').RevisionId,
      g: x.sim.getFunctionConfiguration('g').RevisionId,
    };
  }

  it('applies every due transition in time order before a call, however far the clock jumped', () => {
    expect(scenario([5000])).toEqual(scenario([600, 1500, 2900]));
  });

  it('changes nothing between calls: no timers, the clock is read only by the next call', async () => {
    let reads = 0;
    let time = 0;
    const sim = new LambdaSimulation({
      clock: () => {
        reads += 1;
        return time;
      },
      timing: TEST_TIMING,
    });
    createZip({ sim, advance: () => undefined }, 'f');
    const readsAfterCreate = reads;
    time = 10_000;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(reads).toBe(readsAfterCreate);
    expect(sim.getFunctionConfiguration('f').State).toBe('Active');
  });
});
