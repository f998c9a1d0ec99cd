import type { AbstractState } from '../monitor/AbstractState.ts';
import type { Spec } from '../spec/Spec.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Tour } from '../commands/plannedPrefix.ts';
import { allowedCommands, maxTourLength } from '../commands/buildCommands.ts';
import type { Capabilities } from '../targets/Target.ts';
import {
  movesFrom,
  planStart,
  readerOf,
  searchKey,
  valuesKey,
  type Move,
  type MoveOptions,
} from './specMoves.ts';

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
  interface Node {
    readonly state: AbstractState;
    readonly step?: Step;
    readonly parent?: Node;
  }
  const pathTo = (node: Node, last: Step): Step[] => {
    const path = [last];
    for (let n: Node | undefined = node; n?.step !== undefined; n = n.parent) path.push(n.step);
    return path.reverse();
  };
  const seen = new Set<string>([keyOf(start)]);
  let frontier: Node[] = [{ state: start }];
  for (let depth = 0; depth < budget && frontier.length > 0; depth++) {
    const following: Node[] = [];
    for (const node of frontier) {
      for (const move of movesOf(node.state)) {
        if (move.exercises.some((id) => wanted.has(id)))
          return pathTo(node, { move, next: move.next[0] ?? node.state });
        if (depth + 1 >= budget) continue;
        for (const next of move.next) {
          const key = keyOf(next);
          if (seen.has(key) || seen.size >= MAX_SEARCH_STATES) continue;
          seen.add(key);
          following.push({ state: next, step: { move, next }, parent: node });
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
  const reader = readerOf(spec, options);
  const readBack = (state: AbstractState): Move | undefined =>
    movesOf(state).find((m) => m.cmd.kind === 'op' && m.cmd.op.name === reader);
  const tours: Tour[] = [];
  for (;;) {
    let state = planStart(spec);
    const commands: HarnessCommand[] = [];
    const targets: string[] = [];
    const take = (move: Move, next: AbstractState): void => {
      commands.push(move.cmd);
      for (const id of move.exercises) if (uncovered.delete(id)) targets.push(id);
      state = next;
    };
    for (;;) {
      const path = nearest(keyOf, movesOf, state, uncovered, options.maxLength - commands.length);
      if (path === undefined) break;
      path.forEach((step, i) => {
        take(step.move, step.next);
        // What a command changed is read back at once where the tour has room: a target that
        // stores the wrong thing shows it at the next step, not several commands later.
        const following = path[i + 1]?.move.cmd;
        const readNext = following?.kind === 'op' && following.op.name === reader;
        const room = commands.length + (path.length - i - 1) < options.maxLength;
        const read = step.move.changes && !readNext && room ? readBack(state) : undefined;
        if (read !== undefined) take(read, read.next[0] ?? state);
      });
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

/** What a run's tours depend on. */
export interface RunTourOptions {
  readonly reading: string;
  readonly capabilities: Capabilities;
  readonly weights: Readonly<Record<string, number>>;
  readonly maxCommands: number;
}

/**
 * The tours of a run: planned from its spec for its reading, its target's capabilities and the
 * commands its weights allow, as long as its sequences leave room for (memoised).
 */
export function toursOfRun(spec: Spec, options: RunTourOptions): readonly Tour[] {
  return toursFor(spec, {
    reading: options.reading,
    capabilities: options.capabilities,
    allowed: allowedCommands(spec, options.weights, options.capabilities.virtualTime),
    maxLength: maxTourLength(options.maxCommands),
  });
}
