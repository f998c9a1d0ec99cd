import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlLibNode } from 'yaml';
import type { Issue } from '../errors/HarnessError.ts';
import type { YEntry, YNode, YPos } from './YNode.ts';

/**
 * The only importer of `yaml` (each third-party library stays behind one module): turns YAML text
 * into a plain {@link YNode} tree in which every node knows its 1-based line and column, so every
 * later check can point at the value it rejects. Aliases are expanded (their nodes point at the
 * anchored text, where a fix belongs); syntax errors become `yaml-syntax` issues.
 */

/** The result of {@link parseYaml}: the tree (absent when the text is empty) and the syntax issues. */
export interface ParsedYaml {
  readonly root: YNode | undefined;
  readonly issues: readonly Issue[];
}

// Aliases are expanded into the tree; this bounds "billion laughs" documents.
const MAX_NODES = 200_000;

class Converter {
  private count = 0;
  private readonly active = new Set<unknown>();
  readonly problems: { pos: YPos; message: string }[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  pos(offset: number | undefined): YPos {
    const { line, col } = this.lines.linePos(offset ?? 0);
    return { line, column: col };
  }

  convert(node: unknown, fallback: YPos): YNode {
    this.count += 1;
    if (this.count > MAX_NODES) {
      if (this.count === MAX_NODES + 1) {
        this.problems.push({
          pos: fallback,
          message: `more than ${MAX_NODES} nodes after aliases`,
        });
      }
      return { kind: 'unsupported', what: 'document too large', pos: fallback };
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      const at = this.pos(node.range?.[0]);
      if (target === undefined || this.active.has(target)) {
        this.problems.push({
          pos: at,
          message: `alias *${node.source} refers to itself or nothing`,
        });
        return { kind: 'unsupported', what: 'recursive alias', pos: at };
      }
      return this.convert(target, at);
    }
    if (node === null || node === undefined) return { kind: 'scalar', value: null, pos: fallback };
    const pos = this.pos((node as YamlLibNode).range?.[0]);
    this.active.add(node);
    try {
      return this.convertNode(node, pos);
    } finally {
      this.active.delete(node);
    }
  }

  private convertNode(node: unknown, pos: YPos): YNode {
    if (isScalar(node)) {
      const { value } = node;
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
        return { kind: 'scalar', value: value as string | number | boolean | null, pos };
      }
      return {
        kind: 'unsupported',
        what: `a ${typeof value} value (${node.tag ?? 'tagged'})`,
        pos,
      };
    }
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map((item) => this.convert(item, pos)), pos };
    }
    if (isMap(node)) {
      const entries: YEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = this.convert(pair.key, pos);
        const keyPos = keyNode.pos;
        if (keyNode.kind !== 'scalar' || keyNode.value === null) {
          this.problems.push({ pos: keyPos, message: 'mapping keys must be plain scalars' });
          continue;
        }
        entries.push({
          key: String(keyNode.value),
          keyPos,
          value: this.convert(pair.value, keyPos),
        });
      }
      return { kind: 'map', entries, pos };
    }
    return { kind: 'unsupported', what: 'an unsupported YAML node', pos };
  }
}

/**
 * Parses YAML text (one document, YAML 1.2 core schema) into a located tree. Never throws: malformed
 * text yields `root: undefined` or a partial tree plus `yaml-syntax` issues naming line and column.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const converter = new Converter(doc, lines);
  const issues: Issue[] = [];
  const syntax = (offset: number, message: string): void => {
    const { line, column } = converter.pos(offset);
    issues.push({ code: 'yaml-syntax', file, line, column, message: `YAML: ${message}` });
  };
  for (const error of [...doc.errors, ...doc.warnings]) syntax(error.pos[0], error.message);
  if (issues.length > 0) return { root: undefined, issues };
  const root =
    doc.contents === null ? undefined : converter.convert(doc.contents, converter.pos(0));
  for (const problem of converter.problems) {
    const { line, column } = problem.pos;
    issues.push({ code: 'yaml-syntax', file, line, column, message: `YAML: ${problem.message}` });
  }
  return { root, issues };
}

/**
 * The node at `path` (mapping keys and sequence indexes) below `root`, or undefined. Lets a test or
 * a tool map a document path such as `['operations', 'Invoke', 'rules', 2]` to its line and column.
 *
 * @internal Exported for tests only.
 */
export function nodeAt(
  root: YNode | undefined,
  path: readonly (string | number)[],
): YNode | undefined {
  let node = root;
  for (const step of path) {
    if (node === undefined) return undefined;
    if (node.kind === 'map') node = node.entries.find((e) => e.key === String(step))?.value;
    else if (node.kind === 'seq' && typeof step === 'number') node = node.items[step];
    else return undefined;
  }
  return node;
}
