import { excerpt } from '../errors/excerpt.ts';
import type { Condition, Guard } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import { readCondition } from './readCondition.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readEntries, readNames } from './readNode.ts';
import type { YEntry, YNode } from './YNode.ts';

function readReadings(entry: YEntry, ctx: ReadContext, scope: Scope): string[] {
  const names = readNames(entry.value, ctx.sink, scope.where, "'reading'", true) ?? [];
  const out: string[] = [];
  for (const { name, node } of names) {
    if (ctx.decl.readings.has(name)) out.push(name);
    else {
      ctx.sink.report(
        'unknown-reading',
        node.pos,
        `${scope.where}: unknown reading '${excerpt(name)}'.`,
        didYouMean(name, ctx.decl.readings) ?? 'Declare it under `readings:`.',
      );
    }
  }
  return out;
}

/** The keys a guard accepts, for did-you-mean: fields, `reading`, and the scope's `input.x`. */
function guardKeys(ctx: ReadContext, scope: Scope): string[] {
  const inputs = (scope.inputs ?? []).map((i) => `input.${i}`);
  return [...ctx.decl.fields.keys(), 'reading', ...inputs];
}

function readInputCondition(
  entry: YEntry,
  name: string,
  ctx: ReadContext,
  scope: Scope,
): Condition | undefined {
  const { sink, decl } = ctx;
  if (scope.inputs === undefined) {
    sink.report(
      'undeclared-input',
      entry.keyPos,
      `${scope.where}: a transition has no inputs ('${excerpt(entry.key)}').`,
    );
    return undefined;
  }
  const input = decl.inputs.get(name);
  if (input === undefined) {
    if (decl.unreadable.has(entry.key)) return undefined;
    sink.report(
      'unknown-input',
      entry.keyPos,
      `${scope.where}: unknown input '${excerpt(entry.key)}'.`,
      didYouMean(entry.key, guardKeys(ctx, scope)),
    );
    return undefined;
  }
  if (!scope.inputs.includes(name)) {
    sink.report(
      'undeclared-input',
      entry.keyPos,
      `${scope.where}: the operation does not take input '${excerpt(name)}'.`,
      `Add '${excerpt(name)}' to the operation's \`inputs\`.`,
    );
    return undefined;
  }
  return readCondition(entry.value, input, true, ctx, scope);
}

/**
 * Reads a guard (`when:` of a rule, `from:` of a transition): keys are declared fields, `input.x`
 * (only inputs the operation takes; never in a transition) and `reading` (a reading id or a list).
 * Unknown keys are `unknown-field` issues with a did-you-mean.
 */
export function readGuard(node: YNode, ctx: ReadContext, scope: Scope): Guard | undefined {
  const entries = readEntries(
    node,
    ctx.sink,
    scope.where,
    scope.inputs === undefined ? "'from'" : "'when'",
  );
  if (entries === undefined) return undefined;
  const fields: Record<string, Condition> = {};
  const inputs: Record<string, Condition> = {};
  let readings: string[] = [];
  let ok = true;
  for (const entry of entries) {
    if (entry.key === 'reading') {
      const before = ctx.sink.count;
      readings = readReadings(entry, ctx, scope);
      ok &&= ctx.sink.count === before;
      continue;
    }
    if (entry.key.startsWith('input.')) {
      const name = entry.key.slice('input.'.length);
      const condition = readInputCondition(entry, name, ctx, scope);
      if (condition === undefined) ok = false;
      else inputs[name] = condition;
      continue;
    }
    const field = ctx.decl.fields.get(entry.key);
    if (field === undefined) {
      ok = false;
      if (ctx.decl.unreadable.has(entry.key)) continue;
      const hint = didYouMean(entry.key, guardKeys(ctx, scope));
      ctx.sink.report(
        'unknown-field',
        entry.keyPos,
        `${scope.where}: unknown field '${excerpt(entry.key)}'.`,
        hint,
      );
      continue;
    }
    const condition = readCondition(entry.value, field, false, ctx, scope);
    if (condition === undefined) ok = false;
    else fields[entry.key] = condition;
  }
  return ok ? { fields, inputs, readings } : undefined;
}
