import { describe, expect, it } from 'vitest';

import { mdBlockText, mdCode, mdFence, mdTable, mdText } from './markdown.ts';

describe('markdown escaping', () => {
  it('shows text literally: Markdown and HTML characters escaped, one line', () => {
    expect(mdText('a <b> & `c` | *d* _e_ [f]\nnext')).toBe(
      'a \\<b\\> \\& \\`c\\` \\| \\*d\\* \\_e\\_ \\[f\\] next',
    );
    expect(mdText('0.1.0 - not a list')).toBe('0.1.0 - not a list');
    expect(mdText('esc\u001b[31m bell\u0007')).toBe('esc\\[31m bell');
  });

  it('escapes block markers only where a block starts', () => {
    expect(mdBlockText('# not a heading')).toBe('\\# not a heading');
    expect(mdBlockText('- not a list')).toBe('\\- not a list');
    expect(mdBlockText('12. not a list')).toBe('12\\. not a list');
  });

  it('picks a code span fence longer than any backtick run, and escapes pipes', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a `b` c')).toBe('``a `b` c``');
    expect(mdCode('`edge')).toBe('`` `edge ``');
    expect(mdCode('a | b')).toBe('`a \\| b`');
  });

  it('fences a block with a fence longer than any inside', () => {
    expect(mdFence('sh', 'echo hi')).toBe('```sh\necho hi\n```');
    expect(mdFence('', 'x\n````\ny\n')).toBe('`````\nx\n````\ny\n`````');
  });

  it('builds a GitHub table with right-aligned columns', () => {
    expect(mdTable(['a', 'b'], [['1', '2']], ['left', 'right'])).toBe(
      '| a | b |\n| --- | ---: |\n| 1 | 2 |',
    );
  });
});
