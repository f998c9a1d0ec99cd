import type { Outcome, Spec } from './Spec.ts';
import type { CompiledGuard, EnumInputs, ValuationSpace } from './ValuationSpace.ts';
import { inputCombinations } from './ValuationSpace.ts';

/** Beyond this many reachable valuations the analyses are skipped (the spec is not rejected). */
export const MAX_VALUATIONS = 100_000;

/** An async transition that certainly fires in a valuation, and where it leads. */
export interface AsyncEdge {
  readonly transition: string;
  readonly to: number;
}

/** The valuations reachable under one reading, and the certain async edges between them. */
export interface Exploration {
  readonly reading: string;
  /** Reachable valuation keys, ascending (so reports list `state` values in declared order). */
  readonly reachable: readonly number[];
  readonly asyncEdges: ReadonlyMap<number, readonly AsyncEdge[]>;
}

/** One step the exploration takes: from a valuation to the next, by a rule or a transition. */
export type ExplorationStep =
  | {
      readonly kind: 'rule';
      readonly operation: string;
      readonly id: string;
      readonly from: readonly number[];
      readonly to: readonly number[];
    }
  | {
      readonly kind: 'transition';
      readonly id: string;
      readonly from: readonly number[];
      readonly to: readonly number[];
    };

interface CompiledOperation {
  readonly name: string;
  readonly combos: readonly {
    readonly indexes: Record<string, number>;
    readonly values: Record<string, string>;
  }[];
  readonly rules: readonly {
    readonly id: string;
    readonly guard: CompiledGuard;
    readonly outcomes: readonly Outcome[];
  }[];
}

function values(
  inputs: EnumInputs,
  combo: Readonly<Record<string, number>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of inputs) out[input.name] = input.values[combo[input.name] ?? 0] ?? '';
  return out;
}

/**
 * Explores, breadth first from the initial valuation, every valuation that operations (first rule
 * that may match, each outcome's effects), async transitions and environment events can lead to
 * under `reading`. A rule or transition whose guard may hold is taken; only an earlier rule that
 * certainly holds stops the search through an operation's rules. `onStep` sees every step taken.
 * Undefined beyond {@link MAX_VALUATIONS}.
 */
export function exploreValuations(
  spec: Spec,
  space: ValuationSpace,
  reading: string,
  onStep?: (step: ExplorationStep) => void,
): Exploration | undefined {
  const operations: CompiledOperation[] = [...spec.operations.values()].map((op) => {
    const inputs = space.enumInputs(op.inputs);
    const combos = inputCombinations(inputs).map((indexes) => ({
      indexes,
      values: values(inputs, indexes),
    }));
    const rules = op.rules.map((r) => ({
      id: r.id,
      guard: space.compile(r.when, inputs),
      outcomes: r.outcomes,
    }));
    return { name: op.name, combos, rules };
  });
  const transitions = spec.transitions.map((t) => ({ t, guard: space.compile(t.from, []) }));
  const start = space.initial();
  const seen = new Set<number>([space.key(start)]);
  const queue: number[][] = [start];
  const asyncEdges = new Map<number, AsyncEdge[]>();
  const visit = (digits: number[]): void => {
    const key = space.key(digits);
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(digits);
  };
  for (let head = 0; head < queue.length; head += 1) {
    if (seen.size > MAX_VALUATIONS) return undefined;
    const digits = queue[head] ?? start;
    const key = space.key(digits);
    for (const { t, guard } of transitions) {
      const truth = space.evaluate(guard, digits, {}, reading);
      if (truth === 'no') continue;
      const next = space.apply(t.to, digits, {});
      onStep?.({ kind: 'transition', id: t.id, from: digits, to: next });
      visit(next);
      if (truth === 'yes' && t.trigger.kind === 'async') {
        asyncEdges.set(key, [
          ...(asyncEdges.get(key) ?? []),
          { transition: t.id, to: space.key(next) },
        ]);
      }
    }
    for (const op of operations) {
      for (const combo of op.combos) {
        for (const rule of op.rules) {
          const truth = space.evaluate(rule.guard, digits, combo.indexes, reading);
          if (truth === 'no') continue;
          for (const outcome of rule.outcomes) {
            const next = space.apply(outcome.effects, digits, combo.values);
            onStep?.({ kind: 'rule', operation: op.name, id: rule.id, from: digits, to: next });
            visit(next);
          }
          if (truth === 'yes') break;
        }
      }
    }
  }
  return { reading, reachable: [...seen].sort((a, b) => a - b), asyncEdges };
}

/**
 * A cycle of async transitions that certainly fire and lead back to a valuation already on the path
 * (the monitor's closure would never end), as the transition ids in order plus the valuation where it
 * starts; undefined when there is none.
 */
export function findAsyncCycle(
  exploration: Exploration,
): { readonly ids: readonly string[]; readonly at: number } | undefined {
  const done = new Set<number>();
  for (const root of exploration.reachable) {
    if (done.has(root)) continue;
    const path: { node: number; edge: number; via: string }[] = [{ node: root, edge: 0, via: '' }];
    const onPath = new Map<number, number>([[root, 0]]);
    while (path.length > 0) {
      const top = path[path.length - 1];
      if (top === undefined) break;
      const edges = exploration.asyncEdges.get(top.node) ?? [];
      const edge = edges[top.edge];
      if (edge === undefined) {
        done.add(top.node);
        onPath.delete(top.node);
        path.pop();
        continue;
      }
      top.edge += 1;
      const back = onPath.get(edge.to);
      if (back !== undefined) {
        const ids = [...path.slice(back + 1).map((p) => p.via), edge.transition];
        return { ids, at: edge.to };
      }
      if (done.has(edge.to)) continue;
      onPath.set(edge.to, path.length);
      path.push({ node: edge.to, edge: 0, via: edge.transition });
    }
  }
  return undefined;
}
