import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Alias, Document, Node as YamlLibNode } from 'yaml';
import type { Issue } from '../errors/HarnessError.ts';
import type { IssueCode } from '../errors/issueCodes.ts';
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

// Bounds that keep any input cheap to read (`yaml-limit`): a spec is about 35 KB with a handful of
// aliases, so these refuse only documents built to explode ("billion laughs") or that are not specs.
/** Most characters of YAML text read; longer text is refused unparsed. */
const MAX_CHARS = 2_000_000;
/** Most aliases expanded, nested ones included (the role of the yaml library's `maxAliasCount`). */
const MAX_ALIASES = 10_000;
/** Most nodes in the tree once aliases are expanded. */
const MAX_NODES = 200_000;

/**
 * What every alias refers to, found in one walk of the document in order (the anchor defined last
 * before the alias, as YAML says). The library's own `Alias.resolve` and its `maxAliasCount` check
 * walk the whole document for every alias: minutes for a few hundred KB of aliases.
 */
function aliasTargets(doc: Document): Map<Alias, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<Alias, unknown>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor !== undefined) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

class Converter {
  private nodes = 0;
  private aliases = 0;
  private limited = false;
  private readonly active = new Set<unknown>();
  private readonly targets: Map<Alias, unknown>;
  readonly problems: { code: IssueCode; pos: YPos; message: string }[] = [];

  constructor(
    doc: Document,
    private readonly lines: LineCounter,
  ) {
    this.targets = aliasTargets(doc);
  }

  pos(offset: number | undefined): YPos {
    const { line, col } = this.lines.linePos(offset ?? 0);
    return { line, column: col };
  }

  /** Reports the first bound reached; from then on nothing more is converted or reported. */
  private limit(pos: YPos, message: string): YNode {
    if (!this.limited) this.problems.push({ code: 'yaml-limit', pos, message });
    this.limited = true;
    return { kind: 'unsupported', what: 'beyond the YAML bounds', pos };
  }

  convert(node: unknown, fallback: YPos): YNode {
    if (this.limited) return { kind: 'unsupported', what: 'beyond the YAML bounds', pos: fallback };
    if (isAlias(node)) return this.expand(node);
    if (node === null || node === undefined) return { kind: 'scalar', value: null, pos: fallback };
    const pos = this.pos((node as YamlLibNode).range?.[0]);
    this.nodes += 1;
    if (this.nodes > MAX_NODES)
      return this.limit(pos, `more than ${MAX_NODES} nodes after aliases`);
    this.active.add(node);
    try {
      return this.convertNode(node, pos);
    } finally {
      this.active.delete(node);
    }
  }

  private expand(alias: Alias): YNode {
    const at = this.pos(alias.range?.[0]);
    this.aliases += 1;
    if (this.aliases > MAX_ALIASES) {
      return this.limit(
        at,
        `more than ${MAX_ALIASES} aliases to expand (here *${alias.source}); write the values out or use fewer aliases`,
      );
    }
    const target = this.targets.get(alias);
    if (target === undefined || this.active.has(target)) {
      this.problems.push({
        code: 'yaml-syntax',
        pos: at,
        message: `alias *${alias.source} refers to itself or nothing`,
      });
      return { kind: 'unsupported', what: 'recursive alias', pos: at };
    }
    return this.convert(target, at);
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
      // Keys are unique as the yaml library's `uniqueKeys` means it (same type and value), checked
      // here because the library compares each key with every earlier one: minutes for big maps.
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = this.convert(pair.key, pos);
        if (this.limited) break;
        const keyPos = keyNode.pos;
        if (keyNode.kind !== 'scalar' || keyNode.value === null) {
          this.problems.push({
            code: 'yaml-syntax',
            pos: keyPos,
            message: 'mapping keys must be plain scalars',
          });
          continue;
        }
        const unique = `${typeof keyNode.value} ${String(keyNode.value)}`;
        if (seen.has(unique)) {
          this.problems.push({
            code: 'yaml-syntax',
            pos: keyPos,
            message: 'Map keys must be unique',
          });
          continue;
        }
        seen.add(unique);
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
  if (text.length > MAX_CHARS) {
    const issue: Issue = {
      code: 'yaml-limit',
      file,
      line: 1,
      column: 1,
      message: `YAML: the file has ${text.length} characters; at most ${MAX_CHARS} are read.`,
    };
    return { root: undefined, issues: [issue] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
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
  for (const { code, pos, message } of converter.problems) {
    issues.push({ code, file, line: pos.line, column: pos.column, message: `YAML: ${message}` });
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
