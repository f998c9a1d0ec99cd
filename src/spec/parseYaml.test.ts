import { describe, expect, it } from 'vitest';
import { nodeAt, parseYaml } from './parseYaml.ts';
import { positionOf } from './spec.testkit.ts';
import { describeNode } from './YNode.ts';

const TEXT = `top:
  list:
    - a
    - { b: 2, c: true }
  anchored: &shared { x: 1 }
  reused: *shared
  empty:
`;

describe('parseYaml', () => {
  it('keeps the line and column of every node, so any path maps to line:col', () => {
    const { root, issues } = parseYaml(TEXT, 'f.yaml');
    expect(issues).toEqual([]);
    expect(nodeAt(root, ['top', 'list', 1, 'c'])).toEqual({
      kind: 'scalar',
      value: true,
      pos: positionOf(TEXT, 'true'),
    });
    expect(nodeAt(root, ['top', 'list', 0])?.pos).toEqual(positionOf(TEXT, 'a\n'));
    expect(nodeAt(root, ['top', 'missing'])).toBeUndefined();
    expect(nodeAt(root, ['top', 'list', 'x'])).toBeUndefined();
  });

  it('expands aliases (their nodes point at the anchored text) and reads an empty value as null', () => {
    const { root } = parseYaml(TEXT, 'f.yaml');
    const reused = nodeAt(root, ['top', 'reused']);
    expect(reused?.kind).toBe('map');
    expect(reused?.pos).toEqual(positionOf(TEXT, '{ x: 1 }'));
    expect(nodeAt(reused, ['x'])).toMatchObject({ kind: 'scalar', value: 1 });
    const empty = nodeAt(root, ['top', 'empty']);
    expect(empty).toMatchObject({ kind: 'scalar', value: null });
    expect(empty && describeNode(empty)).toBe('nothing (null)');
  });

  it('reports syntax errors, duplicate keys and recursive aliases with line and column', () => {
    expect(parseYaml('a: 1\na: 2\n', 'f.yaml').issues).toEqual([
      {
        code: 'yaml-syntax',
        file: 'f.yaml',
        line: 2,
        column: 1,
        message: 'YAML: Map keys must be unique',
      },
    ]);
    expect(parseYaml('a: b: c\n', 'f.yaml').issues[0]).toMatchObject({ line: 1, column: 4 });
    expect(parseYaml('a: &x [*x]\n', 'f.yaml').issues[0]).toMatchObject({ line: 1, column: 8 });
    expect(parseYaml('a: 1\n---\nb: 2\n', 'f.yaml').issues[0]).toMatchObject({
      line: 2,
      column: 1,
    });
  });

  it('marks values it never accepts instead of throwing', () => {
    const { root, issues } = parseYaml('a: !!binary aGVsbG8=\n? [k]\n: v\n', 'f.yaml');
    expect(nodeAt(root, ['a'])?.kind).toBe('unsupported');
    expect(issues).toEqual([
      expect.objectContaining({
        line: 2,
        column: 3,
        message: 'YAML: mapping keys must be plain scalars',
      }),
    ]);
  });

  it('returns no tree for an empty document', () => {
    expect(parseYaml('# only a comment\n', 'f.yaml')).toEqual({ root: undefined, issues: [] });
  });

  it('bounds documents that explode through aliases', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i += 1)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const { issues } = parseYaml(lines.join('\n'), 'f.yaml');
    expect(issues.map((i) => i.code)).toEqual(['yaml-limit']);
    expect(issues[0]?.message).toMatch(/more than 10000 aliases/);
  });

  it('bounds the nodes aliases expand to, even when there are few aliases', () => {
    const big = `[${Array(30_000).fill('x').join(', ')}]`;
    const text = `big: &big ${big}\ncopies: [${Array(8).fill('*big').join(', ')}]\n`;
    const { issues } = parseYaml(text, 'f.yaml');
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'yaml-limit',
        message: 'YAML: more than 200000 nodes after aliases',
      }),
    ]);
  });

  it('finds a duplicate key in a mapping of 50,000 keys, at the duplicate', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `key${i}: ${i}`);
    lines.push('key7: again');
    const { root, issues } = parseYaml(lines.join('\n'), 'f.yaml');
    expect(issues).toEqual([
      expect.objectContaining({
        line: 50_001,
        column: 1,
        message: 'YAML: Map keys must be unique',
      }),
    ]);
    expect(nodeAt(root, ['key7'])).toMatchObject({ value: 7 });
    expect(parseYaml("1: a\n'1': b\ntrue: c\n'true': d\n", 'f.yaml').issues).toEqual([]);
  });

  it('reports the node bound once, at the first node beyond it, however much follows', () => {
    const lines = Array.from({ length: 25_000 }, (_, i) => `k${i}: { a: ${i}, b: [x, y, z] }`);
    const { issues } = parseYaml(lines.join('\n'), 'f.yaml');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('yaml-limit');
    expect(issues[0]?.line).toBeGreaterThan(10_000);
  });

  it('reports an alias-heavy document located at the alias past the limit, without expanding them all', () => {
    // About 400 KB: one small anchored mapping and an alias to it per line, then many anchors each
    // used once. Resolving every alias by walking the document took minutes.
    const lines = ['base: &base { k: v }', 'list:'];
    for (let i = 0; i < 40_000; i += 1) lines.push('  - *base');
    for (let i = 0; i < 10_000; i += 1) lines.push(`  - &n${i} { a: ${i} }`, `  - *n${i}`);
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(400_000);
    const { issues } = parseYaml(text, 'big.yaml');
    expect(issues).toEqual([
      {
        code: 'yaml-limit',
        file: 'big.yaml',
        line: 10_003,
        column: 5,
        message:
          'YAML: more than 10000 aliases to expand (here *base); write the values out or use fewer aliases',
      },
    ]);
  });

  it('expands thousands of aliases to later anchors with the same name, each to the latest one', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3_000; i += 1) lines.push(`- &a ${i}`, '- *a');
    const { root, issues } = parseYaml(lines.join('\n'), 'f.yaml');
    expect(issues).toEqual([]);
    expect(nodeAt(root, [1])).toMatchObject({ value: 0 });
    expect(nodeAt(root, [5_999])).toMatchObject({ value: 2_999 });
  });

  it('refuses text longer than it reads, without parsing it', () => {
    const { root, issues } = parseYaml(`a: ${'x'.repeat(2_000_000)}\n`, 'huge.yaml');
    expect(root).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: 'yaml-limit', line: 1, column: 1 })]);
    expect(issues[0]?.message).toMatch(/^YAML: the file has 2000004 characters; at most 2000000/);
  });
});
