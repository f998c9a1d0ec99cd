import { excerpt } from '../errors/excerpt.ts';
import type { Condition, Effects, Outcome } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import { readEffects } from './readEffects.ts';
import { readObserve } from './readObserve.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readList, readMap, readNumber, readString, wrongType } from './readNode.ts';
import type { YNode } from './YNode.ts';

/** The rule-level `effects` and `observe`, used by every alternative that does not define its own. */
export interface SharedParts {
  readonly effects: Effects;
  readonly observe: Readonly<Record<string, Condition>>;
}

/** The outcomes read, and whether any `ok` outcome took the rule-level `observe`. */
export interface OutcomesRead {
  readonly outcomes: readonly Outcome[];
  readonly sharedObserveUsed: boolean;
}

/** `"/text/flags"` → RegExp; anything else is a `bad-regex` issue. */
function readMessage(node: YNode, ctx: ReadContext, where: string): RegExp | undefined {
  const text = readString(node, ctx.sink, where, "'message'");
  if (text === undefined) return undefined;
  const match = /^\/(.*)\/([a-z]*)$/s.exec(text);
  try {
    if (match !== null) return new RegExp(match[1] ?? '', match[2] ?? '');
  } catch (error) {
    ctx.sink.report(
      'bad-regex',
      node.pos,
      `${where}: invalid message pattern ${excerpt(text)}: ${excerpt((error as Error).message)}.`,
    );
    return undefined;
  }
  ctx.sink.report(
    'bad-regex',
    node.pos,
    `${where}: message must be written as a /regex/.`,
    `Write "/${excerpt(text)}/".`,
  );
  return undefined;
}

function readStatuses(node: YNode, ctx: ReadContext, where: string): number[] | undefined {
  const items = readList(node, ctx.sink, where, "'status'", true) ?? [];
  const out: number[] = [];
  for (const item of items) {
    const status = readNumber(item, ctx.sink, where, "'status'", { integer: true, min: 100 });
    if (status === undefined) return undefined;
    if (status > 599)
      ctx.sink.report('bad-value', item.pos, `${where}: ${status} is not an HTTP status.`);
    out.push(status);
  }
  if (items.length === 0)
    ctx.sink.report('bad-value', node.pos, `${where}: 'status' lists nothing.`);
  return items.length === 0 ? undefined : out;
}

function readError(
  node: YNode,
  ctx: ReadContext,
  where: string,
): readonly string[] | '*' | undefined {
  if (node.kind === 'scalar' && node.value === '*') return '*';
  const items = readList(node, ctx.sink, where, "'error'", true);
  const types = items?.map((item) => readString(item, ctx.sink, where, 'an error type'));
  if (types?.length === 0)
    ctx.sink.report('bad-value', node.pos, `${where}: 'error' lists nothing.`);
  if (types === undefined || types.length === 0) return undefined;
  const known = types.filter((t) => t !== undefined);
  return known.length === types.length ? known : undefined;
}

type Read<T> = { readonly value: T; readonly usedShared: boolean } | undefined;

function readAlternative(
  node: YNode,
  ctx: ReadContext,
  scope: Scope,
  shared: SharedParts,
): Read<Outcome> {
  const where = scope.where;
  if (node.kind === 'scalar' && (node.value === 'ok' || node.value === 'unspecified')) {
    const { effects, observe } = shared;
    if (node.value === 'unspecified')
      return { value: { kind: 'unspecified', effects }, usedShared: false };
    return { value: { kind: 'ok', effects, observe }, usedShared: true };
  }
  if (node.kind !== 'map') {
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      const hint = didYouMean(node.value, ['ok', 'unspecified']);
      ctx.sink.report(
        'bad-value',
        node.pos,
        `${where}: unknown outcome '${excerpt(node.value)}'.`,
        hint,
      );
    } else wrongType(ctx.sink, node, where, "'expect'", 'ok, unspecified, a mapping or a list');
    return undefined;
  }
  const kind = ['error', 'ok', 'unspecified'].find((k) => node.entries.some((e) => e.key === k));
  if (kind === undefined) {
    ctx.sink.report(
      'missing-key',
      node.pos,
      `${where}: an outcome needs 'error', 'ok' or 'unspecified'.`,
    );
    return undefined;
  }
  const optional =
    kind === 'error'
      ? ['status', 'message', 'effects']
      : kind === 'ok'
        ? ['effects', 'observe']
        : ['effects'];
  const map = readMap(node, ctx.sink, where, 'an outcome', { required: [kind], optional });
  if (map === undefined) return undefined;
  const effects =
    map['effects'] === undefined ? shared.effects : readEffects(map['effects'], ctx, scope);
  if (effects === undefined) return undefined;
  if (kind === 'error') {
    const types = map['error'] && readError(map['error'], ctx, where);
    const statuses = map['status'] === undefined ? '*' : readStatuses(map['status'], ctx, where);
    const message = map['message'] && readMessage(map['message'], ctx, where);
    if (types === undefined || statuses === undefined) return undefined;
    if (map['message'] !== undefined && message === undefined) return undefined;
    const base = { kind: 'error', types, statuses, effects } as const;
    return { value: message === undefined ? base : { ...base, message }, usedShared: false };
  }
  const flag = map[kind];
  if (flag?.kind !== 'scalar' || flag.value !== true) {
    if (flag !== undefined) wrongType(ctx.sink, flag, where, `'${kind}'`, 'true');
    return undefined;
  }
  if (kind === 'unspecified') return { value: { kind, effects }, usedShared: false };
  const observe =
    map['observe'] === undefined ? shared.observe : readObserve(map['observe'], ctx, scope);
  if (observe === undefined) return undefined;
  return { value: { kind: 'ok', effects, observe }, usedShared: map['observe'] === undefined };
}

/**
 * Reads `expect:`: `ok` | `unspecified` | `{ error, status?, message?, effects? }` |
 * `{ ok: true, effects?, observe? }` | a list of those (any one is allowed).
 */
export function readOutcomes(
  node: YNode,
  ctx: ReadContext,
  scope: Scope,
  shared: SharedParts,
): OutcomesRead | undefined {
  const items = node.kind === 'seq' ? node.items : [node];
  if (items.length === 0) {
    ctx.sink.report('bad-value', node.pos, `${scope.where}: 'expect' lists no outcome.`);
    return undefined;
  }
  const outcomes: Outcome[] = [];
  let sharedObserveUsed = false;
  let ok = true;
  for (const item of items) {
    const read = readAlternative(item, ctx, scope, shared);
    if (read === undefined) ok = false;
    else {
      outcomes.push(read.value);
      sharedObserveUsed ||= read.usedShared;
    }
  }
  return ok ? { outcomes, sharedObserveUsed } : undefined;
}
