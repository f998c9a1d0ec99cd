import { EVIDENCE_KINDS } from './Spec.ts';
import type { Evidence } from './Spec.ts';
import type { ReadContext } from './ReadContext.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readString } from './readNode.ts';
import type { YNode, YPos } from './YNode.ts';
import { excerpt } from '../errors/excerpt.ts';

/**
 * Reads an `evidence:` value (`documented`, `recorded` or `inferred`; anything else is `bad-value`)
 * and remembers where it is written, or where its owner is when it has none, for the linter's
 * evidence checks. Undefined when absent or unreadable: the loader then counts it as `inferred`,
 * and `lint` reports it missing.
 */
export function readEvidence(
  node: YNode | undefined,
  ctx: ReadContext,
  owner: string,
  ownerPos: YPos,
): Evidence | undefined {
  ctx.evidencePositions.set(owner, { owner, pos: node?.pos ?? ownerPos });
  if (node === undefined) return undefined;
  const text = readString(node, ctx.sink, owner, "'evidence'");
  const evidence = EVIDENCE_KINDS.find((e) => e === text);
  if (evidence === undefined && text !== undefined) {
    ctx.sink.report(
      'bad-value',
      node.pos,
      `${owner}: unknown evidence '${excerpt(text)}'.`,
      didYouMean(text, EVIDENCE_KINDS) ?? `Write one of ${EVIDENCE_KINDS.join(', ')}.`,
    );
  }
  return evidence;
}
