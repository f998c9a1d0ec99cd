/**
 * Markdown (GitHub-flavoured) escaping for the markdown reporter. Text from the record — quotes,
 * error messages, reasons — is shown verbatim: every character Markdown or HTML would interpret is
 * escaped, and table cells never break their row.
 */

import { stripControlChars } from './format.ts';

/** ASCII punctuation that Markdown (or inline HTML) would interpret inside a line. */
const SPECIAL = /[\\`*_[\]<>|~&!]/g;

/** Escapes text so it renders literally inside a line (newlines become spaces). */
export function mdText(s: string): string {
  const oneLine = stripControlChars(s.replace(/\r\n|\r|\n/g, ' '));
  return oneLine.replace(SPECIAL, (c) => `\\${c}`);
}

/**
 * Like {@link mdText}, for text that starts a block (a blockquote line): a leading `#`, `+`, `-`
 * or `1.` is escaped too, so it cannot turn into a heading or a list item.
 */
export function mdBlockText(s: string): string {
  return mdText(s).replace(/^(\s*)([#+-]|\d+[.)])/, (_m, space: string, marker: string) =>
    marker.length === 1
      ? `${space}\\${marker}`
      : `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
  );
}

/**
 * An inline code span that shows `s` literally: the fence is one backtick longer than the longest
 * run inside, and `|` is escaped so the span can sit in a table cell (GitHub unescapes it).
 */
export function mdCode(s: string): string {
  const oneLine = stripControlChars(s.replace(/\r\n|\r|\n/g, ' ')).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine === '' ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A fenced code block (`lang` after the opening fence); the fence outgrows any fence inside. */
export function mdFence(lang: string, body: string): string {
  const text = stripControlChars(body);
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}

/** A GitHub table. Cells must already be escaped (with {@link mdText} or {@link mdCode}). */
export function mdTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ('left' | 'right')[] = [],
): string {
  const rule = header.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
