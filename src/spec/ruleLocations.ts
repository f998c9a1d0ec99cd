import type { Location, Spec } from './Spec.ts';

/**
 * Where each rule and transition of `spec` is written: its id → the line and column of its entry
 * in the spec file, so a report can point at the rule a divergence broke.
 */
export function ruleLocations(spec: Spec): ReadonlyMap<string, Location> {
  const out = new Map<string, Location>();
  for (const op of spec.operations.values()) {
    for (const rule of op.rules) out.set(rule.id, rule.location);
  }
  for (const transition of spec.transitions) out.set(transition.id, transition.location);
  return out;
}
