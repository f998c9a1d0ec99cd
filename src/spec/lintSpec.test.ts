import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpec } from './lintSpec.ts';
import { miniSpecFiles, positionOf } from './spec.testkit.ts';
import { normalizeQuote } from './verifyQuotes.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

let dir: string;
let specFile: Awaited<ReturnType<typeof miniSpecFiles>>;

beforeAll(async () => {
  dir = await tempDir('lint-spec-');
  specFile = await miniSpecFiles(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
