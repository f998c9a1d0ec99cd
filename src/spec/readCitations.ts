import { excerpt } from '../errors/excerpt.ts';
import type { Citation } from './Spec.ts';
import type { ReadContext } from './ReadContext.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readList, readMap, readNames, readString } from './readNode.ts';
import type { YNode, YPos } from './YNode.ts';

const CITE_HINT =
  'Write `cite:` as a list of `- source: <id>` with `quote: "<verbatim sentence>"` (a document) or `test`, `keys`, `recorded`, `shows` (a recording).';

/** How the recording source's recordings write their dates: `25-11-2025, 02:39:11`. */
const RECORDED_DATE = /^\d{2}-\d{2}-\d{4}, \d{2}:\d{2}:\d{2}$/;

function readQuote(
  map: Readonly<Partial<Record<string, YNode>>>,
  item: YNode,
  ctx: ReadContext,
  where: string,
  source: string,
): Citation | undefined {
  const quoteNode = map['quote'];
  const quote =
    quoteNode?.kind === 'scalar' && typeof quoteNode.value === 'string'
      ? quoteNode.value.trim()
      : '';
  if (quote === '' || quoteNode === undefined) {
    ctx.sink.report(
      'missing-quote',
      quoteNode?.pos ?? item.pos,
      `${where}: a citation of '${source}' has no quote.`,
      'Quote the sentence of the source that supports the rule, verbatim.',
    );
    return undefined;
  }
  ctx.quotes.push({ source, quote, owner: where, pos: quoteNode.pos });
  return { kind: 'document', source, quote };
}

function readRecorded(
  map: Readonly<Partial<Record<string, YNode>>>,
  ctx: ReadContext,
  where: string,
  source: string,
): Citation | undefined {
  const text = (key: string): string | undefined =>
    map[key] && readString(map[key], ctx.sink, where, `'${key}'`);
  const test = text('test');
  const recorded = text('recorded');
  const shows = text('shows');
  const keys = map['keys'] && readNames(map['keys'], ctx.sink, where, "'keys'", true);
  if (recorded !== undefined && map['recorded'] !== undefined && !RECORDED_DATE.test(recorded)) {
    ctx.sink.report(
      'bad-value',
      map['recorded'].pos,
      `${where}: recorded '${excerpt(recorded)}' is not a recording date.`,
      'Copy the `recorded-date` of the test, e.g. "25-11-2025, 02:39:11".',
    );
    return undefined;
  }
  if (keys !== undefined && keys.length === 0 && map['keys'] !== undefined) {
    ctx.sink.report('bad-value', map['keys'].pos, `${where}: 'keys' lists nothing.`);
    return undefined;
  }
  if (test === undefined || recorded === undefined || shows === undefined || keys === undefined) {
    return undefined;
  }
  return { kind: 'recording', source, test, keys: keys.map((k) => k.name), recorded, shows };
}

/**
 * Reads a `cite:` list. Every rule, transition and reading needs at least one citation
 * (`missing-cite`), each naming a declared source (`unknown-source`). A citation of a document (or
 * a summary) quotes it (`missing-quote`); the quote is remembered for the linter, which checks it
 * against the source's local copy. A citation of a recording names the recorded `test`, its
 * `keys`, the `recorded` date and what they `shows`. Every citation is remembered for the evidence
 * checks (`lint` refuses citations of a summary).
 */
export function readCitations(
  node: YNode | undefined,
  ctx: ReadContext,
  where: string,
  ownerPos: YPos,
): readonly Citation[] {
  const { sink } = ctx;
  if (node === undefined) {
    sink.report('missing-cite', ownerPos, `${where}: no 'cite'.`, CITE_HINT);
    return [];
  }
  const items = readList(node, sink, where, "'cite'");
  if (items === undefined) return [];
  if (items.length === 0) {
    sink.report('missing-cite', node.pos, `${where}: 'cite' is empty.`, CITE_HINT);
    return [];
  }
  const out: Citation[] = [];
  for (const item of items) {
    const sourceNode =
      item.kind === 'map' ? item.entries.find((e) => e.key === 'source') : undefined;
    const named =
      sourceNode?.value.kind === 'scalar' && typeof sourceNode.value.value === 'string'
        ? sourceNode.value.value
        : undefined;
    const recording = named !== undefined && ctx.decl.sourceKinds.get(named) === 'recording';
    const map = readMap(item, sink, where, 'each citation', {
      required: recording ? ['source', 'test', 'keys', 'recorded', 'shows'] : ['source'],
      optional: recording ? [] : ['quote'],
    });
    if (map === undefined) continue;
    const source = map['source'] && readString(map['source'], sink, where, "'source'");
    if (source === undefined || map['source'] === undefined) continue;
    if (!ctx.decl.sources.has(source)) {
      sink.report(
        'unknown-source',
        map['source'].pos,
        `${where}: unknown source '${excerpt(source)}'.`,
        didYouMean(source, ctx.decl.sources) ?? 'Declare it under `sources:`.',
      );
    }
    const citation = recording
      ? readRecorded(map, ctx, where, source)
      : readQuote(map, item, ctx, where, source);
    if (citation === undefined) continue;
    out.push(citation);
    ctx.citations.push({ source, owner: where, pos: map['source'].pos });
  }
  return out;
}
