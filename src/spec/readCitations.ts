import { excerpt } from '../errors/excerpt.ts';
import type { Citation } from './Spec.ts';
import type { ReadContext } from './ReadContext.ts';
import { didYouMean } from './didYouMean.ts';
import { readList, readMap, readString } from './readNode.ts';
import type { YNode, YPos } from './YNode.ts';

const CITE_HINT = 'Write `cite:` as a list of `- source: <id>` / `quote: "<verbatim sentence>"`.';

/**
 * Reads a `cite:` list. Every rule, transition and reading needs at least one citation, each naming a
 * declared source and quoting it (`missing-cite`, `unknown-source`, `missing-quote`). Quotes are
 * remembered for the linter, which checks them against the sources' local copies.
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
    const map = readMap(item, sink, where, 'each citation', {
      required: ['source'],
      optional: ['quote'],
    });
    if (map === undefined) continue;
    const sourceNode = map['source'];
    const source =
      sourceNode === undefined ? undefined : readString(sourceNode, sink, where, "'source'");
    if (sourceNode !== undefined && source !== undefined && !ctx.decl.sources.has(source)) {
      sink.report(
        'unknown-source',
        sourceNode.pos,
        `${where}: unknown source '${excerpt(source)}'.`,
        didYouMean(source, ctx.decl.sources) ?? 'Declare it under `sources:`.',
      );
    }
    const quoteNode = map['quote'];
    const quote =
      quoteNode?.kind === 'scalar' && typeof quoteNode.value === 'string'
        ? quoteNode.value.trim()
        : '';
    if (quote === '') {
      sink.report(
        'missing-quote',
        quoteNode?.pos ?? item.pos,
        `${where}: a citation of '${excerpt(source ?? '?')}' has no quote.`,
        'Quote the sentence of the source that supports the rule, verbatim.',
      );
      continue;
    }
    if (source === undefined || quoteNode === undefined) continue;
    out.push({ source, quote });
    ctx.quotes.push({ source, quote, owner: where, pos: quoteNode.pos });
  }
  return out;
}
