import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty } from './workflowCommand.ts';

describe('GitHub workflow commands', () => {
  it('escapes %, carriage return and newline in a message', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
  });

  it('also escapes : and , in a property', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes an annotation with its properties in order, escaped, and none when there are none', () => {
    expect(
      annotation(
        'error',
        { title: 'x: y, z', col: 7, file: 'spec/a,b.yaml', line: 42 },
        'first\nsecond: 50%',
      ),
    ).toBe('::error file=spec/a%2Cb.yaml,line=42,col=7,title=x%3A y%2C z::first%0Asecond: 50%25');
    expect(annotation('warning', {}, 'plain')).toBe('::warning::plain');
  });
});
