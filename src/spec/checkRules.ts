import type { OperationSpec, Rule } from './Spec.ts';
import type { Exploration } from './exploreValuations.ts';
import type { CompiledGuard, EnumInputs, Truth, ValuationSpace } from './ValuationSpace.ts';
import { inputCombinations } from './ValuationSpace.ts';

/** Beyond this many cases (valuations × input combinations × readings) shadowing is not analysed. */
export const MAX_CASES = 1_000_000;

/** A rule no case can reach, and the earlier rule that decides the first case it would match. */
export interface Shadowed {
  readonly rule: Rule;
  /** Undefined when the rule's own `when` excludes every case. */
  readonly by: Rule | undefined;
}

function compileRules(
  op: OperationSpec,
  space: ValuationSpace,
): { inputs: EnumInputs; guards: CompiledGuard[] } {
  const inputs = space.enumInputs(op.inputs);
  return { inputs, guards: op.rules.map((r) => space.compile(r.when, inputs)) };
}

/**
 * Rules shadowed by earlier rules of the same operation: for every combination of enum field values,
 * enum input values and readings the rule may match, an earlier rule certainly matches (conditions on
 * int fields and `$ref`s may or may not hold, so they never shadow).
 */
export function findShadowedRules(
  op: OperationSpec,
  space: ValuationSpace,
  readings: readonly string[],
): Shadowed[] {
  const { inputs, guards } = compileRules(op, space);
  const combos = inputCombinations(inputs);
  const used = space.usedBy(guards);
  const size = space.dims.reduce((n, d, i) => (used[i] === true ? n * d.values.length : n), 1);
  // Readings matter only when a rule names one.
  const cases = guards.some((g) => g.readings.length > 0) ? readings : readings.slice(0, 1);
  if (size * combos.length * cases.length > MAX_CASES) return [];
  const live = guards.map(() => false);
  const firstDecider: (number | undefined)[] = guards.map(() => undefined);
  const truths: Truth[] = guards.map(() => 'no');
  for (const digits of space.valuationsOver(used)) {
    for (const combo of combos) {
      for (const reading of cases) {
        let decider = -1;
        for (let i = 0; i < guards.length; i += 1) {
          const guard = guards[i];
          truths[i] = guard === undefined ? 'no' : space.evaluate(guard, digits, combo, reading);
          if (decider < 0 && truths[i] === 'yes') decider = i;
        }
        guards.forEach((_, i) => {
          if (truths[i] === 'no') return;
          if (decider < 0 || i <= decider) live[i] = true;
          else firstDecider[i] ??= decider;
        });
      }
    }
  }
  return op.rules.flatMap((rule, i) => {
    if (live[i] === true) return [];
    const decider = firstDecider[i];
    return [{ rule, by: decider === undefined ? undefined : op.rules[decider] }];
  });
}

/** The first reachable case no rule of an operation certainly matches. */
export interface Gap {
  /** `state=Inactive, lastUpdateStatus=Failed, …, input.revisionId=stale` */
  readonly description: string;
  /** The readings under which the case is uncovered. */
  readonly readings: readonly string[];
  /** How many distinct uncovered cases there are (valuation and inputs, any reading). */
  readonly total: number;
}

/**
 * Checks that for every reachable valuation (per reading) and every combination of the operation's
 * enum inputs some rule certainly matches; returns the first gap in valuation order.
 */
export function findCoverageGap(
  op: OperationSpec,
  space: ValuationSpace,
  explorations: readonly Exploration[],
): Gap | undefined {
  const { inputs, guards } = compileRules(op, space);
  const combos = inputCombinations(inputs);
  const gaps = new Map<string, { key: number; combo: number; readings: string[] }>();
  for (const { reading, reachable } of explorations) {
    for (const key of reachable) {
      const digits = space.decode(key);
      combos.forEach((combo, c) => {
        if (guards.some((g) => space.evaluate(g, digits, combo, reading) === 'yes')) return;
        const id = `${key}|${c}`;
        const gap = gaps.get(id) ?? { key, combo: c, readings: [] };
        gap.readings.push(reading);
        gaps.set(id, gap);
      });
    }
  }
  const first = [...gaps.values()].sort((a, b) => a.key - b.key || a.combo - b.combo)[0];
  if (first === undefined) return undefined;
  const combo = combos[first.combo] ?? {};
  const inputText = inputs
    .map((i) => `, input.${i.name}=${i.values[combo[i.name] ?? 0] ?? '?'}`)
    .join('');
  return {
    description: space.describe(space.decode(first.key)) + inputText,
    readings: first.readings,
    total: gaps.size,
  };
}
