import { excerpt } from '../errors/excerpt.ts';
import type { TimeBound, Transition } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import { readCitations } from './readCitations.ts';
import { readEffects } from './readEffects.ts';
import { readEvidence } from './readEvidence.ts';
import { readGuard } from './readGuard.ts';
import { describeItem, readId } from './readOperations.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { DURATION_HINT, parseDuration } from '../text/duration.ts';
import { readList, readMap, readString } from './readNode.ts';
import type { YNode } from './YNode.ts';

function readTrigger(
  map: Readonly<Partial<Record<string, YNode>>>,
  node: YNode,
  ctx: ReadContext,
  where: string,
): Transition['trigger'] | undefined {
  const asyncNode = map['async'];
  const eventNode = map['event'];
  if ((asyncNode === undefined) === (eventNode === undefined)) {
    const both = asyncNode !== undefined;
    ctx.sink.report(
      'bad-trigger',
      eventNode?.pos ?? node.pos,
      `${where}: ${both ? 'both' : 'neither'} 'async' and 'event'.`,
      'A transition has exactly one trigger: `async: { within: 15m }` or `event: <name>`.',
    );
    return undefined;
  }
  if (eventNode !== undefined) {
    const event = readString(eventNode, ctx.sink, where, "'event'");
    if (event === undefined) return undefined;
    if (!ctx.decl.events.has(event)) {
      const hint = didYouMean(event, ctx.decl.events) ?? 'Declare it under `events:`.';
      ctx.sink.report(
        'unknown-event',
        eventNode.pos,
        `${where}: unknown event '${excerpt(event)}'.`,
        hint,
      );
      return undefined;
    }
    return { kind: 'event', event };
  }
  const inner =
    asyncNode &&
    readMap(asyncNode, ctx.sink, where, "'async'", {
      required: ['within'],
      optional: ['evidence', 'note', 'cite'],
    });
  const withinNode = inner?.['within'];
  if (withinNode === undefined || inner === undefined || asyncNode === undefined) return undefined;
  const bound = readBound(inner, asyncNode, ctx, where);
  const text = withinNode.kind === 'scalar' ? String(withinNode.value) : '';
  const withinMs = parseDuration(text);
  if (withinMs === undefined || withinMs <= 0) {
    ctx.sink.report(
      'bad-duration',
      withinNode.pos,
      `${where}: '${excerpt(text)}' is not a duration.`,
      DURATION_HINT,
    );
    return undefined;
  }
  return { kind: 'async', withinMs, bound };
}

/**
 * Where an async transition's `within` bound comes from: its own `evidence`, `cite` and `note`
 * (all optional to the loader; `lint` requires the evidence and a citation).
 */
function readBound(
  map: Readonly<Partial<Record<string, YNode>>>,
  node: YNode,
  ctx: ReadContext,
  where: string,
): TimeBound {
  const owner = `${where} (its time bound)`;
  const evidence = readEvidence(map['evidence'], ctx, owner, node.pos);
  const note = map['note'] && readString(map['note'], ctx.sink, owner, "'note'");
  const cite = map['cite'] === undefined ? [] : readCitations(map['cite'], ctx, owner, node.pos);
  const location = { file: ctx.sink.file, line: node.pos.line, column: node.pos.column };
  return {
    cite,
    location,
    ...(evidence === undefined ? {} : { evidence }),
    ...(note === undefined ? {} : { note }),
  };
}

function readTransition(node: YNode, index: number, ctx: ReadContext): Transition | undefined {
  const label = describeItem(node, 'transition', `transition #${index + 1}`);
  const map = readMap(node, ctx.sink, label, 'a transition', {
    required: ['id', 'from', 'to'],
    optional: ['async', 'event', 'evidence', 'note', 'cite'], // a missing cite is reported as missing-cite
  });
  if (map === undefined) return undefined;
  const before = ctx.sink.count;
  const id = readId(map['id'], ctx, 'transition') ?? '?';
  const scope: Scope = { where: `transition '${excerpt(id)}'`, inputs: undefined };
  const from = map['from'] && readGuard(map['from'], ctx, scope);
  const to = map['to'] && readEffects(map['to'], ctx, scope);
  const trigger = readTrigger(map, node, ctx, scope.where);
  const note = map['note'] && readString(map['note'], ctx.sink, scope.where, "'note'");
  const cite = readCitations(map['cite'], ctx, scope.where, node.pos);
  const evidence = readEvidence(map['evidence'], ctx, scope.where, node.pos);
  if (
    from === undefined ||
    to === undefined ||
    trigger === undefined ||
    ctx.sink.count !== before
  ) {
    return undefined;
  }
  const location = { file: ctx.sink.file, line: node.pos.line, column: node.pos.column };
  const transition: Transition = {
    id,
    from,
    to,
    trigger,
    cite,
    ...(evidence === undefined ? {} : { evidence }),
    location,
  };
  return note === undefined ? transition : { ...transition, note };
}

/** The transitions as read, and whether all of them read cleanly. */
export interface TransitionsRead {
  readonly transitions: readonly Transition[];
  readonly complete: boolean;
}

/**
 * Reads `transitions:`: each `{ id, from, to, async: { within } | event, cite, note? }`. `from` may
 * not test inputs and `to` may not copy them: a transition fires without an operation.
 */
export function readTransitions(node: YNode | undefined, ctx: ReadContext): TransitionsRead {
  const before = ctx.sink.count;
  const items = node === undefined ? [] : (readList(node, ctx.sink, 'spec', "'transitions'") ?? []);
  const transitions = items
    .map((item, i) => readTransition(item, i, ctx))
    .filter((t) => t !== undefined);
  return { transitions, complete: ctx.sink.count === before };
}
