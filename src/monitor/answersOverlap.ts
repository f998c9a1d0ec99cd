import type { Operation } from '../lambda/Operation.ts';
import type { Condition, Outcome, Rule, Scalar } from '../spec/Spec.ts';
import type { AbstractState } from './AbstractState.ts';
import { applyEffects, resolveRef } from './evaluate.ts';

/**
 * What one response member may be in one outcome: whether it may be missing, and which present
 * values (compared as text, as the monitor compares them) it may take: `in` a finite set, or any
 * value `notIn` a finite set.
 */
interface MemberConstraint {
  readonly absent: boolean;
  readonly present: { readonly kind: 'in' | 'notIn'; readonly values: ReadonlySet<string> };
}

const NOTHING: ReadonlySet<string> = new Set();
const ANYTHING: MemberConstraint = { absent: true, present: { kind: 'notIn', values: NOTHING } };

/** The member constraint of one `observe` condition, in the state after the outcome's effects. */
function constraintOf(condition: Condition, after: AbstractState, op: Operation): MemberConstraint {
  switch (condition.kind) {
    case 'in':
      return {
        absent: false,
        present: { kind: 'in', values: new Set(condition.values.map(String)) },
      };
    case 'notIn':
      return {
        absent: true,
        present: { kind: 'notIn', values: new Set(condition.values.map(String)) },
      };
    case 'equals': {
      const value: Scalar | undefined = resolveRef(condition.ref, after, op);
      const values = value === undefined ? NOTHING : new Set([String(value)]);
      return { absent: false, present: { kind: 'in', values } };
    }
    case 'absent':
      return { absent: true, present: { kind: 'in', values: NOTHING } };
    case 'present':
      return { absent: false, present: { kind: 'notIn', values: NOTHING } };
  }
}

/** What the RevisionId track allows a RevisionId an answer carries to be (it may carry none). */
function revisionConstraint(after: AbstractState): MemberConstraint {
  const { last, status } = after.revision;
  if (last === null || status === 'maybe') return ANYTHING;
  return {
    absent: true,
    present: { kind: status === 'same' ? 'in' : 'notIn', values: new Set([last]) },
  };
}

function intersect(a: MemberConstraint, b: MemberConstraint): MemberConstraint {
  const [x, y] = [a.present, b.present];
  let present: MemberConstraint['present'];
  if (x.kind === 'in' && y.kind === 'in') {
    present = { kind: 'in', values: new Set([...x.values].filter((v) => y.values.has(v))) };
  } else if (x.kind === 'in' || y.kind === 'in') {
    const [inSet, out] = x.kind === 'in' ? [x, y] : [y, x];
    present = { kind: 'in', values: new Set([...inSet.values].filter((v) => !out.values.has(v))) };
  } else {
    present = { kind: 'notIn', values: new Set([...x.values, ...y.values]) };
  }
  return { absent: a.absent && b.absent, present };
}

// A `notIn` set excludes finitely many values of an open domain: something is always left.
function satisfiable(c: MemberConstraint): boolean {
  return c.absent || c.present.kind === 'notIn' || c.present.values.size > 0;
}

/** Every member an ok outcome constrains in `after`: its `observe`, and the RevisionId track. */
function okConstraints(
  outcome: Extract<Outcome, { kind: 'ok' }>,
  after: AbstractState,
  op: Operation,
  unobservable: ReadonlySet<string>,
): Map<string, MemberConstraint> {
  const out = new Map<string, MemberConstraint>();
  for (const [member, condition] of Object.entries(outcome.observe)) {
    if (!unobservable.has(member)) out.set(member, constraintOf(condition, after, op));
  }
  // The monitor holds any RevisionId an answer carries against the track, observed or not.
  const revision = revisionConstraint(after);
  out.set('RevisionId', intersect(out.get('RevisionId') ?? ANYTHING, revision));
  return out;
}

function okOutcomesOverlap(
  a: { readonly outcome: Extract<Outcome, { kind: 'ok' }>; readonly state: AbstractState },
  b: { readonly outcome: Extract<Outcome, { kind: 'ok' }>; readonly state: AbstractState },
  op: Operation,
  unobservable: ReadonlySet<string>,
): boolean {
  const after = (s: AbstractState, o: Outcome): AbstractState =>
    applyEffects(o.effects, s, op, s.since);
  const ca = okConstraints(a.outcome, after(a.state, a.outcome), op, unobservable);
  const cb = okConstraints(b.outcome, after(b.state, b.outcome), op, unobservable);
  for (const [member, constraint] of ca) {
    const other = cb.get(member);
    if (other !== undefined && !satisfiable(intersect(constraint, other))) return false;
  }
  return true;
}

function sharesAny<T>(a: readonly T[] | '*', b: readonly T[] | '*'): boolean {
  return a === '*' || b === '*' || a.some((x) => b.includes(x));
}

function outcomesOverlap(
  a: { readonly outcome: Outcome; readonly state: AbstractState },
  b: { readonly outcome: Outcome; readonly state: AbstractState },
  op: Operation,
  unobservable: ReadonlySet<string>,
): boolean {
  const [x, y] = [a.outcome, b.outcome];
  if (x.kind === 'unspecified' || y.kind === 'unspecified') return true;
  if (x.kind === 'error' && y.kind === 'error') {
    // Messages are patterns: taken as able to match the same text.
    return sharesAny(x.types, y.types) && sharesAny(x.statuses, y.statuses);
  }
  if (x.kind === 'ok' && y.kind === 'ok') {
    return okOutcomesOverlap(
      { outcome: x, state: a.state },
      { outcome: y, state: b.state },
      op,
      unobservable,
    );
  }
  return false;
}

/**
 * Whether one answer to `op` can be allowed both in state `a` (where `ruleA` decides, or no rule)
 * and in state `b`: when it can, the spec never obliges the target to show which of the two it is
 * in. An answer is taken to fit an outcome when every member the outcome constrains can take a
 * value both allow (an error's message pattern is taken to fit any other), including the RevisionId
 * the monitor tracks; a state no rule decides allows any answer.
 */
export function answersOverlap(
  op: Operation,
  a: { readonly state: AbstractState; readonly rule: Rule | undefined },
  b: { readonly state: AbstractState; readonly rule: Rule | undefined },
  unobservable: ReadonlySet<string>,
): boolean {
  if (a.rule === undefined || b.rule === undefined) return true;
  for (const x of a.rule.outcomes) {
    for (const y of b.rule.outcomes) {
      if (
        outcomesOverlap(
          { outcome: x, state: a.state },
          { outcome: y, state: b.state },
          op,
          unobservable,
        )
      )
        return true;
    }
  }
  return false;
}
