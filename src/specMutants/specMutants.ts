import type { Condition, OperationSpec, Outcome, Rule, Spec, Transition } from '../spec/Spec.ts';

/** How a spec mutant changes the spec. */
export type SpecMutationKind =
  | 'drop-rule'
  | 'allow-forbidden'
  | 'change-error-type'
  | 'change-observed-value'
  | 'tighten-bound'
  | 'loosen-bound';

/** A deliberately wrong spec: a faithful target must expose it (the run diverges). */
export interface SpecMutant {
  readonly id: string;
  readonly kind: SpecMutationKind;
  /** The rule or transition changed. */
  readonly subject: string;
  readonly description: string;
  /**
   * True when no faithful target can expose it by construction (a looser time bound accepts
   * everything the original accepts): reported, but left out of the score.
   */
  readonly equivalent: boolean;
  readonly spec: Spec;
}

const NO_EFFECTS = { set: {}, revisionId: 'maybe' } as const;

function withRules(spec: Spec, operation: OperationSpec, rules: readonly Rule[]): Spec {
  const operations = new Map(spec.operations);
  operations.set(operation.name, { ...operation, rules });
  return { ...spec, operations };
}

function withTransition(spec: Spec, index: number, transition: Transition): Spec {
  const transitions = spec.transitions.map((t, i) => (i === index ? transition : t));
  return { ...spec, transitions };
}

function replaceRule(spec: Spec, operation: OperationSpec, i: number, rule: Rule): Spec {
  return withRules(
    spec,
    operation,
    operation.rules.map((r, j) => (j === i ? rule : r)),
  );
}

/** A different value for an observed field, when the field's domain is known. */
function otherValue(condition: Condition, spec: Spec, field: string): Condition | undefined {
  if (condition.kind !== 'in' || condition.values.length !== 1) return undefined;
  const [value] = condition.values;
  if (typeof value === 'boolean') return { kind: 'in', values: [!value] };
  const domain =
    field === 'State'
      ? spec.fields.get('state')
      : field === 'LastUpdateStatus'
        ? spec.fields.get('lastUpdateStatus')
        : undefined;
  if (domain?.type === 'enum') {
    const other = domain.values.find((v) => v !== value && v !== 'Absent' && v !== 'none');
    return other === undefined ? undefined : { kind: 'in', values: [other] };
  }
  if (typeof value === 'number') return { kind: 'in', values: [value + 1] };
  return undefined;
}

function ruleMutants(spec: Spec, operation: OperationSpec, rule: Rule, i: number): SpecMutant[] {
  const out: SpecMutant[] = [];
  const base = { subject: rule.id, equivalent: false };
  out.push({
    ...base,
    id: `drop-rule:${rule.id}`,
    kind: 'drop-rule',
    description: `rule ${rule.id} removed (the next matching rule decides)`,
    spec: withRules(
      spec,
      operation,
      operation.rules.filter((_, j) => j !== i),
    ),
  });
  if (rule.outcomes.every((o) => o.kind === 'error')) {
    const ok: Outcome = { kind: 'ok', effects: NO_EFFECTS, observe: {} };
    out.push({
      ...base,
      id: `allow-forbidden:${rule.id}`,
      kind: 'allow-forbidden',
      description: `rule ${rule.id} expects success instead of its error`,
      spec: replaceRule(spec, operation, i, { ...rule, outcomes: [ok] }),
    });
  }
  if (rule.outcomes.some((o) => o.kind === 'error' && o.types !== '*')) {
    const outcomes = rule.outcomes.map((o): Outcome =>
      o.kind === 'error' && o.types !== '*' ? { ...o, types: ['SpecMutantException'] } : o,
    );
    out.push({
      ...base,
      id: `change-error-type:${rule.id}`,
      kind: 'change-error-type',
      description: `rule ${rule.id} expects SpecMutantException instead of its error types`,
      spec: replaceRule(spec, operation, i, { ...rule, outcomes }),
    });
  }
  // A rule with several ok alternatives (the State an update of an Inactive function leaves) gets
  // one mutant per alternative: their ids carry its number.
  const oks = rule.outcomes.filter((o) => o.kind === 'ok').length;
  rule.outcomes.forEach((o, k) => {
    if (o.kind !== 'ok') return;
    const alternative = oks > 1 ? `#${k + 1}` : '';
    for (const [field, condition] of Object.entries(o.observe)) {
      const changed = otherValue(condition, spec, field);
      if (changed === undefined) continue;
      const outcomes = rule.outcomes.map((x, j): Outcome =>
        j === k && x.kind === 'ok' ? { ...x, observe: { ...x.observe, [field]: changed } } : x,
      );
      out.push({
        ...base,
        id: `change-observed-value:${rule.id}${alternative}:${field}`,
        kind: 'change-observed-value',
        description: `rule ${rule.id} expects a different ${field}`,
        spec: replaceRule(spec, operation, i, { ...rule, outcomes }),
      });
    }
  });
  return out;
}

/**
 * Every spec mutant of a spec: drop each rule, allow each forbidden operation, change each error
 * type, change each observed literal, and tighten or loosen each async time bound.
 */
export function specMutants(spec: Spec): SpecMutant[] {
  const out: SpecMutant[] = [];
  for (const operation of spec.operations.values()) {
    operation.rules.forEach((rule, i) => out.push(...ruleMutants(spec, operation, rule, i)));
  }
  spec.transitions.forEach((t, i) => {
    if (t.trigger.kind !== 'async') return;
    const within = t.trigger.withinMs;
    out.push({
      id: `tighten-bound:${t.id}`,
      kind: 'tighten-bound',
      subject: t.id,
      description: `transition ${t.id} must happen within ${within / 100}ms instead of ${within}ms`,
      equivalent: false,
      spec: withTransition(spec, i, { ...t, trigger: { ...t.trigger, withinMs: within / 100 } }),
    });
    out.push({
      id: `loosen-bound:${t.id}`,
      kind: 'loosen-bound',
      subject: t.id,
      description: `transition ${t.id} may take ${within * 10}ms instead of ${within}ms`,
      equivalent: true,
      spec: withTransition(spec, i, { ...t, trigger: { ...t.trigger, withinMs: within * 10 } }),
    });
  });
  return out;
}
