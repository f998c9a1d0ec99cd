import { excerpt } from '../errors/excerpt.ts';
import type { Scalar } from './Spec.ts';
import type { IssueSink } from './IssueSink.ts';
import { closest, didYouMean } from '../errors/didYouMean.ts';
import { describeNode } from './YNode.ts';
import type { YEntry, YNode } from './YNode.ts';

/**
 * Shape readers shared by the spec and scenario loaders. Each reads one node, reports a located
 * `wrong-type` / `missing-key` / `unknown-key` issue when the node has the wrong shape, and returns
 * undefined so the caller can skip that part and keep reading the rest. `where` names the enclosing
 * thing (`rule 'create'`), `what` the value (`'when'`).
 */

/** The keys a fixed-shape mapping accepts. */
export interface KeySet {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** Accept (and ignore) keys starting with `x-`: a place for YAML anchors and tool data. */
  readonly extensions?: boolean;
}

/** Reports a `wrong-type` issue: `rule 'x': 'when' must be a mapping, found a list.` */
export function wrongType(
  sink: IssueSink,
  node: YNode,
  where: string,
  what: string,
  expected: string,
): void {
  sink.report(
    'wrong-type',
    node.pos,
    `${where}: ${what} must be ${expected}, found ${describeNode(node)}.`,
  );
}

/** A mapping with arbitrary keys (declarations): its entries in order. */
export function readEntries(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
): readonly YEntry[] | undefined {
  if (node.kind === 'map') return node.entries;
  wrongType(sink, node, where, what, 'a mapping');
  return undefined;
}

/**
 * A mapping with a fixed set of keys: unknown keys get a did-you-mean, missing required keys are
 * reported at the mapping. Returns key → value node for the keys present.
 */
export function readMap(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
  keys: KeySet,
): Readonly<Partial<Record<string, YNode>>> | undefined {
  const entries = readEntries(node, sink, where, what);
  if (entries === undefined) return undefined;
  const allowed = [...keys.required, ...keys.optional];
  const out: Partial<Record<string, YNode>> = {};
  const misspelled = new Set<string>();
  for (const entry of entries) {
    if (allowed.includes(entry.key)) out[entry.key] = entry.value;
    else if (keys.extensions === true && entry.key.startsWith('x-')) continue;
    else {
      const near = closest(entry.key, allowed);
      if (near !== undefined) misspelled.add(near);
      const hint = didYouMean(entry.key, allowed);
      sink.report(
        'unknown-key',
        entry.keyPos,
        `${where}: unknown key '${excerpt(entry.key)}'.`,
        hint,
      );
    }
  }
  for (const key of keys.required) {
    // A misspelt required key is reported once, as the unknown key with its did-you-mean.
    if (out[key] === undefined && !misspelled.has(key)) {
      sink.report('missing-key', node.pos, `${where}: missing required key '${key}'.`);
    }
  }
  return out;
}

/** A non-empty string. */
export function readString(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') {
    return node.value;
  }
  wrongType(sink, node, where, what, 'a non-empty string');
  return undefined;
}

/** A string, number or boolean (not null, not a collection). */
export function readScalar(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
): Scalar | undefined {
  if (node.kind === 'scalar' && node.value !== null) return node.value;
  wrongType(sink, node, where, what, 'a string, number or boolean');
  return undefined;
}

/** A finite number, at least `min` and at most `max` when given. */
export function readNumber(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
  options: { readonly integer?: boolean; readonly min?: number; readonly max?: number } = {},
): number | undefined {
  const kind = options.integer === true ? 'an integer' : 'a number';
  const { min, max } = options;
  const expected =
    min !== undefined && max !== undefined
      ? `${kind} from ${min} to ${max}`
      : min !== undefined
        ? `${kind} ≥ ${min}`
        : max !== undefined
          ? `${kind} ≤ ${max}`
          : kind;
  const { value } = node.kind === 'scalar' ? node : { value: undefined };
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (options.integer !== true || Number.isSafeInteger(value)) &&
    (min === undefined || value >= min) &&
    (max === undefined || value <= max);
  if (ok) return value;
  wrongType(sink, node, where, what, expected);
  return undefined;
}

/** A list; a single scalar is read as a one-element list when `allowSingle`. */
export function readList(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
  allowSingle = false,
): readonly YNode[] | undefined {
  if (node.kind === 'seq') return node.items;
  if (allowSingle && node.kind === 'scalar' && node.value !== null) return [node];
  wrongType(sink, node, where, what, 'a list');
  return undefined;
}

/** A list of distinct non-empty strings (names); a repeated name is a `duplicate-value` issue. */
export function readNames(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
  allowSingle = false,
): readonly { readonly name: string; readonly node: YNode }[] | undefined {
  const items = readList(node, sink, where, what, allowSingle);
  if (items === undefined) return undefined;
  const out: { name: string; node: YNode }[] = [];
  for (const item of items) {
    const name = readString(item, sink, where, `each item of ${what}`);
    if (name === undefined) continue;
    if (out.some((o) => o.name === name)) {
      sink.report(
        'duplicate-value',
        item.pos,
        `${where}: '${excerpt(name)}' appears twice in ${what}.`,
      );
    } else out.push({ name, node: item });
  }
  return out;
}
