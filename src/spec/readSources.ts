import { excerpt } from '../errors/excerpt.ts';
import type { Reading, Source } from './Spec.ts';
import type { ReadContext } from './ReadContext.ts';
import { didYouMean } from './didYouMean.ts';
import { readCitations } from './readCitations.ts';
import { readEntries, readMap, readString } from './readNode.ts';
import type { YNode } from './YNode.ts';

/** Reads `sources:` (id → title, url?, file?) into the context and returns them. */
export function readSources(node: YNode | undefined, ctx: ReadContext): Map<string, Source> {
  const out = new Map<string, Source>();
  if (node === undefined) return out; // the top-level reader reports the missing key
  for (const entry of readEntries(node, ctx.sink, 'spec', "'sources'") ?? []) {
    const where = `source '${excerpt(entry.key)}'`;
    ctx.decl.sources.add(entry.key);
    const map = readMap(entry.value, ctx.sink, where, 'a source', {
      required: ['title'],
      optional: ['url', 'file'],
    });
    if (map === undefined) continue;
    const title = map['title'] && readString(map['title'], ctx.sink, where, "'title'");
    const url = map['url'] && readString(map['url'], ctx.sink, where, "'url'");
    const file = map['file'] && readString(map['file'], ctx.sink, where, "'file'");
    if (file !== undefined && map['file'] !== undefined) {
      ctx.sourceFiles.set(entry.key, { path: file, pos: map['file'].pos });
    }
    const location = { file: ctx.sink.file, line: entry.keyPos.line, column: entry.keyPos.column };
    const source = { id: entry.key, title: title ?? entry.key, location };
    out.set(entry.key, url === undefined ? source : { ...source, url });
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
