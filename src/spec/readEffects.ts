import { excerpt } from '../errors/excerpt.ts';
import type { Effects, FieldDecl, ValueExpr } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import type { Decl } from './readCondition.ts';
import { checkLiteral, parseRef, resolveRef } from './readCondition.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readEntries, readMap, readNumber, readScalar } from './readNode.ts';
import type { YNode } from './YNode.ts';

const REVISION = ['fresh', 'maybe', 'same'] as const;

/** No change, RevisionId unchanged. */
export const NO_EFFECTS: Effects = { set: {}, revisionId: 'same' };

/** Whether every value `source` can hold is one `target` can hold (`incompatible-ref` otherwise). */
function checkAssignable(
  target: FieldDecl,
  source: Decl,
  node: YNode,
  ctx: ReadContext,
  where: string,
): void {
  let problem: string | undefined;
  if (target.type !== source.type)
    problem = `sets ${target.type} field '${target.name}' from ${source.type} '${source.name}'`;
  else if (target.type === 'enum' && source.type === 'enum') {
    const missing = source.values.filter((v) => !target.values.includes(v));
    if (missing.length > 0)
      problem = `'${source.name}' can be ${missing.map((m) => `'${m}'`).join(', ')}, which '${target.name}' cannot hold`;
  }
  if (problem !== undefined) ctx.sink.report('incompatible-ref', node.pos, `${where}: ${problem}.`);
}

function readValue(
  field: FieldDecl,
  node: YNode,
  ctx: ReadContext,
  scope: Scope,
): ValueExpr | undefined {
  const where = scope.where;
  if (node.kind === 'map') {
    const map = readMap(node, ctx.sink, where, `the new value of '${field.name}'`, {
      required: ['add'],
      optional: [],
    });
    const by = map?.['add'] && readNumber(map['add'], ctx.sink, where, "'add'", { integer: true });
    if (by === undefined) return undefined;
    if (field.type !== 'int') {
      ctx.sink.report(
        'wrong-type',
        node.pos,
        `${where}: '{ add: … }' needs an int field; '${field.name}' is an enum.`,
      );
      return undefined;
    }
    return { kind: 'increment', by };
  }
  const raw = readScalar(node, ctx.sink, where, `the new value of '${field.name}'`);
  if (raw === undefined) return undefined;
  const ref = parseRef(raw);
  if (ref !== undefined) {
    const source = resolveRef(ref, node, ctx, scope);
    if (source === undefined) return undefined;
    checkAssignable(field, source, node, ctx, where);
    return { kind: 'ref', ref };
  }
  const value = checkLiteral(raw, node, field, false, ctx, where);
  return value === undefined ? undefined : { kind: 'literal', value };
}

/**
 * Reads `effects:` (or a transition's `to:`): field → literal | `$field` | `input.x` | `{ add: N }`,
 * plus `revisionId: fresh | maybe | same`. Literals are checked against the field's declaration, so a
 * typo in a state name is caught here (`unknown-value`, with a did-you-mean).
 */
export function readEffects(node: YNode, ctx: ReadContext, scope: Scope): Effects | undefined {
  const entries = readEntries(
    node,
    ctx.sink,
    scope.where,
    scope.inputs === undefined ? "'to'" : "'effects'",
  );
  if (entries === undefined) return undefined;
  const set: Record<string, ValueExpr> = {};
  let revisionId: Effects['revisionId'] = 'same';
  let ok = true;
  for (const entry of entries) {
    if (entry.key === 'revisionId') {
      const value = entry.value.kind === 'scalar' ? entry.value.value : undefined;
      const found = REVISION.find((r) => r === value);
      if (found === undefined) {
        ok = false;
        ctx.sink.report(
          'bad-value',
          entry.value.pos,
          `${scope.where}: revisionId must be fresh, maybe or same.`,
          didYouMean(String(value), REVISION),
        );
      } else revisionId = found;
      continue;
    }
    const field = ctx.decl.fields.get(entry.key);
    if (field === undefined) {
      ok = false;
      if (ctx.decl.unreadable.has(entry.key)) continue;
      const hint = didYouMean(entry.key, [...ctx.decl.fields.keys(), 'revisionId']);
      ctx.sink.report(
        'unknown-field',
        entry.keyPos,
        `${scope.where}: unknown field '${excerpt(entry.key)}'.`,
        hint,
      );
      continue;
    }
    const value = readValue(field, entry.value, ctx, scope);
    if (value === undefined) ok = false;
    else set[entry.key] = value;
  }
  return ok ? { set, revisionId } : undefined;
}
