import type { Evidence, TimeBound } from './Spec.ts';

/**
 * How strictly a run holds the target to the spec: `all` (the default) enforces every rule and time
 * bound; `documented` enforces only what is documented or recorded, and reports what breaks an
 * inferred rule (or exceeds an inferred time bound) as information, never as a divergence. For runs
 * against real AWS, where an assumption of the spec must not be mistaken for a bug.
 */
export type Strictness = 'all' | 'documented';

/** Every strictness, in the order the CLI and the scenario schema list them. */
export const STRICTNESS_LEVELS: readonly Strictness[] = ['all', 'documented'];

/** A rule's or transition's evidence; undeclared evidence (which `lint` refuses) counts as inferred. */
export function evidenceOf(owner: { readonly evidence?: Evidence }): Evidence {
  return owner.evidence ?? 'inferred';
}

/** Whether, under `strictness`, breaking something with this evidence is information only. */
export function isInformational(
  owner: { readonly evidence?: Evidence },
  strictness: Strictness,
): boolean {
  return strictness === 'documented' && evidenceOf(owner) === 'inferred';
}

/** Whether, under `strictness`, a transition's time bound is enforced (an overdue state is dropped). */
export function enforcesBound(bound: TimeBound | undefined, strictness: Strictness): boolean {
  return bound === undefined ? strictness === 'all' : !isInformational(bound, strictness);
}
