import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario } from './loadScenario.ts';
import { loadSpec } from './loadSpec.ts';
import { CACHE_ENV, cachedParse, fileTextHash, folderDigestHex, textHash } from './parseCache.ts';
import { parseScenario } from './parseScenario.ts';
import { parseSpec } from './parseSpec.ts';
import { renderDiagram } from './renderDiagram.ts';
import type { Outcome } from './Spec.ts';
import { prepareStateEdges, stateEdges } from './stateEdges.ts';
import { edit, MINI_SPEC } from './spec.testkit.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

let dir: string;
const saved = process.env[CACHE_ENV];
beforeEach(async () => {
  dir = await tempDir('lc-parse-cache-');
  process.env[CACHE_ENV] = join(dir, 'cache');
});
afterEach(() => {
  if (saved === undefined) delete process.env[CACHE_ENV];
  else process.env[CACHE_ENV] = saved;
});

/** A parse that counts its calls, and a cachedParse of it under one key. */
function counted(): { parse: () => Promise<{ n: number }>; calls: () => number } {
  let calls = 0;
  return {
    parse: () => {
      calls++;
      return Promise.resolve({ n: 42 });
    },
    calls: () => calls,
  };
}
const isAnswer = (v: unknown): v is { n: number } =>
  typeof v === 'object' && v !== null && (v as { n?: unknown }).n === 42;

async function entries(): Promise<string[]> {
  return (await readdir(join(dir, 'cache'))).filter((n) => n.endsWith('.bin'));
}

describe('cachedParse', () => {
  it('parses once per key, then answers from the cache', async () => {
    const c = counted();
    expect(await cachedParse('t', ['a'], c.parse, isAnswer)).toEqual({ n: 42 });
    expect(await cachedParse('t', ['a'], c.parse, isAnswer)).toEqual({ n: 42 });
    expect(c.calls()).toBe(1);
    await cachedParse('t', ['b'], c.parse, isAnswer);
    expect(c.calls()).toBe(2);
    expect(await entries()).toHaveLength(2);
  });

  it('keeps the entries read most recently when it prunes, not the ones written last', async () => {
    const hot = counted();
    await cachedParse('t', ['hot'], hot.parse, isAnswer);
    const cold = counted();
    // 200 more keys, more than the cache keeps, the first one read again between each write.
    for (let i = 0; i < 200; i++) {
      await cachedParse('t', [`k${String(i)}`], cold.parse, isAnswer);
      await cachedParse('t', ['hot'], hot.parse, isAnswer);
    }
    expect(hot.calls()).toBe(1);
    const kept = (await entries()).length;
    expect(kept).toBeLessThan(201);
    // The first cold keys were pruned: asked again, they are parsed again.
    await cachedParse('t', ['k0'], cold.parse, isAnswer);
    expect(cold.calls()).toBe(201);
  });

  it('ignores a corrupt, truncated or unaccepted entry and parses again', async () => {
    const c = counted();
    await cachedParse('t', ['a'], c.parse, isAnswer);
    const [name] = await entries();
    const file = join(dir, 'cache', name ?? '');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    expect(await cachedParse('t', ['a'], c.parse, isAnswer)).toEqual({ n: 42 });
    expect(c.calls()).toBe(2);
    await writeFile(file, bytes.subarray(0, 10));
    expect(await cachedParse('t', ['a'], c.parse, isAnswer)).toEqual({ n: 42 });
    expect(c.calls()).toBe(3);
    const never = (v: unknown): v is { n: number } => v === 'never';
    await cachedParse('t', ['a'], c.parse, never);
    expect(c.calls()).toBe(4);
  });

  it('parses every time, without a word, when the cache is off, unusable or a planted link', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    const target = await tempDir('lc-parse-cache-target-');
    await symlink(target, join(dir, 'link'));
    for (const setting of ['off', blocker, join(blocker, 'below'), join(dir, 'link')]) {
      process.env[CACHE_ENV] = setting;
      const c = counted();
      await cachedParse('t', ['a'], c.parse, isAnswer);
      await cachedParse('t', ['a'], c.parse, isAnswer);
      expect(c.calls(), setting).toBe(2);
    }
    expect(await readdir(target)).toEqual([]);
  });

  it('does not cache what the parse throws', async () => {
    const failing = (): Promise<never> => Promise.reject(new Error('bad input'));
    await expect(cachedParse('t', ['a'], failing, isAnswer)).rejects.toThrow('bad input');
    expect(await entries()).toEqual([]);
  });
});

describe('fileTextHash', () => {
  it('is the hash of the text the bytes hold, whether they are valid UTF-8 or not', () => {
    const check = (bytes: Buffer): void => {
      expect(fileTextHash(bytes)).toBe(textHash(bytes.toString('utf8')));
    };
    // A byte-order mark, accents, a dash and an emoji; then bytes that are not UTF-8 (a lone
    // continuation byte, an overlong encoding, an encoded surrogate, a truncated sequence).
    check(Buffer.from('\uFEFFcafé — 🚀\n', 'utf8'));
    for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x61, 0xe2, 0x82]]) {
      check(Buffer.from(bad));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => check(Buffer.from(text, 'utf8'))),
    );
    fc.assert(fc.property(fc.uint8Array(), (bytes) => check(Buffer.from(bytes))));
  });
});

describe('loadSpec and loadScenario through the cache', () => {
  it('give the shipped spec exactly as parsed: Maps, RegExps and shared objects survive', async () => {
    const file = 'spec/lambda-lifecycle.yaml';
    const parsed = parseSpec(await readFile(file, 'utf8'), file);
    await loadSpec(file);
    expect(await entries()).toHaveLength(1);
    const cached = await loadSpec(file);
    expect(cached).toStrictEqual(parsed);
    const outcomes = [...cached.operations.values()].flatMap((o) =>
      o.rules.flatMap((r) => r.outcomes),
    );
    const messages = outcomes.flatMap((o: Outcome) =>
      o.kind === 'error' && o.message !== undefined ? [o.message] : [],
    );
    expect(messages.length).toBeGreaterThan(5);
    expect(messages.every((m) => m instanceof RegExp)).toBe(true);
    // Outcomes without effects share one record, as when parsed.
    const effects = new Set(outcomes.map((o) => o.effects));
    expect(effects.size).toBeLessThan(outcomes.length);
  });

  it("keeps a pattern's flags, and names each file under the name it was read as", async () => {
    const text = edit(MINI_SPEC, ['message: "/Revision Id/"', 'message: "/revision id/i"']);
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    await writeFile(a, text);
    await writeFile(b, text);
    for (let i = 0; i < 2; i++) {
      const spec = await loadSpec(a);
      const stale = spec.operations
        .get('UpdateFunctionCode')
        ?.rules.find((r) => r.id === 'update-stale');
      const outcome = stale?.outcomes[0];
      const message = outcome?.kind === 'error' ? outcome.message : undefined;
      expect(message?.flags).toBe('i');
      expect(message?.test('Invalid Revision Id')).toBe(true);
      expect(spec.file).toBe(a);
      const other = await loadSpec(b);
      expect(other.file).toBe(b);
      expect(other.operations.get('CreateFunction')?.location.file).toBe(b);
    }
    expect(await entries()).toHaveLength(2);
  });

  it('gives a scenario as parsed, resolved from where it lies', async () => {
    const file = 'scenarios/default.yaml';
    const parsed = parseScenario(await readFile(file, 'utf8'), file);
    await loadScenario(file);
    expect(await loadScenario(file)).toStrictEqual(parsed);
    expect(await entries()).toHaveLength(1);
  });

  it('keeps the state edges of a spec, so the diagram drawn from the cache is the one explored', async () => {
    const file = 'spec/lambda-lifecycle.yaml';
    const explored = parseSpec(await readFile(file, 'utf8'), file);
    const first = await loadSpec(file);
    await prepareStateEdges(first);
    expect((await entries()).filter((n) => n.startsWith('state-edges-'))).toHaveLength(1);
    // A spec object of its own: its edges can only come from the cache entry.
    const second = await loadSpec(file);
    expect(second).not.toBe(first);
    await prepareStateEdges(second);
    expect(stateEdges(second)).toStrictEqual(stateEdges(explored));
    expect(renderDiagram(second)).toBe(renderDiagram(explored));
  });
});

describe('folderDigestHex', () => {
  it("is one folder's modules' digest: the same each time, another for another folder", () => {
    const spec = folderDigestHex('spec');
    expect(spec).toMatch(/^[0-9a-f]{64}$/);
    expect(folderDigestHex('spec')).toBe(spec);
    expect(folderDigestHex('monitor')).not.toBe(spec);
  });
});
