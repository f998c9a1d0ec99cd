import type { Spec } from '../spec/Spec.ts';
import { evidenceOf } from '../spec/strictness.ts';
import type { RuleCoverage } from './RunRecord.ts';

interface Counts {
  exercised: number;
  violated: number;
  unspecified: number;
}

/** Counts, over a whole run, how often each spec rule and transition was exercised or violated. */
export class Coverage {
  private readonly counts = new Map<string, Counts>();

  constructor(private readonly spec: Spec) {}

  private entry(id: string): Counts {
    let c = this.counts.get(id);
    if (c === undefined) {
      c = { exercised: 0, violated: 0, unspecified: 0 };
      this.counts.set(id, c);
    }
    return c;
  }

  exercised(ids: Iterable<string>): void {
    for (const id of ids) this.entry(id).exercised++;
  }

  violated(id: string): void {
    this.entry(id).violated++;
  }

  unspecified(ids: Iterable<string>): void {
    for (const id of ids) this.entry(id).unspecified++;
  }

  /** Adds another counter's numbers (shards, concurrent workers). */
  merge(other: Coverage): void {
    for (const [id, c] of other.counts) {
      const mine = this.entry(id);
      mine.exercised += c.exercised;
      mine.violated += c.violated;
      mine.unspecified += c.unspecified;
    }
  }

  /** One entry per spec rule and transition, in spec order. */
  snapshot(): RuleCoverage[] {
    const out: RuleCoverage[] = [];
    for (const operation of this.spec.operations.values()) {
      for (const rule of operation.rules) {
        const c = this.counts.get(rule.id) ?? { exercised: 0, violated: 0, unspecified: 0 };
        out.push({
          id: rule.id,
          kind: 'rule',
          group: operation.name,
          ...c,
          cite: rule.cite,
          evidence: evidenceOf(rule),
        });
      }
    }
    for (const t of this.spec.transitions) {
      const c = this.counts.get(t.id) ?? { exercised: 0, violated: 0, unspecified: 0 };
      const group = t.trigger.kind === 'async' ? 'async' : `event:${t.trigger.event}`;
      out.push({
        id: t.id,
        kind: 'transition',
        group,
        ...c,
        cite: t.cite,
        evidence: evidenceOf(t),
      });
    }
    return out;
  }
}
