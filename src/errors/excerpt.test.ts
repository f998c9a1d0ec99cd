import { describe, expect, it } from 'vitest';
import { escapeInvisible, EXCERPT_LENGTH, excerpt } from './excerpt.ts';
import { formatIssue, SpecError } from './HarnessError.ts';

describe('escapeInvisible', () => {
  it('escapes controls, zero-width and direction marks, odd spaces and blank letters', () => {
    expect(escapeInvisible('a\nb\tc\rd\u0000e\u007F')).toBe('a\\nb\\tc\\rd\\u0000e\\u007F');
    expect(escapeInvisible('ru\u200Bns')).toBe('ru\\u200Bns');
    expect(escapeInvisible('\uFEFFname\u202E\u2066')).toBe('\\uFEFFname\\u202E\\u2066');
    expect(escapeInvisible('a\u00A0b\u3000c\u2028d')).toBe('a\\u00A0b\\u3000c\\u2028d');
    expect(escapeInvisible('\u3164\u2800')).toBe('\\u3164\\u2800');
    expect(escapeInvisible('tag\u{E0041}')).toBe('tag\\u{E0041}');
    expect(escapeInvisible('\uD800')).toBe('\\uD800');
  });

  it('leaves visible text as it is, accents, symbols and emoji included', () => {
    const visible = 'Pending → Active ≥ 1, café, 関数, ’quoted’, 🚀, C:\\path with spaces';
    expect(escapeInvisible(visible)).toBe(visible);
  });
});

describe('excerpt', () => {
  it('keeps a short value whole, escaped', () => {
    expect(excerpt('Invok')).toBe('Invok');
    expect(excerpt('a\u200Bb')).toBe('a\\u200Bb');
  });

  it('cuts a long value to its beginning, an ellipsis and its full length', () => {
    const huge = 'Lorem ipsum '.repeat(500_000);
    const shown = excerpt(huge);
    expect(shown).toBe(`${huge.slice(0, EXCERPT_LENGTH)}… (${huge.length} characters)`);
    expect(excerpt('x'.repeat(30), 10)).toBe('xxxxxxxxxx… (30 characters)');
  });

  it('never cuts an escape in half', () => {
    expect(excerpt(`${'x'.repeat(8)}\u200Byy`, 10)).toBe('xxxxxxxx… (11 characters)');
  });
});

describe('formatIssue', () => {
  const issue = { code: 'bad-value', file: 's.yaml', line: 2, column: 3 } as const;

  it('prints one line, whatever the message echoes', () => {
    const message = `bad: 'a\nb${'z'.repeat(5_000_000)}'`;
    const text = formatIssue({ ...issue, message, hint: 'h\u200B' });
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThan(1_100);
    expect(text).toMatch(/^s\.yaml:2:3: bad: 'a\\nbzzz+… \(\d+ characters\) h\\u200B$/);
    expect(text).toContain(`(${message.length} characters)`);
  });

  it('lists at most 100 issues in an InputError message, and keeps them all', () => {
    const issues = Array.from({ length: 150 }, (_, i) => ({ ...issue, line: i + 1, message: 'm' }));
    const error = new SpecError(issues);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe('… and 50 more issues');
    expect(error.issues).toHaveLength(150);
  });
});
