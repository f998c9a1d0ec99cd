import { excerpt } from '../errors/excerpt.ts';

/**
 * A located YAML tree, independent of the `yaml` library (only `parseYaml.ts` imports it). The spec
 * and scenario readers walk this tree, so every issue they report can name a line and a column.
 */

/** 1-based line and column of a node's first character. */
export interface YPos {
  readonly line: number;
  readonly column: number;
}

/** A scalar: string, number, boolean or null (`~`, empty). */
export interface YScalar {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly pos: YPos;
}

/** One `key: value` pair of a mapping; `keyPos` is where the key is written. */
export interface YEntry {
  readonly key: string;
  readonly keyPos: YPos;
  readonly value: YNode;
}

/** A mapping, entries in document order. */
export interface YMap {
  readonly kind: 'map';
  readonly entries: readonly YEntry[];
  readonly pos: YPos;
}

/** A sequence. */
export interface YSeq {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
  readonly pos: YPos;
}

/** Something the readers never accept (binary data, a recursive alias): `what` names it. */
export interface YUnsupported {
  readonly kind: 'unsupported';
  readonly what: string;
  readonly pos: YPos;
}

/** Any node of the tree. */
export type YNode = YScalar | YMap | YSeq | YUnsupported;

/** How a node reads in a message: `a mapping`, `the string "x"`, `the number 3`, `null`. */
export function describeNode(node: YNode): string {
  switch (node.kind) {
    case 'map':
      return 'a mapping';
    case 'seq':
      return 'a list';
    case 'unsupported':
      return node.what;
    case 'scalar':
      if (node.value === null) return 'nothing (null)';
      if (typeof node.value === 'string') return `the string '${excerpt(node.value)}'`;
      return `the ${typeof node.value} ${String(node.value)}`;
  }
}

/** A node as plain data (JSON-like): request bodies, and schema validation in tests. */
export function plainValue(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainValue);
    case 'map':
      return Object.fromEntries(node.entries.map((e) => [e.key, plainValue(e.value)]));
    case 'unsupported':
      return null;
  }
}
