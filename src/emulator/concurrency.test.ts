import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, send, startTestEmulator } from './emulator.testkit.ts';
import type { Answer } from './emulator.testkit.ts';
import type { Emulator } from './startEmulator.ts';

const FN = '/2015-03-31/functions';
/** Clients at once, as `run --concurrency 256` has sessions. */
const CLIENTS = 256;
/** Functions that exist during the whole test: every complete listing must show each once. */
const STABLE = 12;

function expectOk(answer: Answer, what: string): void {
  if (answer.status >= 300) throw new Error(`${what}: ${String(answer.status)} ${answer.text}`);
}

/** Every page of ListFunctions (pages of 50: a listing spans several while others change). */
async function listAll(emulator: Emulator): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const query = marker === undefined ? '' : `&Marker=${encodeURIComponent(marker)}`;
    const page = await send(emulator, 'GET', `${FN}?MaxItems=50${query}`);
    expectOk(page, 'ListFunctions');
    const functions = (page.json?.['Functions'] ?? []) as { FunctionName: string }[];
    names.push(...functions.map((f) => f.FunctionName));
    const next = page.json?.['NextMarker'];
    marker = typeof next === 'string' ? next : undefined;
  } while (marker !== undefined);
  return names;
}

describe(`the emulator under ${String(CLIENTS)} concurrent clients`, () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ host: '127.0.0.1' });
  });
  afterAll(() => emulator.close());

  it('keeps ListFunctions markers valid while others create and delete', async () => {
    const own = (id: number, round: number): string =>
      `c${String(id).padStart(3, '0')}-r${String(round)}`;
    const clients = Array.from({ length: CLIENTS }, (_, id) => id);
    // The clients' first functions come before the stable ones in any order (by name and by
    // creation), so every delete moves the stable ones in the list while others page through it.
    await Promise.all(
      clients.map(async (id) => {
        const created = await send(emulator, 'POST', FN, createBody(own(id, 0)));
        expectOk(created, `create ${own(id, 0)}`);
      }),
    );
    const stable = Array.from({ length: STABLE }, (_, i) => `stable-${String(i).padStart(2, '0')}`);
    for (const name of stable) expectOk(await send(emulator, 'POST', FN, createBody(name)), name);
    const listings: string[][] = [];
    const client = async (id: number): Promise<void> => {
      const name = own(id, 0);
      const listed = await listAll(emulator);
      // Its own function existed throughout its listing, so it is listed too.
      if (!listed.includes(name)) throw new Error(`${name} is missing from its own listing`);
      listings.push(listed);
      expectOk(await send(emulator, 'DELETE', `${FN}/${name}`), `delete ${name}`);
      // More churn while the others are still listing.
      const again = own(id, 1);
      expectOk(await send(emulator, 'POST', FN, createBody(again)), `create ${again}`);
      expectOk(await send(emulator, 'DELETE', `${FN}/${again}`), `delete ${again}`);
    };
    const outcomes = await Promise.allSettled(clients.map((id) => client(id)));
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failures.slice(0, 3)).toEqual([]);
    expect(listings).toHaveLength(CLIENTS);
    for (const listed of listings) {
      // Never an item twice, never a stable one skipped: what an index marker got wrong.
      expect(new Set(listed).size).toBe(listed.length);
      expect(stable.filter((name) => !listed.includes(name))).toEqual([]);
    }
    expect(await listAll(emulator)).toEqual(stable);
  }, 60_000);
});
