import type { Spec } from '../spec/Spec.ts';
import { evidenceOf } from '../spec/strictness.ts';
import type { RuleCoverage } from './RunRecord.ts';

interface Counts {
  exercised: number;
  unspecified: number;
}

/**
 * Counts, over a whole run, how often each spec rule and transition decided a step (exercised) or
 * left its outcome open (unspecified). Violations are not counted per step: a record counts those
 * of the divergences it reports (`countsOf`).
 */
export class Coverage {
  private readonly counts = new Map<string, Counts>();

  constructor(private readonly spec: Spec) {}

  private entry(id: string): Counts {
    let c = this.counts.get(id);
    if (c === undefined) {
      c = { exercised: 0, unspecified: 0 };
      this.counts.set(id, c);
    }
    return c;
  }

  /** Each id decided one more step. */
  exercised(ids: Iterable<string>): void {
    for (const id of ids) this.entry(id).exercised++;
  }

  /** Each id left one more step's outcome open. */
  unspecified(ids: Iterable<string>): void {
    for (const id of ids) this.entry(id).unspecified++;
  }

  /**
   * One entry per spec rule and transition, in spec order, with `violated` the number of times the
   * id appears in `violations` (the rules of the divergences a run reports).
   */
  snapshot(violations: readonly string[] = []): RuleCoverage[] {
    const counts = (id: string): Counts & { violated: number } => {
      const c = this.counts.get(id);
      const violated = violations.filter((v) => v === id).length;
      return {
        // A violated rule was exercised, also when another rule was blamed for the step (or an
        // earlier step for a later one): never listed as never exercised.
        exercised: Math.max(c?.exercised ?? 0, violated),
        violated,
        unspecified: c?.unspecified ?? 0,
      };
    };
    const out: RuleCoverage[] = [];
    for (const operation of this.spec.operations.values()) {
      for (const rule of operation.rules) {
        out.push({
          id: rule.id,
          kind: 'rule',
          group: operation.name,
          ...counts(rule.id),
          cite: rule.cite,
          evidence: evidenceOf(rule),
        });
      }
    }
    for (const t of this.spec.transitions) {
      const group = t.trigger.kind === 'async' ? 'async' : `event:${t.trigger.event}`;
      out.push({
        id: t.id,
        kind: 'transition',
        group,
        ...counts(t.id),
        cite: t.cite,
        evidence: evidenceOf(t),
      });
    }
    return out;
  }
}
