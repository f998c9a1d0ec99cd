import type { Condition, Effects, Spec, Transition } from './Spec.ts';
import { formatDuration } from '../text/duration.ts';
import { exploreValuations } from './exploreValuations.ts';
import type { ExplorationStep } from './exploreValuations.ts';
import { ValuationSpace } from './ValuationSpace.ts';
import { cachedParse } from './parseCache.ts';

/** One drawn step of the `state` machine: by a transition, or by a rule that changes `state`. */
export interface StateEdge {
  readonly from: string;
  readonly to: string;
  /** The rule or transition id. */
  readonly id: string;
  /** `CreateFunction create`, `provisioning-completes within 15m`, `idle-reclaim on idle-reclaim`. */
  readonly label: string;
}

function trigger(t: Transition): string {
  return t.trigger.kind === 'async'
    ? `within ${formatDuration(t.trigger.withinMs)}`
    : `on ${t.trigger.event}`;
}

/** The `state` values a guard condition admits, read from the text alone. */
function admitted(condition: Condition | undefined, values: readonly string[]): readonly string[] {
  if (condition?.kind === 'in')
    return values.filter((v) => condition.values.map(String).includes(v));
  if (condition?.kind === 'notIn')
    return values.filter((v) => !condition.values.map(String).includes(v));
  return values;
}

/** Where effects take `state` from `from`, read from the text alone (undefined: not knowable). */
function target(effects: Effects, from: string): string | undefined {
  const expr = effects.set['state'];
  if (expr === undefined) return from;
  return expr.kind === 'literal' ? String(expr.value) : undefined;
}

/**
 * The steps between `state` values: found by exploring every reachable valuation under every reading
 * (so a transition is drawn only from the states it can really fire in), plus, for any rule or
 * transition the exploration never took, the steps its guard and effects name. Rules that keep the
 * state are left out; transitions that keep it are kept (the diagram shows them as notes).
 */
export function stateEdges(spec: Spec): StateEdge[] {
  let edges = found.get(spec);
  if (edges === undefined) {
    edges = exploreStateEdges(spec);
    found.set(spec, edges);
  }
  return [...edges];
}

/** The edges of every spec explored (or loaded) in this process. */
const found = new WeakMap<Spec, readonly StateEdge[]>();

function isEdges(value: unknown): value is readonly StateEdge[] {
  return (
    Array.isArray(value) &&
    value.every((e) => typeof (e as Partial<StateEdge> | undefined)?.label === 'string')
  );
}

/**
 * Makes {@link stateEdges} of `spec` cheap: the exploration behind it takes a noticeable share of a
 * short run, so its result is kept in the parse cache under the spec's text hash (`parseCache.ts`)
 * and taken from there when this spec text was explored before.
 */
export async function prepareStateEdges(spec: Spec): Promise<void> {
  if (found.has(spec)) return;
  const edges = await cachedParse(
    'state-edges',
    [spec.hash],
    () => Promise.resolve(exploreStateEdges(spec)),
    isEdges,
  );
  found.set(spec, edges);
}

function exploreStateEdges(spec: Spec): StateEdge[] {
  const state = spec.fields.get('state');
  const values = state?.type === 'enum' ? state.values : [];
  const space = new ValuationSpace(spec);
  const edges = new Map<string, StateEdge>();
  const taken = new Set<string>();
  const labels = new Map(spec.transitions.map((t) => [t.id, `${t.id} ${trigger(t)}`]));
  const add = (
    kind: 'rule' | 'transition',
    from: string,
    to: string,
    id: string,
    label: string,
  ): void => {
    taken.add(id);
    if (kind === 'rule' && from === to) return;
    edges.set(`${from}|${to}|${id}`, { from, to, id, label });
  };
  const record = (step: ExplorationStep): void => {
    const from = space.valueOf(step.from, 'state');
    const to = space.valueOf(step.to, 'state');
    if (from === undefined || to === undefined) return;
    const label =
      step.kind === 'rule' ? `${step.operation} ${step.id}` : (labels.get(step.id) ?? step.id);
    add(step.kind, from, to, step.id, label);
  };
  for (const reading of spec.readings.keys()) exploreValuations(spec, space, reading, record);
  for (const t of spec.transitions.filter((x) => !taken.has(x.id))) {
    for (const from of admitted(t.from.fields['state'], values)) {
      const to = target(t.to, from);
      if (to !== undefined) add('transition', from, to, t.id, labels.get(t.id) ?? t.id);
    }
  }
  for (const op of spec.operations.values()) {
    for (const rule of op.rules.filter((r) => !taken.has(r.id))) {
      for (const from of admitted(rule.when.fields['state'], values)) {
        for (const outcome of rule.outcomes) {
          const to = target(outcome.effects, from);
          if (to !== undefined) add('rule', from, to, rule.id, `${op.name} ${rule.id}`);
        }
      }
    }
  }
  return [...edges.values()];
}
