import { internValues, type AbstractState, type Values } from '../monitor/AbstractState.ts';
import { PerSpec } from '../spec/PerSpec.ts';
import { applyEffects, guardHolds } from '../monitor/evaluate.ts';
import type { Effects, Guard, Spec, Transition } from '../spec/Spec.ts';
import { ruleCache, type RuleCache } from '../monitor/ruleCache.ts';
import { RecordTable } from '../monitor/RecordTable.ts';

/** Most states the closure below visits; the monitor's own bound is larger, this is only a guess. */
const MAX_STATES = 512;

/**
 * `states` and every state the spec's async transitions can lead them to, whenever they happen:
 * what may hold by the time an event arrives (time bounds are left out, so this may hold more).
 * The transitions each state enables come from the spec's shared {@link ruleCache}.
 */
function reachable(cache: RuleCache, states: readonly AbstractState[]): readonly AbstractState[] {
  const seen: AbstractState[] = [];
  // Distinct in what `valueKey` says (value record, RevisionId and its status), compared by
  // identity of the interned records: no key text.
  for (const s of states) addDistinct(seen, s);
  const work = [...seen];
  while (work.length > 0 && seen.length < MAX_STATES) {
    const state = work.pop();
    if (state === undefined) break;
    for (const t of cache.enabledAsync(state)) {
      const next = applyEffects(t.to, state, undefined, state.since);
      if (addDistinct(seen, next)) work.push(next);
    }
  }
  return seen;
}

/** Adds `state` unless one equal in what `valueKey` says is there; whether it was added. */
function addDistinct(seen: AbstractState[], state: AbstractState): boolean {
  const values = internValues(state.values);
  const { last, status } = state.revision;
  for (const s of seen) {
    if (
      internValues(s.values) === values &&
      s.revision.last === last &&
      s.revision.status === status
    )
      return false;
  }
  seen.push(state);
  return true;
}

/**
 * Whether applying `transition` in `state` leaves every field as it is (the RevisionId aside):
 * effects give back the very record they were given when no field changes (records are interned).
 */
function changesNothing(transition: Transition, state: AbstractState): boolean {
  return applyEffects(transition.to, state, undefined, state.since).values === state.values;
}

/**
 * Whether injecting `event` now has an effect the spec gives it, for one function whose possible
 * states (as the monitor last narrowed them) are `states`: some state the function may be in by now
 * enables a transition the event triggers, and none enables one that would change nothing there.
 * The first part leaves out events for a function that does not exist (or is in no state the event
 * acts on); the second keeps an arming event (one whose transition sets a field such as
 * `provisioning: armed`) from being sent while the function may already be armed: the documents
 * say nothing about arming twice (counted, or a flag), so what followed would depend on how the
 * environment counts. Decided from the spec's transitions alone, for any event.
 */
export function eventHasEffect(
  spec: Spec,
  states: readonly AbstractState[],
  event: string,
  reading: string,
): boolean {
  const memo = memoOf(spec, reading);
  const only = states.length === 1 ? states[0] : undefined;
  if (only !== undefined) {
    // One possible state (most steps): by event, then by the state's projection number (bounded:
    // the projections start afresh, and these answers with them, past MAX_ANSWERS).
    const id = memo.projection(only.values);
    let byState = memo.single.get(event);
    if (byState === undefined) {
      byState = new Map();
      memo.single.set(event, byState);
    }
    let known = byState.get(id);
    if (known === undefined) {
      known = eventHasEffectInFull(spec, states, event, reading);
      byState.set(id, known);
    }
    return known;
  }
  let key = event;
  for (const state of states) key += `|${memo.projection(state.values)}`;
  let known = memo.answers.get(key);
  if (known === undefined) {
    known = eventHasEffectInFull(spec, states, event, reading);
    if (memo.answers.size >= MAX_ANSWERS) memo.answers.clear();
    memo.answers.set(key, known);
  }
  return known;
}

/** Answers one memo holds before it starts afresh. */
const MAX_ANSWERS = 4096;

/**
 * What {@link eventHasEffect} has answered for one spec and reading. The answer depends on the
 * states only through the fields the spec's transitions read or set (guards and effects read
 * nothing else, and whether a transition changes nothing compares only what it sets; the RevisionId
 * and times play no part): states are keyed by a number per distinct projection onto those fields.
 */
interface EffectMemo {
  readonly answers: Map<string, boolean>;
  /** Answers for one possible state: by event, then by its projection's number. */
  readonly single: Map<string, Map<number, boolean>>;
  projection(values: Values): number;
}

const memos = new PerSpec<EffectMemo>();

function memoOf(spec: Spec, reading: string): EffectMemo {
  return memos.get(spec, reading, createEffectMemo);
}

function createEffectMemo(spec: Spec): EffectMemo {
  const names = new Set<string>();
  const readGuard = (guard: Guard): void => {
    for (const [field, condition] of Object.entries(guard.fields)) {
      names.add(field);
      if (condition.kind === 'equals' && condition.ref.from === 'field')
        names.add(condition.ref.name);
    }
    for (const condition of Object.values(guard.inputs)) {
      if (condition.kind === 'equals' && condition.ref.from === 'field')
        names.add(condition.ref.name);
    }
  };
  const readEffects = (effects: Effects): void => {
    for (const [field, expr] of Object.entries(effects.set)) {
      names.add(field);
      if (expr.kind === 'ref' && expr.ref.from === 'field') names.add(expr.ref.name);
    }
  };
  for (const t of spec.transitions) {
    readGuard(t.from);
    readEffects(t.to);
  }
  const fields = [...names].sort();
  // By the interned record's number (no hashing of the record at each look-up).
  const byRecord = new RecordTable<number>();
  const byText = new Map<string, number>();
  const answers = new Map<string, boolean>();
  const single = new Map<string, Map<number, boolean>>();
  let next = 0;
  return {
    answers,
    single,
    projection(values) {
      if (byRecord.size >= MAX_ANSWERS || byText.size >= MAX_ANSWERS) {
        // Start afresh together: answers are keyed by the numbers these hand out.
        byRecord.clear();
        byText.clear();
        answers.clear();
        single.clear();
      }
      const record = internValues(values);
      let id = byRecord.get(record);
      if (id === undefined) {
        let text = '';
        for (const field of fields) {
          const value = record[field];
          text += value === undefined ? '\u0001\u0000' : `${typeof value}:${String(value)}\u0000`;
        }
        id = byText.get(text);
        if (id === undefined) {
          id = next++;
          byText.set(text, id);
        }
        byRecord.set(record, id);
      }
      return id;
    },
  };
}

/**
 * {@link eventHasEffect} worked out in full, without its memo.
 *
 * @internal Exported for tests only.
 */
export function eventHasEffectInFull(
  spec: Spec,
  states: readonly AbstractState[],
  event: string,
  reading: string,
): boolean {
  const triggered = triggeredBy(spec, event);
  if (triggered.length === 0) return false;
  let someEffect = false;
  for (const state of reachable(ruleCache(spec, reading), states)) {
    for (const t of triggered) {
      if (!guardHolds(t.from, state, undefined, reading)) continue;
      if (changesNothing(t, state)) return false;
      someEffect = true;
    }
  }
  return someEffect;
}

const triggeredLists = new PerSpec<readonly Transition[]>();

function listTriggered(spec: Spec, event: string): readonly Transition[] {
  return spec.transitions.filter((t) => t.trigger.kind === 'event' && t.trigger.event === event);
}

/** The transitions of `spec` that `event` triggers, in the spec's order (listed once). */
function triggeredBy(spec: Spec, event: string): readonly Transition[] {
  return triggeredLists.get(spec, event, listTriggered);
}
