import { readFile } from 'node:fs/promises';
import { HarnessError, InputError } from '../errors/HarnessError.ts';
import { excerpt } from '../errors/excerpt.ts';
import { CATEGORY_TITLES, type DivergenceCategory } from '../monitor/Verdict.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { IssueSink } from '../spec/IssueSink.ts';
import { parseYaml } from '../spec/parseYaml.ts';
import { readList, readMap, readNames, readString } from '../spec/readNode.ts';
import type { YNode } from '../spec/YNode.ts';
import type { BaselineEntry } from '../runner/RunRecord.ts';
import type { Baseline } from './Baseline.ts';

const ENTRY_KEYS = {
  required: ['rule', 'reason'],
  optional: ['category', 'target', 'mutants', 'link', 'expires'],
} as const;
const CATEGORIES = Object.keys(CATEGORY_TITLES) as DivergenceCategory[];

function isCategory(value: string): value is DivergenceCategory {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** A real calendar date written `YYYY-MM-DD`. */
function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function readEntry(node: YNode, sink: IssueSink, index: number): BaselineEntry | undefined {
  const where = `known[${index}]`;
  const before = sink.count;
  const map = readMap(node, sink, where, 'an entry', {
    required: [...ENTRY_KEYS.required],
    optional: [...ENTRY_KEYS.optional],
  });
  if (map === undefined) return undefined;
  const text = (key: string): string | undefined => {
    const value = map[key];
    return value === undefined ? undefined : readString(value, sink, where, `'${key}'`);
  };
  const rule = text('rule');
  const reason = text('reason');
  const category = text('category');
  if (category !== undefined && !isCategory(category) && map['category'] !== undefined) {
    const hint = didYouMean(category, CATEGORIES) ?? `Categories: ${CATEGORIES.join(', ')}.`;
    sink.report(
      'bad-value',
      map['category'].pos,
      `${where}: unknown category '${excerpt(category)}'.`,
      hint,
    );
  }
  const target = text('target');
  const mutantsNode = map['mutants'];
  const mutants =
    mutantsNode === undefined
      ? undefined
      : readNames(mutantsNode, sink, where, "'mutants'")?.map((m) => m.name);
  const link = text('link');
  if (link !== undefined && !/^https?:\/\/\S+$/.test(link) && map['link'] !== undefined) {
    sink.report(
      'bad-value',
      map['link'].pos,
      `${where}: 'link' must be an http(s) URL, found '${excerpt(link)}'.`,
    );
  }
  const expiresNode = map['expires'];
  const expires = expiresNode === undefined ? undefined : plainText(expiresNode);
  if (expiresNode !== undefined && (expires === undefined || !isDate(expires))) {
    sink.report(
      'bad-value',
      expiresNode.pos,
      `${where}: 'expires' must be a date written YYYY-MM-DD (e.g. 2026-12-31).`,
    );
  }
  if (sink.count > before || rule === undefined || reason === undefined) return undefined;
  return {
    rule,
    reason,
    line: node.pos.line,
    ...(category !== undefined && isCategory(category) ? { category } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(mutants !== undefined ? { mutants } : {}),
    ...(link !== undefined ? { link } : {}),
    ...(expires !== undefined ? { expires } : {}),
  };
}

function plainText(node: YNode): string | undefined {
  return node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Parses a baseline (YAML, or JSON, which is YAML): a mapping with a `known` list of entries
 * `{ rule, reason, category?, target?, mutants?, link?, expires? }`. Every problem is reported at
 * once with its `file:line:col` (an {@link InputError} `BAD_BASELINE`).
 *
 * @internal Exported for tests only.
 */
export function parseBaseline(text: string, file: string): Baseline {
  const sink = new IssueSink(file);
  const parsed = parseYaml(text, file);
  sink.addAll(parsed.issues);
  const entries: BaselineEntry[] = [];
  if (parsed.root === undefined && parsed.issues.length === 0) {
    sink.report('missing-key', { line: 1, column: 1 }, "baseline: missing required key 'known'.");
  }
  if (parsed.root !== undefined) {
    const top = readMap(parsed.root, sink, 'baseline', 'the file', {
      required: ['known'],
      optional: ['description'],
    });
    const known = top?.['known'];
    const items = known === undefined ? undefined : readList(known, sink, 'baseline', "'known'");
    for (const [i, item] of (items ?? []).entries()) {
      const entry = readEntry(item, sink, i);
      if (entry !== undefined) entries.push(entry);
    }
  }
  if (sink.count > 0) throw new InputError('BAD_BASELINE', sink.issues);
  return { file, entries };
}

/** Reads and parses a baseline file; see {@link parseBaseline}. */
export async function loadBaseline(path: string, shownAs: string = path): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new HarnessError('BAD_BASELINE', `${shownAs}: cannot read the baseline: ${reason}`, {
      cause,
    });
  }
  return parseBaseline(text, shownAs);
}
