import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpec } from './lintSpec.ts';
import { edit, MINI_SPEC, positionOf } from './spec.testkit.ts';
import { copyText, normalizeQuote } from './verifyQuotes.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

let dir: string;

const DOC = [
  '% A note about this copy: where and when it was made. Quote me and fail.',
  '% url: https://example.com/doc',
  'Intro. Created. Active. Reading one. Reading two.',
  'Already exists. Not found. Stale. Updated. Reclaimed.',
  'The following operations fail:',
  '+ [Invoke](https://example.com/invoke)',
  '  + [PublishVersion](https://example.com/publish)',
  '',
].join('\n');

const DOCUMENT_SOURCE = 'doc: { title: A document }';
const DATED_SOURCE =
  'doc: { title: A document, url: https://example.com/doc, copied: "2026-11-30", file: doc.md }';

beforeAll(async () => {
  dir = await tempDir('check-evidence-');
  await writeFile(join(dir, 'doc.md'), DOC);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Lints the mini spec (its document dated and copied) after `edits`; returns issues and text. */
async function lint(
  name: string,
  ...edits: (readonly [string, string])[]
): Promise<{ issues: Awaited<ReturnType<typeof lintSpec>>; text: string; file: string }> {
  const text = edit(MINI_SPEC, [DOCUMENT_SOURCE, DATED_SOURCE], ...edits);
  const file = join(dir, name);
  await writeFile(file, text);
  return { issues: await lintSpec(file), text, file };
}

describe('lint: evidence', () => {
  it('accepts the mini spec: every rule and transition documented, recorded or inferred with a note', async () => {
    expect((await lint('clean.yaml')).issues).toEqual([]);
  });

  it('refuses a rule without evidence, at the rule', async () => {
    const { issues, text } = await lint('no-evidence.yaml', [
      '        cite: [{ source: doc, quote: "Created." }]\n        evidence: documented\n',
      '        cite: [{ source: doc, quote: "Created." }]\n',
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'missing-evidence',
        ...positionOf(text, 'id: create\n'),
        message: "rule 'create': no 'evidence'.",
      }),
    ]);
  });

  it('refuses a time bound without evidence or without a citation, at the bound', async () => {
    const { issues, text } = await lint('bound.yaml', [
      '      evidence: inferred\n      note: A bound for tests.\n      cite: [{ source: doc, quote: "Active." }]\n',
      '',
    ]);
    const at = positionOf(text, 'within: 15m');
    expect(issues.map((i) => [i.code, i.line, i.column, i.message])).toEqual([
      [
        'no-primary-citation',
        at.line,
        at.column,
        "transition 'provisioning-completes' (its time bound): cites no primary source.",
      ],
      [
        'missing-evidence',
        at.line,
        at.column,
        "transition 'provisioning-completes' (its time bound): no 'evidence'.",
      ],
    ]);
  });

  it('refuses evidence its citations do not support, at the evidence', async () => {
    const { issues, text } = await lint(
      'unsupported.yaml',
      [
        '        cite: [{ source: doc, quote: "Not found." }]\n        evidence: documented',
        '        cite: [{ source: doc, quote: "Not found." }]\n        evidence: recorded',
      ],
      ['      note: A bound for tests.\n', ''],
    );
    const evidence = positionOf(text, 'evidence: recorded');
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'unsupported-evidence',
        line: evidence.line,
        column: evidence.column + 'evidence: '.length,
        message: "rule 'update-absent': 'recorded' but no recording is cited.",
      }),
      expect.objectContaining({
        code: 'unsupported-evidence',
        ...positionOf(text, 'inferred'),
        message: "transition 'provisioning-completes' (its time bound): 'inferred' without a note.",
      }),
    ]);
  });

  it('refuses a rule citing only the recording as documented', async () => {
    const { issues } = await lint('recorded-as-documented.yaml', [
      '        evidence: recorded\n',
      '        evidence: documented\n',
    ]);
    // update-stale still quotes the document, so documented is supported; drop the quote too.
    expect(issues).toEqual([]);
    const again = await lint(
      'recording-only.yaml',
      ['          - { source: doc, quote: "Stale." }\n', ''],
      ['        evidence: recorded\n', '        evidence: documented\n'],
    );
    expect(again.issues.map((i) => i.code)).toEqual(['unsupported-evidence']);
    expect(again.issues[0]?.message).toBe(
      "rule 'update-stale': 'documented' but no AWS page is quoted.",
    );
  });

  it('refuses a citation of a research summary, at the citation, and a rule left without a primary one', async () => {
    const { issues, text } = await lint(
      'summary.yaml',
      ['  rec:\n', '  notes: { title: Our notes, kind: summary, file: doc.md }\n  rec:\n'],
      [
        'cite: [{ source: doc, quote: "Not found." }]',
        'cite: [{ source: notes, quote: "Not found." }]',
      ],
    );
    const at = positionOf(text, 'notes, quote');
    expect(issues.map((i) => i.code)).toEqual(['secondary-source', 'no-primary-citation']);
    expect(issues[0]).toMatchObject({ line: at.line, column: at.column });
    expect(issues[0]?.message).toBe(
      "rule 'update-absent': 'notes' is a summary, not a primary source.",
    );
  });

  it('refuses a document without url or copy date and a recording without its origin, at the source', async () => {
    const { issues, text } = await lint(
      'incomplete.yaml',
      [DATED_SOURCE, 'doc: { title: A document, file: doc.md }'],
      ['    commit: 0123456789abcdef\n', ''],
    );
    expect(issues.map((i) => [i.code, i.line, i.message])).toEqual([
      [
        'incomplete-source',
        positionOf(text, 'doc:').line,
        "source 'doc': a document source needs 'url' and 'copied'.",
      ],
      [
        'incomplete-source',
        positionOf(text, 'rec:').line,
        "source 'rec': a recording source needs 'commit'.",
      ],
    ]);
  });

  it('refuses a quote that is a lead-in ending with a colon, and accepts the list it introduces', async () => {
    const leadIn = await lint('lead-in.yaml', [
      'quote: "Not found."',
      'quote: "The following operations fail:"',
    ]);
    expect(leadIn.issues).toEqual([
      expect.objectContaining({
        code: 'quote-lead-in',
        ...positionOf(leadIn.text, '"The following operations fail:"'),
      }),
    ]);
    const list = await lint('list.yaml', [
      'quote: "Not found."',
      'quote: "The following operations fail: Invoke PublishVersion"',
    ]);
    expect(list.issues).toEqual([]);
  });

  it('never matches a quote against the % note of a copy', async () => {
    const { issues } = await lint('note.yaml', [
      'quote: "Not found."',
      'quote: "A note about this copy"',
    ]);
    expect(issues.map((i) => i.code)).toEqual(['quote-not-found']);
  });
});

describe('copy text', () => {
  it('drops the % note at the top only, and reduces links and list markers as a page shows them', () => {
    expect(copyText('% a\n% b\nText\n% kept')).toBe('Text\n% kept');
    expect(normalizeQuote('lead:\n+ [A](https://x/a)\n  - [B](u)\n• C')).toBe('lead: A B C');
    expect(normalizeQuote('a - b')).toBe('a - b');
  });
});
