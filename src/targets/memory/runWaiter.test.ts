import { describe, expect, it } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { runWaiter } from './runWaiter.ts';
import { activeZip, createZip, fixture, TEST_TIMING } from './simulation.testkit.ts';
import type { Fixture } from './simulation.testkit.ts';

/** Runs `waiter` on `f`, moving its clock; returns the end state and the time it took. */
function wait(f: Fixture, waiter: Parameters<typeof runWaiter>[1], name = 'f') {
  let waited = 0;
  const { state } = runWaiter(f.sim, waiter, name, (ms) => {
    waited += ms;
    f.advance(ms);
  });
  return { state, waited };
}

describe('runWaiter: the SDK waiters, polling the simulation once a second', () => {
  it('FunctionActiveV2 "Waits for the function\'s State to be Active": it polls while Pending and succeeds once provisioning completes', () => {
    const f = fixture();
    createZip(f, 'f');
    const { state, waited } = wait(f, 'WaitFunctionActiveV2');
    expect(state).toBe('SUCCESS');
    expect(waited).toBeGreaterThanOrEqual(TEST_TIMING.provisionMs - 1000);
    expect(f.sim.getFunctionConfiguration('f').State).toBe('Active');
  });

  it('FunctionActiveV2 fails on State Failed (a failed provisioning) and times out on an Inactive function after 300 checks', () => {
    const f = fixture();
    createZip(f, 'f');
    f.sim.inject('provisioning-failure', 'f');
    expect(wait(f, 'WaitFunctionActiveV2').state).toBe('FAILURE');
    const g = fixture();
    activeZip(g, 'g');
    g.sim.inject('idle-reclaim', 'g');
    expect(wait(g, 'WaitFunctionActiveV2', 'g')).toEqual({ state: 'TIMEOUT', waited: 299_000 });
  });

  it('FunctionUpdatedV2 succeeds once an update completes and fails when it fails', () => {
    const f = fixture();
    activeZip(f, 'f');
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
    expect(wait(f, 'WaitFunctionUpdatedV2').state).toBe('SUCCESS');
    f.sim.inject('update-failure', 'f');
    f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(3) });
    expect(wait(f, 'WaitFunctionUpdatedV2').state).toBe('FAILURE');
  });

  it('FunctionExists succeeds at once for a function in any state, and retries a missing one until its 20 checks are spent', () => {
    const f = fixture();
    createZip(f, 'f');
    expect(wait(f, 'WaitFunctionExists')).toEqual({ state: 'SUCCESS', waited: 0 });
    expect(wait(f, 'WaitFunctionExists', 'missing')).toEqual({ state: 'TIMEOUT', waited: 19_000 });
  });
});
