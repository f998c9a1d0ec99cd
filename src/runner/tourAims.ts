import type { AbstractState } from '../monitor/AbstractState.ts';
import { guardHolds } from '../monitor/evaluate.ts';
import type { Effects, Guard, Spec } from '../spec/Spec.ts';
import { planStart, type Move } from './specMoves.ts';

/**
 * A rule that copies one field of the function into another (PublishVersion snapshots the live
 * code into the version), and what writes the copied field after the function was created: a
 * target that copies what it was created with instead shows it only when that field was
 * rewritten first.
 */
export interface SnapshotAim {
  readonly rule: string;
  /** The rules and transitions that rewrite a copied field, none of them a creation. */
  readonly after: readonly string[];
}

/** The fields whose value an outcome's effects copy from another field. */
function copiedFields(effects: Effects): string[] {
  return Object.values(effects.set).flatMap((v) =>
    v.kind === 'ref' && v.ref.from === 'field' ? [v.ref.name] : [],
  );
}

/** Whether `effects` give `field` a new value (not back its initial one, as a deletion does). */
function rewrites(spec: Spec, effects: Effects, field: string): boolean {
  const value = effects.set[field];
  if (value === undefined) return false;
  return value.kind !== 'literal' || value.value !== spec.fields.get(field)?.initial;
}

/** Whether `guard`'s field conditions hold for the function's initial state (a creation's). */
function holdsInitially(spec: Spec, guard: Guard, reading: string): boolean {
  return guardHolds({ ...guard, inputs: {} }, planStart(spec), undefined, reading);
}

/**
 * For each rule whose effects copy a field, the rules and transitions that rewrite that field
 * other than from the initial state; rules nothing rewrites after creation are left out. In spec
 * order.
 */
export function snapshotAims(spec: Spec, reading: string): SnapshotAim[] {
  const writers = (field: string): string[] => [
    ...[...spec.operations.values()].flatMap((o) =>
      o.rules
        .filter(
          (r) =>
            !holdsInitially(spec, r.when, reading) &&
            r.outcomes.some((out) => rewrites(spec, out.effects, field)),
        )
        .map((r) => r.id),
    ),
    ...spec.transitions
      .filter((t) => !holdsInitially(spec, t.from, reading) && rewrites(spec, t.to, field))
      .map((t) => t.id),
  ];
  const aims: SnapshotAim[] = [];
  for (const operation of spec.operations.values()) {
    for (const rule of operation.rules) {
      const copied = new Set(rule.outcomes.flatMap((o) => copiedFields(o.effects)));
      const after = [...new Set([...copied].flatMap(writers))].filter((id) => id !== rule.id);
      if (after.length > 0) aims.push({ rule: rule.id, after });
    }
  }
  return aims;
}

/**
 * The rules and transitions some plan exercises within `depth` commands of `start` (a
 * breadth-first search over the spec's abstract states): those random sequences reach too.
 */
export function reachedWithin(
  keyOf: (state: AbstractState) => string,
  movesOf: (state: AbstractState) => readonly Move[],
  start: AbstractState,
  depth: number,
): Set<string> {
  const reached = new Set<string>();
  const seen = new Set<string>([keyOf(start)]);
  let frontier: AbstractState[] = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const following: AbstractState[] = [];
    for (const state of frontier) {
      for (const move of movesOf(state)) {
        for (const id of move.exercises) reached.add(id);
        for (const next of move.next) {
          const key = keyOf(next);
          if (seen.has(key)) continue;
          seen.add(key);
          following.push(next);
        }
      }
    }
    frontier = following;
  }
  return reached;
}
