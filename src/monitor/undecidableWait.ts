import type { Operation } from '../lambda/Operation.ts';
import type { Rule, Spec, Transition } from '../spec/Spec.ts';
import { describeState, type AbstractState } from './AbstractState.ts';
import { answersOverlap } from './answersOverlap.ts';
import { applyEffects, guardHolds } from './evaluate.ts';

/** How {@link undecidableWait} reads the spec. */
export interface UndecidableWaitOptions {
  readonly reading: string;
  /** Response members the target cannot show: they reveal nothing. */
  readonly unobservable: ReadonlySet<string>;
  /** The operations a waiter would look with (Settle polls GetFunction). */
  readonly probes: readonly Operation[];
}

/**
 * Why waiting for a function's async transitions cannot end before their time bounds: a state in
 * which a transition is still `pending` answers every probe as a state in which none is left
 * (`settled`) may, so no answer the spec obliges the target to give tells them apart.
 */
export interface UndecidableWait {
  /** The transitions whose occurrence no answer reveals, in spec order. */
  readonly transitions: readonly string[];
  /** A state with one of them pending, `state=Failed lastUpdateStatus=InProgress …`. */
  readonly pending: string;
  /** A state with nothing pending that answers as it may. */
  readonly settled: string;
}

/** Closing a set under async transitions stops here: past it the question is left undecided. */
const MAX_CLOSURE = 256;

type AsyncTransition = Transition & { readonly trigger: { readonly kind: 'async' } };

function keyOf(state: AbstractState): string {
  return JSON.stringify([state.values, state.revision]);
}

/** The states reachable from `states` by async transitions, each with those enabled in it. */
function closure(
  spec: Spec,
  states: readonly AbstractState[],
  reading: string,
): { state: AbstractState; enabled: readonly AsyncTransition[] }[] | undefined {
  const transitions = spec.transitions.filter(
    (t): t is AsyncTransition => t.trigger.kind === 'async',
  );
  const seen = new Map<string, { state: AbstractState; enabled: readonly AsyncTransition[] }>();
  const work = [...states];
  for (let state = work.pop(); state !== undefined; state = work.pop()) {
    const key = keyOf(state);
    if (seen.has(key)) continue;
    const enabled = transitions.filter((t) => guardHolds(t.from, state, undefined, reading));
    seen.set(key, { state, enabled });
    if (seen.size > MAX_CLOSURE) return undefined;
    for (const t of enabled) work.push(applyEffects(t.to, state, undefined, state.since));
  }
  return [...seen.values()];
}

function ruleFor(
  spec: Spec,
  op: Operation,
  state: AbstractState,
  reading: string,
): Rule | undefined {
  return spec.operations.get(op.name)?.rules.find((r) => guardHolds(r.when, state, op, reading));
}

/**
 * Decides whether waiting for the async transitions still possible in `states` (a function's
 * possible states) can end before their time bounds, from the spec alone: the target may already
 * be in a state with nothing pending (`settled`), and a probe's answer ends the wait only when it
 * fits no state with a transition pending. When some settled state may answer every probe exactly
 * as some pending state may (the rules that decide the probe in the two states observe nothing in
 * which they differ, the RevisionId included), the wait can last until the bound whatever the
 * target does: the transitions pending there are undecidable for the sequence. Returns why, or
 * undefined when every settled state can be told from every pending one (or nothing is pending).
 */
export function undecidableWait(
  spec: Spec,
  states: readonly AbstractState[],
  options: UndecidableWaitOptions,
): UndecidableWait | undefined {
  const closed = closure(spec, states, options.reading);
  if (closed === undefined) return undefined;
  const pending = closed.filter((c) => c.enabled.length > 0);
  const settled = closed.filter((c) => c.enabled.length === 0);
  const hidden = new Set<string>();
  let witness: { pending: AbstractState; settled: AbstractState } | undefined;
  for (const p of pending) {
    const twin = settled.find((s) => indistinguishable(spec, p.state, s.state, options));
    if (twin === undefined) continue;
    for (const t of p.enabled) hidden.add(t.id);
    witness ??= { pending: p.state, settled: twin.state };
  }
  if (witness === undefined) return undefined;
  return {
    transitions: spec.transitions.filter((t) => hidden.has(t.id)).map((t) => t.id),
    pending: describeState(witness.pending),
    settled: describeState(witness.settled),
  };
}

function indistinguishable(
  spec: Spec,
  a: AbstractState,
  b: AbstractState,
  options: UndecidableWaitOptions,
): boolean {
  return options.probes.every((op) =>
    answersOverlap(
      op,
      { state: a, rule: ruleFor(spec, op, a, options.reading) },
      { state: b, rule: ruleFor(spec, op, b, options.reading) },
      options.unobservable,
    ),
  );
}
