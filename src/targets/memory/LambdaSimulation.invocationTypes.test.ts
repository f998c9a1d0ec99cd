import { describe, expect, it } from 'vitest';
import { activeZip, createZip, fixture, outcome } from './simulation.testkit.ts';

describe('LambdaSimulation: invocation types', () => {
  it('"For the Event invocation type, this status code is 202": an Active function runs the event; "The API response only includes a status code"', () => {
    const f = fixture();
    activeZip(f, 'f', 2, 3);
    expect(f.sim.invoke('f', undefined, '{}', 'Event')).toEqual({
      StatusCode: 202,
      ExecutedVersion: '$LATEST',
      Payload: '',
    });
  });

  it('"For the DryRun invocation type, the status code is 204": nothing runs, in every state, and an Inactive function stays Inactive', () => {
    const f = fixture();
    createZip(f, 'f');
    const dryRun = () => outcome(() => f.sim.invoke('f', undefined, '{}', 'DryRun').StatusCode);
    expect(dryRun()).toEqual({ ok: 204 });
    f.advance(60_000);
    f.sim.inject('idle-reclaim', 'f');
    expect(dryRun()).toEqual({ ok: 204 });
    expect(f.sim.getFunctionConfiguration('f').State).toBe('Inactive');
    expect(outcome(() => f.sim.invoke('missing', undefined, '{}', 'DryRun'))).toMatchObject({
      error: 'ResourceNotFoundException',
      status: 404,
    });
  });

  it('"Lambda does not invoke a function during pending state": an Event invocation is refused like a RequestResponse one; of an Inactive function it starts restoring it', () => {
    const f = fixture();
    createZip(f, 'f');
    expect(outcome(() => f.sim.invoke('f', undefined, '{}', 'Event'))).toMatchObject({
      error: 'ResourceConflictException',
      status: 409,
    });
    f.advance(60_000);
    f.sim.inject('idle-reclaim', 'f');
    expect(outcome(() => f.sim.invoke('f', undefined, '{}', 'Event'))).toMatchObject({
      status: 409,
    });
    expect(f.sim.getFunctionConfiguration('f')).toMatchObject({
      State: 'Pending',
      StateReasonCode: 'Restoring',
    });
  });
});
