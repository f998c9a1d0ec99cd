import { didYouMean } from '../errors/didYouMean.ts';
import { OBSERVATION_FIELD_NAMES } from '../lambda/catalogue.ts';
import type { Condition } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import { readCondition } from './readCondition.ts';
import { readEntries } from './readNode.ts';
import type { YNode } from './YNode.ts';
import { excerpt } from '../errors/excerpt.ts';

const NAMES: readonly string[] = OBSERVATION_FIELD_NAMES;

/**
 * Reads `observe:`: observation field (src/lambda/catalogue.ts) → scalar | list | `{ not: … }` | `absent` | `present` |
 * `$field` | `input.x`. A key outside the vocabulary is an `unknown-observation-field` issue.
 */
export function readObserve(
  node: YNode,
  ctx: ReadContext,
  scope: Scope,
): Record<string, Condition> | undefined {
  const entries = readEntries(node, ctx.sink, scope.where, "'observe'");
  if (entries === undefined) return undefined;
  const out: Record<string, Condition> = {};
  let ok = true;
  for (const entry of entries) {
    if (!NAMES.includes(entry.key)) {
      ok = false;
      ctx.sink.report(
        'unknown-observation-field',
        entry.keyPos,
        `${scope.where}: unknown observation field '${excerpt(entry.key)}'.`,
        didYouMean(entry.key, NAMES),
      );
      continue;
    }
    const condition = readCondition(entry.value, undefined, false, ctx, scope);
    if (condition === undefined) ok = false;
    else out[entry.key] = condition;
  }
  return ok ? out : undefined;
}
