import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tour } from '../commands/plannedPrefix.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { CACHE_ENV, cachedParse } from '../spec/parseCache.ts';
import { withBounds } from '../spec/withBounds.ts';
import { MEMORY_CAPABILITIES } from '../targets/memory/MemoryTarget.ts';
import { planTours, toursOfRun, type RunTourOptions, type TourOptions } from './planTours.ts';
import { allowedCommands, maxTourLength } from '../commands/buildCommands.ts';
import { cachedToursOfRun, prepareToursOfRun } from './tourCache.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

const SPEC = 'spec/lambda-lifecycle.yaml';
let dir: string;
const saved = process.env[CACHE_ENV];
beforeEach(async () => {
  dir = await tempDir('lc-tour-cache-');
  process.env[CACHE_ENV] = dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env[CACHE_ENV];
  else process.env[CACHE_ENV] = saved;
});

const OPTIONS: RunTourOptions = {
  reading: 'seed',
  capabilities: MEMORY_CAPABILITIES,
  weights: {},
  // Short tours: planning stays quick.
  maxCommands: 9,
};

/** What planTours is given for a run's options (as toursOfRun gives it). */
function toursOptions(spec: Spec, options: RunTourOptions): TourOptions {
  return {
    reading: options.reading,
    capabilities: options.capabilities,
    allowed: allowedCommands(spec, options.weights, options.capabilities.virtualTime),
    maxLength: maxTourLength(options.maxCommands),
  };
}

/** The tours-entry files of the cache folder. */
async function entries(): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith('tours-') && n.endsWith('.bin'));
}

/** A tour no planner would plan: found only if read from an entry. */
const PLANTED: readonly Tour[] = [{ commands: [{ kind: 'wait', ms: 4242 }], targets: ['planted'] }];

/** Overwrites the only tours entry with a well-formed one holding {@link PLANTED}. */
async function plant(): Promise<string> {
  const [name] = await entries();
  const file = join(dir, name ?? '');
  const payload = serialize(PLANTED);
  const digest = createHash('sha256').update(payload).digest();
  await writeFile(file, Buffer.concat([digest, payload]));
  return file;
}

describe('the tour cache', () => {
  it('keeps the tours as planned, and a later process (a spec object of its own) reads them back', async () => {
    const first = await loadSpec(SPEC);
    const prepared = await prepareToursOfRun(first, OPTIONS);
    expect(prepared.length).toBeGreaterThan(3);
    expect(prepared).toStrictEqual(planTours(first, toursOptions(first, OPTIONS)));
    expect(await entries()).toHaveLength(1);
    expect(cachedToursOfRun(first, OPTIONS)).toBe(cachedToursOfRun(first, OPTIONS));
    await plant();
    // A spec object the process has not met: its tours can only come from the entry.
    const second = await loadSpec(SPEC);
    expect(await prepareToursOfRun(second, OPTIONS)).toStrictEqual(PLANTED);
    expect(cachedToursOfRun(second, OPTIONS)).toStrictEqual(PLANTED);
  });

  it('plans again for a spec changed in memory (same text hash), a reading, target, weights or length', async () => {
    await prepareToursOfRun(await loadSpec(SPEC), OPTIONS);
    await plant();
    const spec = await loadSpec(SPEC);
    // A scenario's bounds change the spec in memory and keep its hash: the Wait a tour uses to let
    // async transitions happen is longer than the longest bound.
    const bounded = withBounds(spec, { 'provisioning-completes': 60_000 }).spec;
    expect(bounded.hash).toBe(spec.hash);
    const changes: readonly [typeof spec, RunTourOptions][] = [
      [bounded, OPTIONS],
      [spec, { ...OPTIONS, reading: 'current' }],
      [spec, { ...OPTIONS, capabilities: { ...MEMORY_CAPABILITIES, packageTypes: ['Zip'] } }],
      [spec, { ...OPTIONS, weights: { Inject: 0 } }],
      [spec, { ...OPTIONS, maxCommands: 12 }],
    ];
    for (const [s, options] of changes) {
      const tours = await prepareToursOfRun(s, options);
      expect(tours).not.toStrictEqual(PLANTED);
      expect(tours).toStrictEqual(toursOfRun(s, options));
    }
    // The spec derived in memory is planned, not kept (each spec mutant would take an entry).
    expect(await entries()).toHaveLength(changes.length);
  });

  it('ignores a corrupt or foreign entry and plans again', async () => {
    const planned = await prepareToursOfRun(await loadSpec(SPEC), OPTIONS);
    const file = await plant();
    // The entry is read (the check below can fail)…
    expect(await prepareToursOfRun(await loadSpec(SPEC), OPTIONS)).toStrictEqual(PLANTED);
    // …unless it is corrupt.
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    expect(await prepareToursOfRun(await loadSpec(SPEC), OPTIONS)).toStrictEqual(planned);
    // Well-formed bytes that are not tours.
    const payload = serialize([{ commands: [{ kind: 'teleport' }], targets: [] }]);
    await writeFile(file, Buffer.concat([createHash('sha256').update(payload).digest(), payload]));
    expect(await prepareToursOfRun(await loadSpec(SPEC), OPTIONS)).toStrictEqual(planned);
  });

  it('is not used at all with LAMBDA_CONFORMANCE_CACHE=off', async () => {
    await prepareToursOfRun(await loadSpec(SPEC), OPTIONS);
    await plant();
    expect(await prepareToursOfRun(await loadSpec(SPEC), OPTIONS)).toStrictEqual(PLANTED);
    process.env[CACHE_ENV] = 'off';
    const spec = await loadSpec(SPEC);
    expect(await prepareToursOfRun(spec, OPTIONS)).toStrictEqual(toursOfRun(spec, OPTIONS));
    process.env[CACHE_ENV] = join(dir, 'other');
    await prepareToursOfRun(await loadSpec(SPEC), OPTIONS);
    process.env[CACHE_ENV] = 'off';
    await prepareToursOfRun(await loadSpec(SPEC), { ...OPTIONS, maxCommands: 6 });
    const other = await readdir(join(dir, 'other'));
    expect(other.filter((n) => n.startsWith('tours-'))).toHaveLength(1);
    expect(await entries()).toHaveLength(1);
  });
});

describe('cachedParse with the folders of the code an entry depends on', () => {
  it('keeps entries of different code apart', async () => {
    let calls = 0;
    const parse = (): Promise<number> => Promise.resolve(++calls);
    const isNumber = (v: unknown): v is number => typeof v === 'number';
    expect(await cachedParse('t', ['k'], parse, isNumber)).toBe(1);
    expect(await cachedParse('t', ['k'], parse, isNumber)).toBe(1);
    expect(await cachedParse('t', ['k'], parse, isNumber, ['spec', 'runner'])).toBe(2);
    expect(await cachedParse('t', ['k'], parse, isNumber, ['spec', 'runner'])).toBe(2);
    expect(await cachedParse('t', ['k'], parse, isNumber, ['no-such-folder'])).toBe(3);
    expect(await cachedParse('t', ['k'], parse, isNumber, ['no-such-folder'])).toBe(4);
  });
});
