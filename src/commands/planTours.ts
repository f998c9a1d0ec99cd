import type { AbstractState } from '../monitor/AbstractState.ts';
import type { Spec } from '../spec/Spec.ts';
import type { HarnessCommand } from './HarnessCommand.ts';
import {
  movesFrom,
  planStart,
  searchKey,
  valuesKey,
  type Move,
  type MoveOptions,
} from './specMoves.ts';

/**
 * A planned sequence for one function from its initial state: the commands, and the rules and
 * transitions the spec says they exercise (each target is listed by the first tour that reaches it).
 */
export interface Tour {
  readonly commands: readonly HarnessCommand[];
  readonly targets: readonly string[];
}

/** What tours may use, and how long one may be. */
export interface TourOptions extends MoveOptions {
  readonly maxLength: number;
}

/** Every rule and transition id of a spec, in spec order: what coverage counts. */
export function coverageTargets(spec: Spec): string[] {
  const ids: string[] = [];
  for (const operation of spec.operations.values()) for (const r of operation.rules) ids.push(r.id);
  for (const t of spec.transitions) ids.push(t.id);
  return ids;
}

/** Most abstract states one search visits: plans are short, the search stays cheap. */
const MAX_SEARCH_STATES = 4_000;

interface Step {
  readonly move: Move;
  /** The outcome the plan goes on from (the first the spec lists). */
  readonly next: AbstractState;
}

/**
 * The shortest plan (breadth-first over the spec's abstract states) from `start` to a move that
 * exercises one of `wanted`, in at most `budget` commands; undefined when none is found.
 */
function nearest(
  keyOf: (state: AbstractState) => string,
  movesOf: (state: AbstractState) => readonly Move[],
  start: AbstractState,
  wanted: ReadonlySet<string>,
  budget: number,
): Step[] | undefined {
  const seen = new Set<string>([keyOf(start)]);
  let frontier: { state: AbstractState; path: Step[] }[] = [{ state: start, path: [] }];
  for (let depth = 0; depth < budget && frontier.length > 0; depth++) {
    const following: { state: AbstractState; path: Step[] }[] = [];
    for (const { state, path } of frontier) {
      for (const move of movesOf(state)) {
        const first = move.next[0] ?? state;
        if (move.exercises.some((id) => wanted.has(id))) return [...path, { move, next: first }];
        for (const next of move.next) {
          const key = keyOf(next);
          if (seen.has(key) || seen.size >= MAX_SEARCH_STATES) continue;
          seen.add(key);
          following.push({ state: next, path: [...path, { move, next }] });
        }
      }
    }
    frontier = following;
  }
  return undefined;
}

/**
 * Plans tours that together exercise every rule and transition of the spec that can be reached
 * with the allowed commands within `maxLength` commands: each tour starts from the initial state
 * and goes, again and again, to the nearest target not yet exercised (a search over the spec's
 * abstract states), until the next one is out of its length. Deterministic: the same spec and
 * options give the same tours. Targets no tour reaches are left out.
 */
export function planTours(spec: Spec, options: TourOptions): Tour[] {
  const uncovered = new Set(coverageTargets(spec));
  // The moves of a state depend on its values alone: listed once per state for every search.
  const known = new Map<string, readonly Move[]>();
  const keyOf = (state: AbstractState): string => searchKey(spec, state);
  const movesOf = (state: AbstractState): readonly Move[] => {
    const key = valuesKey(state);
    let moves = known.get(key);
    if (moves === undefined) {
      moves = movesFrom(spec, state, options);
      known.set(key, moves);
    }
    return moves;
  };
  const tours: Tour[] = [];
  for (;;) {
    let state = planStart(spec);
    const commands: HarnessCommand[] = [];
    const targets: string[] = [];
    for (;;) {
      const path = nearest(keyOf, movesOf, state, uncovered, options.maxLength - commands.length);
      if (path === undefined) break;
      for (const step of path) {
        commands.push(step.move.cmd);
        for (const id of step.move.exercises) if (uncovered.delete(id)) targets.push(id);
        state = step.next;
      }
    }
    if (commands.length === 0) return tours;
    tours.push({ commands, targets });
  }
}

// Planning searches the spec: done once per spec and options in a process, shared by every lane.
const cache = new WeakMap<Spec, Map<string, readonly Tour[]>>();

/** {@link planTours}, memoised per spec and options. */
export function toursFor(spec: Spec, options: TourOptions): readonly Tour[] {
  const key = JSON.stringify([
    options.reading,
    options.capabilities,
    options.maxLength,
    [...options.allowed].sort(),
  ]);
  let perSpec = cache.get(spec);
  if (perSpec === undefined) {
    perSpec = new Map();
    cache.set(spec, perSpec);
  }
  let tours = perSpec.get(key);
  if (tours === undefined) {
    tours = planTours(spec, options);
    perSpec.set(key, tours);
  }
  return tours;
}
