import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpec, runLint } from './lintSpec.ts';
import { edit, MINI_SPEC, positionOf } from './spec.testkit.ts';
import { normalizeQuote } from './verifyQuotes.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lint-spec-'));
  await writeFile(
    join(dir, 'doc.md'),
    'Intro.\n\nThe function is **Created.** Then\n`Active.` Reading one. Reading two.\nAlready   exists. Not found.\nStale. Updated. Reclaimed.\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the mini spec with its source's local copy declared, after `edits`; returns its path. */
async function specFile(
  name: string,
  ...edits: (readonly [string, string])[]
): Promise<{ file: string; text: string }> {
  const text = edit(
    MINI_SPEC,
    [
      'doc: { title: A document }',
      'doc: { title: A document, url: https://example.com/doc, copied: "2026-11-30", file: doc.md }',
    ],
    ...edits,
  );
  const file = join(dir, name);
  await writeFile(file, text);
  return { file, text };
}

function capture(): {
  io: { out: (s: string) => void; err: (s: string) => void };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}

describe('lintSpec', () => {
  it('returns [] for a clean spec whose quotes all occur in the source file', async () => {
    const { file } = await specFile('clean.yaml');
    expect(await lintSpec(file)).toEqual([]);
  });

  it('normalises whitespace and markdown emphasis on both sides, and nothing else', () => {
    expect(normalizeQuote(' a  **b**\n`c`\\_ ')).toBe('a b c_');
    expect(normalizeQuote('function’s')).not.toBe(normalizeQuote("function's"));
  });

  it('reports a quote that is not in its source, at the quote', async () => {
    const { file, text } = await specFile('bad-quote.yaml', ['quote: "Stale."', 'quote: "Stael."']);
    const issues = await lintSpec(file);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'quote-not-found', file, ...positionOf(text, '"Stael."') }),
    ]);
    expect(issues[0]?.message).toBe(`rule 'update-stale': quote not found in doc: "Stael.".`);
  });

  it('reports a source file that cannot be read, at its path', async () => {
    const { file, text } = await specFile('no-source.yaml', ['file: doc.md', 'file: missing.md']);
    expect(await lintSpec(file)).toEqual([
      expect.objectContaining({ code: 'source-file-missing', ...positionOf(text, 'missing.md') }),
    ]);
  });

  it('reports an event no target can inject', async () => {
    const { file, text } = await specFile('event.yaml', [
      'events: [idle-reclaim]',
      'events: [idle-reclaim, solar-flare]',
    ]);
    expect(await lintSpec(file)).toEqual([
      expect.objectContaining({ code: 'unsupported-event', ...positionOf(text, 'solar-flare') }),
    ]);
  });

  it('includes every load issue too', async () => {
    const { file } = await specFile(
      'load.yaml',
      ['version: 1', 'version: 3'],
      ['quote: "Stale."', 'quote: "Stael."'],
    );
    expect((await lintSpec(file)).map((i) => i.code)).toEqual(['bad-value', 'quote-not-found']);
  });
});

describe('runLint', () => {
  it('exits 0 for a clean spec', async () => {
    const { file } = await specFile('run-clean.yaml');
    const { io, out, err } = capture();
    expect(await runLint([file], io)).toBe(0);
    expect(out).toEqual([`${file}: no issues`]);
    expect(err).toEqual([]);
  });

  it('exits 2 and prints every issue as file:line:col: message hint', async () => {
    const { file, text } = await specFile(
      'run-bad.yaml',
      ['to: { state: Active,', 'to: { state: Actve,'],
      ['quote: "Stale."', 'quote: "Stael."'],
    );
    const { io, out } = capture();
    expect(await runLint([file], io)).toBe(2);
    const at = positionOf(text, 'Actve');
    expect(out).toHaveLength(2);
    expect(out[1]).toBe(
      `${file}:${at.line}:${at.column}: transition 'provisioning-completes': unknown state 'Actve'. Did you mean 'Active'?`,
    );
  });

  it('exits 2 with one line for a missing file or a bad command line', async () => {
    const missing = capture();
    expect(await runLint([join(dir, 'nope.yaml')], missing.io)).toBe(2);
    expect(missing.out).toEqual([
      `${join(dir, 'nope.yaml')}:1:1: cannot read the spec: no such file. Check the path.`,
    ]);
    const usage = capture();
    expect(await runLint([], usage.io)).toBe(2);
    expect(usage.err).toHaveLength(1);
    expect(await runLint(['--fix', 'x.yaml'], capture().io)).toBe(2);
  });
});
