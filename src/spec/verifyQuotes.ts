import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Issue } from '../errors/HarnessError.ts';
import { excerpt } from '../errors/excerpt.ts';
import type { LintFacts } from './analyzeSpec.ts';

/**
 * The comparison form of a quote and of a source text, the text a reader of the rendered page sees:
 * markdown links reduced to their text, list markers at the start of a line removed, markdown
 * backticks, asterisks and backslashes removed, every whitespace run (line breaks included) one
 * space. Nothing else is forgiven: a quote must be the source's words, punctuation and apostrophes
 * included.
 *
 * @internal Exported for tests only.
 */
export function normalizeQuote(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*[+\u2022-][ \t]+/gm, '')
    .replace(/[`*\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A local copy's text without its note: the lines starting with `%` at the top of the file say
 * where and when the copy was made, and are never matched against quotes.
 */
export function copyText(file: string): string {
  const lines = file.split('\n');
  const body = lines.findIndex((line) => !line.startsWith('%'));
  return body < 0 ? '' : lines.slice(body).join('\n');
}

/**
 * Checks every quote of a source that declares a local copy (`file:`, relative to the spec file)
 * against that copy: `quote-not-found` for a quote the copy does not contain, `source-file-missing`
 * when the copy cannot be read. Quotes of sources without a `file` are not checked.
 */
export async function verifyQuotes(specFile: string, facts: LintFacts): Promise<Issue[]> {
  const issues: Issue[] = [];
  const texts = new Map<string, string | undefined>();
  for (const [id, source] of facts.sourceFiles) {
    const path = resolve(dirname(specFile), source.path);
    try {
      texts.set(id, normalizeQuote(copyText(await readFile(path, 'utf8'))));
    } catch {
      texts.set(id, undefined);
      issues.push({
        code: 'source-file-missing',
        file: specFile,
        line: source.pos.line,
        column: source.pos.column,
        message: `source '${id}': cannot read its file ${source.path}.`,
        hint: 'The path is relative to the spec file.',
      });
    }
  }
  for (const quote of facts.quotes) {
    const text = texts.get(quote.source);
    if (text === undefined || text.includes(normalizeQuote(quote.quote))) continue;
    issues.push({
      code: 'quote-not-found',
      file: specFile,
      line: quote.pos.line,
      column: quote.pos.column,
      message: `${quote.owner}: quote not found in ${quote.source}: "${excerpt(quote.quote, 200)}".`,
      hint: `Copy the sentence verbatim from ${facts.sourceFiles.get(quote.source)?.path ?? quote.source}.`,
    });
  }
  return issues;
}
