import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import type { Condition, Guard, Rule, Scalar, Spec } from '../spec/Spec.ts';
import { addState, valueKey, type AbstractState } from './AbstractState.ts';
import { applyEffects, resolveRef, satisfies } from './evaluate.ts';
import { matchRule } from './matchOutcome.ts';

/** Most states one guard may be forced into (a guard listing many values of many fields is skipped). */
const MAX_FORCED = 32;

/** Everything {@link recoverStates} needs to know about the monitor it recovers. */
export interface RecoveryContext {
  readonly spec: Spec;
  readonly reading: string;
  readonly unobservable: ReadonlySet<string>;
  /**
   * Whether the answer may re-anchor the state on what the target says it is (a read: GetFunction
   * saying Active means Active). A write's answer says what the call did, not what state the
   * function is in: it is explained by a rule's effects, never by forcing a state.
   */
  readonly readsState: boolean;
  /** The rule that applies to `op` in `state` (first match), as the monitor decides it. */
  ruleFor(op: Operation, state: AbstractState): Rule | undefined;
}

/** The states a divergent step leaves, and whether a rule of the spec explains the answer. */
export interface Recovery {
  readonly states: readonly AbstractState[];
  /**
   * Some rule of the operation fits the answer exactly in a state that differs from a possible one
   * only in what that rule's guard names. When false, the states are an approximation (the effects
   * of the step as the target reported it) and the caller should read the function back.
   */
  readonly explained: boolean;
}

/** The RevisionId as the target reported it: the next observation is checked against that. */
function revisionAsObserved(state: AbstractState, obs: Observation): AbstractState {
  const rid = obs.kind === 'ok' ? obs.fields['RevisionId'] : undefined;
  return {
    ...state,
    revision:
      typeof rid === 'string' ? { last: rid, status: 'same' } : { last: null, status: 'maybe' },
  };
}

/** The values a field may take so that `condition` holds, or undefined when it cannot be forced. */
function valuesFor(
  spec: Spec,
  field: string,
  condition: Condition,
  state: AbstractState,
  op: Operation,
): readonly Scalar[] | undefined {
  const declared = spec.fields.get(field);
  switch (condition.kind) {
    case 'in':
      return condition.values;
    case 'notIn':
      return declared?.type === 'enum'
        ? declared.values.filter((v) => !condition.values.some((n) => String(n) === v))
        : undefined;
    case 'equals': {
      const value = resolveRef(condition.ref, state, op);
      return value === undefined ? undefined : [value];
    }
    case 'absent':
    case 'present':
      return undefined;
  }
}

/**
 * The states that differ from `state` only in the fields `guard` names, each set so that the guard
 * holds (the state itself when it already does). Input conditions cannot be forced: when one fails
 * there is none.
 */
export function forceGuard(
  spec: Spec,
  guard: Guard,
  state: AbstractState,
  op: Operation,
  reading: string,
  at: number,
): AbstractState[] {
  if (guard.readings.length > 0 && !guard.readings.includes(reading)) return [];
  for (const [input, condition] of Object.entries(guard.inputs)) {
    if (!satisfies(condition, op.args[input], state, op)) return [];
  }
  let variants: Record<string, Scalar>[] = [{ ...state.values }];
  let changed = false;
  for (const [field, condition] of Object.entries(guard.fields)) {
    if (satisfies(condition, state.values[field], state, op)) continue;
    const values = valuesFor(spec, field, condition, state, op);
    if (values === undefined || values.length === 0) return [];
    changed = true;
    variants = variants.flatMap((v) => values.map((value) => ({ ...v, [field]: value })));
    if (variants.length > MAX_FORCED) return [];
  }
  if (!changed) return [state];
  return variants.map((values) => ({ values, revision: state.revision, since: at }));
}

/** Whether a guard's field conditions hold in `state` (its input conditions are not asked). */
function fieldsHold(guard: Guard, state: AbstractState, op: Operation, reading: string): boolean {
  if (guard.readings.length > 0 && !guard.readings.includes(reading)) return false;
  return Object.entries(guard.fields).every(([field, condition]) =>
    satisfies(condition, state.values[field], state, op),
  );
}

/**
 * After a divergence, the states to go on from, so that later steps are judged against what the
 * target did rather than what it should have done (the same bug is then not reported again under
 * other names, and a target consistent with its own answer raises no false alarm):
 *
 * - **explained**: for a read, every state close to a possible one in which some rule of the
 *   operation fits the answer exactly (a GetFunction that says Active re-anchors on Active); for a
 *   write, every possible state after what some rule of the operation does, when its outcome fits
 *   the answer exactly (PublishVersion answering a new version number published one), RevisionId
 *   taken as observed;
 * - **as reported**: from each possible state, the effects of the applicable rule's outcomes of the
 *   kind the target answered; an operation accepted where the spec refuses it does what the
 *   operation's accepting rules do where their state conditions hold; one refused where it should
 *   have succeeded changed nothing.
 *
 * For a write both sets are kept (the target may be in either): later observations narrow them.
 * For a read that is explained only the explained states are kept: the read says which it is. A
 * RevisionId the answer lacks is not asked for when explaining it.
 */
export function recoverStates(
  ctx: RecoveryContext,
  pool: readonly AbstractState[],
  op: Operation,
  obs: Observation,
  at: number,
): Recovery {
  const next: AbstractState[] = [];
  const operation = ctx.spec.operations.get(op.name);
  let explained = false;
  // An answer without a RevisionId still shows the state: its missing RevisionId is the divergence
  // being reported, not a reason to doubt the rest (else a target that never sends one would never
  // be re-anchored by its reads).
  const unobservable =
    obs.kind === 'ok' && obs.fields['RevisionId'] === undefined
      ? new Set([...ctx.unobservable, 'RevisionId'])
      : ctx.unobservable;
  if (operation !== undefined && obs.kind !== 'inconclusive') {
    // Explaining ignores the RevisionId track: states that differ only in it are explained once (the
    // latest `since` kept, as addTo would keep it).
    const looseStates = new Map<string, AbstractState>();
    for (const state of pool) {
      const loose: AbstractState = { ...state, revision: { last: null, status: 'maybe' } };
      const key = valueKey(loose);
      const seen = looseStates.get(key);
      if (seen === undefined || loose.since > seen.since) looseStates.set(key, loose);
    }
    for (const loose of looseStates.values()) {
      for (const rule of operation.rules) {
        // A read re-anchors on the state it reports; a write is explained by what some rule of
        // the operation does, whatever state that rule is written for (an update accepted with a
        // stale RevisionId did what an accepted update does).
        const candidates = ctx.readsState
          ? forceGuard(ctx.spec, rule.when, loose, op, ctx.reading, at).filter(
              (forced) => ctx.ruleFor(op, forced) === rule,
            )
          : [loose];
        for (const forced of candidates) {
          const { matches } = matchRule(rule, obs, forced, op, at, unobservable);
          for (const m of matches) {
            if (m.kind !== 'match') continue;
            explained = true;
            addState(next, m.successor);
          }
        }
      }
    }
  }
  // A read that some rule explains says which state the function is in: the states it rules out
  // are dropped (kept, no later read that diverges again, say for a missing RevisionId, could ever
  // narrow them) — when the kind of answer (success or refusal) was one the spec allows in some
  // possible state, so that only its content diverged (GetFunction saying Active, not Pending). A
  // read answered with a kind no possible state allows (versions listed for a function that does
  // not exist) may just be a read the target does not check, and says nothing sure about the
  // state: the states as they were are kept beside the explained ones, for later answers to narrow
  // (else the next refusal of a missing function is blamed on a rule of a state it never reached).
  // A write's answer may or may not have done what it says: both sets are kept.
  if (explained && ctx.readsState && answerKindAllowed(ctx, pool, op, obs)) {
    return { states: next, explained };
  }
  // A write no rule explains left the function in a state the spec does not know it reached (a
  // CreateFunction that answered Active at once): whether a later transition of the approximated
  // state must change the RevisionId is unknown, so the next RevisionId is not judged.
  const revisionOf =
    explained || ctx.readsState
      ? revisionAsObserved
      : (s: AbstractState): AbstractState => ({ ...s, revision: { last: null, status: 'maybe' } });
  for (const state of pool) {
    for (const s of asReported(ctx, state, op, obs, at)) addState(next, revisionOf(s, obs));
  }
  return { states: next, explained };
}

/**
 * Whether the kind of `obs` (success or refusal) is one the rule applying to `op` allows in some
 * possible state of `pool` (an unspecified outcome allows either).
 */
function answerKindAllowed(
  ctx: RecoveryContext,
  pool: readonly AbstractState[],
  op: Operation,
  obs: Observation,
): boolean {
  return pool.some((state) => {
    const rule = ctx.ruleFor(op, state);
    return (
      rule === undefined ||
      rule.outcomes.some((o) => o.kind === obs.kind || o.kind === 'unspecified')
    );
  });
}

/** The state after a step whose answer is taken as the target reported it. */
function asReported(
  ctx: RecoveryContext,
  state: AbstractState,
  op: Operation,
  obs: Observation,
  at: number,
): AbstractState[] {
  const rule = ctx.ruleFor(op, state);
  if (rule === undefined || obs.kind === 'inconclusive') return [state];
  const sameKind = rule.outcomes.filter((o) => o.kind === obs.kind || o.kind === 'unspecified');
  if (sameKind.length > 0) {
    return sameKind.map((o) =>
      o.kind === 'unspecified' && obs.kind !== 'ok'
        ? state
        : applyEffects(o.effects, state, op, at),
    );
  }
  if (obs.kind === 'error') return [state];
  // Accepted where the spec refuses it: what the operation does where it is accepted — the
  // accepting rules whose state conditions hold here, else (a state where no rule accepts it, as
  // PublishVersion of a Failed function) what any accepting rule does: later reads narrow them.
  const rules = (ctx.spec.operations.get(op.name)?.rules ?? []).filter((r) => r !== rule);
  const accepted = (r: Rule): AbstractState[] =>
    r.outcomes.filter((o) => o.kind === 'ok').map((o) => applyEffects(o.effects, state, op, at));
  const effects = rules.filter((r) => fieldsHold(r.when, state, op, ctx.reading)).flatMap(accepted);
  if (effects.length > 0) return effects;
  const anywhere: AbstractState[] = [];
  for (const r of rules) {
    if (!inputsHold(r.when, state, op)) continue;
    for (const s of accepted(r)) addState(anywhere, s);
  }
  return anywhere.length > 0 ? anywhere : [state];
}

/** Whether a guard's input conditions hold for `op` (its field conditions are not asked). */
function inputsHold(guard: Guard, state: AbstractState, op: Operation): boolean {
  return Object.entries(guard.inputs).every(([input, condition]) =>
    satisfies(condition, op.args[input], state, op),
  );
}
