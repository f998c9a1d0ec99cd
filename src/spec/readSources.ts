import { excerpt } from '../errors/excerpt.ts';
import type { Reading, Source, SourceKind } from './Spec.ts';
import type { ReadContext } from './ReadContext.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readCitations } from './readCitations.ts';
import { readEntries, readMap, readString } from './readNode.ts';
import type { YNode } from './YNode.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const SOURCE_KINDS: readonly SourceKind[] = ['document', 'recording', 'summary'];

/** Keys each kind of source takes beyond `title` and `kind`. */
const KIND_KEYS: Readonly<Record<SourceKind, readonly string[]>> = {
  document: ['url', 'file', 'copied'],
  recording: ['url', 'repository', 'path', 'commit'],
  summary: ['url', 'file'],
};

function readKind(node: YNode | undefined, ctx: ReadContext, where: string): SourceKind {
  if (node === undefined) return 'document';
  const text = readString(node, ctx.sink, where, "'kind'");
  const kind = SOURCE_KINDS.find((k) => k === text);
  if (kind !== undefined) return kind;
  if (text !== undefined) {
    ctx.sink.report(
      'bad-value',
      node.pos,
      `${where}: unknown kind '${excerpt(text)}'.`,
      didYouMean(text, SOURCE_KINDS) ?? `Write one of ${SOURCE_KINDS.join(', ')}.`,
    );
  }
  return 'document';
}

/**
 * Reads `sources:`: id → `{ title, kind?, … }`. A `document` (the default kind) may have `url`,
 * `file` (a local copy, relative to the spec) and `copied`; a `recording` has `repository`, `path`,
 * `commit` and `url`; a `summary` may have `url` and `file`. Keys of another kind are reported as
 * unknown. What lint requires of each kind (a URL, a copy date…) is checked by `checkEvidence`.
 */
export function readSources(node: YNode | undefined, ctx: ReadContext): Map<string, Source> {
  const out = new Map<string, Source>();
  if (node === undefined) return out; // the top-level reader reports the missing key
  for (const entry of readEntries(node, ctx.sink, 'spec', "'sources'") ?? []) {
    const where = `source '${excerpt(entry.key)}'`;
    ctx.decl.sources.add(entry.key);
    const kindNode =
      entry.value.kind === 'map'
        ? entry.value.entries.find((e) => e.key === 'kind')?.value
        : undefined;
    const kind = readKind(kindNode, ctx, where);
    ctx.decl.sourceKinds.set(entry.key, kind);
    const map = readMap(entry.value, ctx.sink, where, 'a source', {
      required: ['title'],
      optional: ['kind', ...KIND_KEYS[kind]],
    });
    if (map === undefined) continue;
    const text = (key: string): string | undefined =>
      map[key] && readString(map[key], ctx.sink, where, `'${key}'`);
    const file = text('file');
    if (file !== undefined && map['file'] !== undefined) {
      ctx.sourceFiles.set(entry.key, { path: file, pos: map['file'].pos });
    }
    const location = { file: ctx.sink.file, line: entry.keyPos.line, column: entry.keyPos.column };
    const source: Mutable<Source> = {
      id: entry.key,
      title: text('title') ?? entry.key,
      kind,
      location,
    };
    for (const key of ['url', 'copied', 'repository', 'path', 'commit'] as const) {
      const value = text(key);
      if (value !== undefined) source[key] = value;
    }
    out.set(entry.key, source);
  }
  return out;
}

/** The result of reading `readings:`. */
export interface ReadingsRead {
  readonly readings: Map<string, Reading>;
  readonly defaultReading: string;
}

/**
 * Reads `readings:` (`default: <id>` plus id → description, cite). Without `readings:` the spec has
 * one implicit reading, `default`.
 */
export function readReadings(node: YNode | undefined, ctx: ReadContext): ReadingsRead {
  const readings = new Map<string, Reading>();
  if (node === undefined) {
    ctx.decl.readings.add('default');
    readings.set('default', { id: 'default', description: 'The only reading.', cite: [] });
    return { readings, defaultReading: 'default' };
  }
  const entries = readEntries(node, ctx.sink, 'spec', "'readings'") ?? [];
  for (const entry of entries) if (entry.key !== 'default') ctx.decl.readings.add(entry.key);
  let defaultReading = '';
  for (const entry of entries) {
    if (entry.key === 'default') {
      defaultReading = readString(entry.value, ctx.sink, 'readings', "'default'") ?? '';
      if (defaultReading !== '' && !ctx.decl.readings.has(defaultReading)) {
        ctx.sink.report(
          'unknown-reading',
          entry.value.pos,
          `readings: the default reading '${excerpt(defaultReading)}' is not declared.`,
          didYouMean(defaultReading, ctx.decl.readings),
        );
      }
      continue;
    }
    const where = `reading '${excerpt(entry.key)}'`;
    ctx.evidencePositions.set(where, { owner: where, pos: entry.keyPos });
    const map = readMap(entry.value, ctx.sink, where, 'a reading', {
      required: ['description'],
      optional: ['cite'], // a missing cite is reported as missing-cite
    });
    if (map === undefined) continue;
    const description =
      map['description'] && readString(map['description'], ctx.sink, where, "'description'");
    const cite = readCitations(map['cite'], ctx, where, entry.keyPos);
    readings.set(entry.key, { id: entry.key, description: description ?? '', cite });
  }
  if (!entries.some((e) => e.key === 'default')) {
    ctx.sink.report('missing-key', node.pos, "readings: missing required key 'default'.");
  }
  return { readings, defaultReading };
}
