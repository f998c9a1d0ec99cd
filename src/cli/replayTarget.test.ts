import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedTarget, type StoredTarget } from '../runner/Counterexample.ts';
import { tempDir } from './cli.testkit.ts';
import { replayTarget } from './replayTarget.ts';

const URL_A = 'http://127.0.0.1:4566';
const URL_B = 'http://127.0.0.1:9001';
const EVENT = {
  method: 'POST',
  url: `${URL_A}/_conformance/events`,
  body: { event: 'update-failure', functionName: '{functionName}' },
};
const ELSEWHERE = { method: 'PUT', url: 'http://control.local/events/{event}' };
/** Another port that starts with the same digits: not under the endpoint. */
const NEXT_PORT = { method: 'POST', url: `${URL_A}0/events` };

/** What a run against an external emulator with an event mapping stores. */
const EXTERNAL: StoredTarget = storedTarget(
  {
    name: 'aws',
    endpoint: URL_A,
    role: 'arn:aws:iam::123456789012:role/lc',
    region: 'eu-west-1',
    profile: 'my-local-profile',
    allowAccounts: ['123456789012'],
    events: { 'update-failure': EVENT, 'idle-reclaim': ELSEWHERE, 'image-deleted': NEXT_PORT },
    imageUris: ['img:1'],
  },
  { mutants: [], observesCode: false },
);

describe('storedTarget', () => {
  it('keeps the settings a replay needs, never the profile or the allowed accounts', () => {
    expect(EXTERNAL).toEqual({
      name: 'aws',
      mutants: [],
      endpoint: URL_A,
      endpointKind: 'external',
      observesCode: false,
      role: 'arn:aws:iam::123456789012:role/lc',
      region: 'eu-west-1',
      events: { 'update-failure': EVENT, 'idle-reclaim': ELSEWHERE, 'image-deleted': NEXT_PORT },
      imageUris: ['img:1'],
    });
  });

  it('names the endpoint kind: the run-owned emulator, an external URL, real AWS', () => {
    const kind = (endpoint?: string): unknown =>
      storedTarget(
        { name: 'aws', ...(endpoint !== undefined ? { endpoint } : {}) },
        { mutants: [], observesCode: true },
      ).endpointKind;
    expect([kind('emulator'), kind(URL_A), kind()]).toEqual(['emulator', 'external', 'aws']);
    expect(storedTarget({ name: 'memory' }, { mutants: ['m'], observesCode: true })).toEqual({
      name: 'memory',
      mutants: ['m'],
    });
  });
});

describe('replayTarget', () => {
  it('replays on the stored settings when no flag is given', async () => {
    const { target, notes } = await replayTarget(EXTERNAL, {});
    expect(target).toEqual({ ...EXTERNAL, endpointKind: undefined });
    expect('endpointKind' in target).toBe(false);
    expect(notes).toEqual([]);
  });

  it('flags override one setting each, as over a scenario', async () => {
    const { target } = await replayTarget(EXTERNAL, {
      role: 'arn:aws:iam::210987654321:role/other',
      region: 'us-west-2',
      allowAccounts: ['210987654321'],
    });
    expect(target).toMatchObject({
      endpoint: URL_A,
      role: 'arn:aws:iam::210987654321:role/other',
      region: 'us-west-2',
      allowAccounts: ['210987654321'],
      events: { 'update-failure': EVENT },
    });
  });

  it('moves the event requests under the old endpoint URL to a new endpoint URL', async () => {
    const { target } = await replayTarget(EXTERNAL, { endpoint: `${URL_B}/` });
    expect(target.endpoint).toBe(`${URL_B}/`);
    expect(target.events).toEqual({
      'update-failure': { ...EVENT, url: `${URL_B}/_conformance/events` },
      // A control API elsewhere stays where it is.
      'idle-reclaim': ELSEWHERE,
      'image-deleted': NEXT_PORT,
    });
  });

  it('drops the mapping of an external emulator on the built-in one, with a note', async () => {
    const { target, notes } = await replayTarget(EXTERNAL, { endpoint: 'emulator' });
    expect(target.endpoint).toBe('emulator');
    expect(target.events).toBeUndefined();
    expect(notes).toEqual([`the recorded event mapping was for ${URL_A}: not used on emulator`]);
  });

  it('an --events file replaces the stored mapping', async () => {
    const file = join(await tempDir(), 'events.yaml');
    await writeFile(file, `provisioning-failure:\n  method: POST\n  url: ${URL_B}/fail\n`);
    const { target, notes } = await replayTarget(EXTERNAL, { endpoint: 'emulator', events: file });
    expect(target.events).toEqual({
      'provisioning-failure': { method: 'POST', url: `${URL_B}/fail` },
    });
    expect(notes).toEqual([]);
  });

  it('on another target kind keeps only the mutants', async () => {
    const emulator = storedTarget(
      {
        name: 'aws',
        endpoint: 'emulator',
        emulator: { pendingMs: 5 },
        mutants: ['create-says-active'],
      },
      { mutants: ['create-says-active'], observesCode: true },
    );
    const { target } = await replayTarget(emulator, { target: 'memory' });
    expect(target).toEqual({ name: 'memory', mutants: ['create-says-active'] });
  });

  it('leaves the recorded mutants out on an endpoint that is not the simulation, saying so', async () => {
    const emulator = storedTarget(
      { name: 'aws', endpoint: 'emulator', mutants: ['create-says-active'] },
      { mutants: ['create-says-active'], observesCode: true },
    );
    const { target, notes } = await replayTarget(emulator, { endpoint: URL_B });
    expect(target.mutants).toEqual([]);
    expect(notes).toEqual([
      'the recorded mutants (create-says-active) exist only in the built-in simulation: replaying without them',
    ]);
    // Asked for by flag, they stay (and the target refuses them by name).
    const flagged = await replayTarget(emulator, { endpoint: URL_B, mutants: ['x'] });
    expect(flagged.target.mutants).toEqual(['x']);
  });
});
