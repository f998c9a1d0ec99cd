import type { Effects, Spec } from './Spec.ts';
import type { ReadContext } from './ReadContext.ts';
import { findCoverageGap, findShadowedRules } from './checkRules.ts';
import { exploreValuations, findAsyncCycle } from './exploreValuations.ts';
import type { Exploration } from './exploreValuations.ts';
import { ValuationSpace } from './ValuationSpace.ts';

/** Every value an effect may give `state`: a literal, or whatever the referenced field or input holds. */
function stateValuesSet(spec: Spec, effects: Effects): string[] {
  const expr = effects.set['state'];
  if (expr === undefined || expr.kind === 'increment') return [];
  if (expr.kind === 'literal') return [String(expr.value)];
  const source =
    expr.ref.from === 'field' ? spec.fields.get(expr.ref.name) : spec.inputs.get(expr.ref.name);
  return source?.type === 'enum' ? [...source.values] : [];
}

function checkUnreachableStates(spec: Spec, ctx: ReadContext): void {
  const state = spec.fields.get('state');
  if (state?.type !== 'enum') return;
  const reached = new Set<string>([state.initial]);
  const all: Effects[] = [
    ...spec.transitions.map((t) => t.to),
    ...[...spec.operations.values()].flatMap((op) =>
      op.rules.flatMap((r) => r.outcomes.map((o) => o.effects)),
    ),
  ];
  for (const effects of all) for (const value of stateValuesSet(spec, effects)) reached.add(value);
  for (const value of state.values) {
    if (reached.has(value)) continue;
    const at = ctx.stateValuePositions.get(value) ?? { line: 1, column: 1 };
    ctx.sink.report(
      'unreachable-state',
      at,
      `field 'state': nothing reaches state '${value}'.`,
      'It is not the initial value and no effect or transition sets it; remove it or add the rule that leads there.',
    );
  }
}

function checkAsyncCycles(
  spec: Spec,
  space: ValuationSpace,
  explorations: readonly Exploration[],
  ctx: ReadContext,
): void {
  const reported = new Set<string>();
  for (const exploration of explorations) {
    const cycle = findAsyncCycle(exploration);
    if (cycle === undefined) continue;
    const key = [...cycle.ids].sort().join(',');
    const first = spec.transitions.find((t) => t.id === cycle.ids[0]);
    if (reported.has(key) || first === undefined) continue;
    reported.add(key);
    const path = [...cycle.ids.map((id) => `'${id}'`), 'back'].join(' → ');
    ctx.sink.report(
      'async-cycle',
      first.location,
      `transition '${first.id}': async transitions can fire forever without progress: ${path} to ${space.describe(space.decode(cycle.at))}.`,
      "Make an async transition's `to` falsify its own `from`, or make one of them an `event`.",
    );
  }
}

/**
 * The whole-spec analyses, run on what was read: rules shadowed by earlier rules (for each operation
 * that read cleanly) and, once everything read cleanly, `state` values nothing reaches, async cycles
 * without progress and reachable combinations no rule covers.
 */
export function checkSpec(
  spec: Spec,
  ctx: ReadContext,
  completeOperations: ReadonlySet<string>,
  everythingRead: boolean,
): void {
  const space = new ValuationSpace(spec);
  const readings = [...spec.readings.keys()];
  for (const op of spec.operations.values()) {
    if (!completeOperations.has(op.name)) continue;
    for (const { rule, by } of findShadowedRules(op, space, readings)) {
      const message =
        by === undefined
          ? `rule '${rule.id}': its 'when' matches no case, so the rule never applies.`
          : `rule '${rule.id}': every case it matches is decided by an earlier rule of ${op.name}, first '${by.id}'.`;
      ctx.sink.report(
        'shadowed-rule',
        rule.location,
        message,
        'Move it before the rule that shadows it, narrow that rule, or remove it.',
      );
    }
  }
  if (!everythingRead) return;
  checkUnreachableStates(spec, ctx);
  const explorations = readings.flatMap((r) => exploreValuations(spec, space, r) ?? []);
  if (explorations.length !== readings.length) return;
  checkAsyncCycles(spec, space, explorations, ctx);
  for (const op of spec.operations.values()) {
    const gap = findCoverageGap(op, space, explorations);
    if (gap === undefined) continue;
    const under =
      gap.readings.length === readings.length
        ? ''
        : ` under reading ${gap.readings.map((r) => `'${r}'`).join(', ')}`;
    const more =
      gap.total > 1 ? ` (${gap.total - 1} more uncovered case${gap.total > 2 ? 's' : ''})` : '';
    ctx.sink.report(
      'uncovered-combination',
      op.location,
      `operation '${op.name}': ${op.name} has no rule for ${gap.description}${under}${more}.`,
      'Add a rule for this case (`expect: unspecified` when the documents say nothing).',
    );
  }
}
