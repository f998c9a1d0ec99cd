import type { Spec, Transition } from './Spec.ts';

/** An async transition's time bound as a run checks it, shorter than the spec's (scenario `bounds`). */
export interface BoundOverride {
  /** The transition's id. */
  readonly transition: string;
  /** The bound the run checks (ms). */
  readonly withinMs: number;
  /** The bound the spec documents (ms). */
  readonly documentedMs: number;
}

/**
 * The spec with the time bounds of some async transitions replaced (`bounds`: transition id → ms),
 * and the list of what was replaced. Ids that are not async transitions of the spec are left out:
 * `checkScenarioNames` refuses them, located, before a run gets here. Everything else, the hash
 * included (it names the file checked), is the spec's own.
 */
export function withBounds(
  spec: Spec,
  bounds: Readonly<Record<string, number>>,
): { spec: Spec; overrides: BoundOverride[] } {
  const overrides: BoundOverride[] = [];
  const transitions = spec.transitions.map((t): Transition => {
    const withinMs = bounds[t.id];
    if (withinMs === undefined || t.trigger.kind !== 'async') return t;
    overrides.push({ transition: t.id, withinMs, documentedMs: t.trigger.withinMs });
    return { ...t, trigger: { ...t.trigger, withinMs } };
  });
  return overrides.length === 0
    ? { spec, overrides }
    : { spec: { ...spec, transitions }, overrides };
}
