import type { AbstractState } from '../monitor/AbstractState.ts';
import type { Spec } from '../spec/Spec.ts';
import { INPUT_DEFAULTS } from '../lambda/catalogue.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Tour } from '../commands/plannedPrefix.ts';
import { allowedCommands, maxTourLength } from '../commands/buildCommands.ts';
import type { Capabilities } from '../targets/Target.ts';
import { reachedWithin, snapshotAims, type SnapshotAim } from './tourAims.ts';
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
  /**
   * Targets some plan reaches within this many commands are left to random sequences, which
   * reach them as well (on real time every planned command costs); 0 when omitted.
   */
  readonly leaveShallow?: number;
  /** Also plan tours that rewrite a field before a rule copies it ({@link snapshotAims}). */
  readonly snapshots?: boolean;
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
 * exercises one of `wanted`, in at most `budget` commands; undefined when none is found. With
 * `certain`, the plan's steps before the last are moves whose outcome the spec fixes (not
 * {@link Move.open}): a target may answer an open one otherwise, and the plan would go astray.
 */
function nearest(
  keyOf: (state: AbstractState) => string,
  movesOf: (state: AbstractState) => readonly Move[],
  start: AbstractState,
  wanted: ReadonlySet<string>,
  budget: number,
  certain: boolean,
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
        if (depth + 1 >= budget || (certain && move.open === true)) continue;
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

/** Whether `cmd` is the plan's read: `reader` with every input left at its default. */
function isRead(cmd: HarnessCommand, reader: string | undefined): boolean {
  return (
    cmd.kind === 'op' &&
    cmd.op.name === reader &&
    Object.entries(cmd.op.args).every(([k, v]) => INPUT_DEFAULTS[k] === v)
  );
}

/** How a plan moves: the moves of a state, how states are told apart, the read after a write. */
interface Planner {
  readonly keyOf: (state: AbstractState) => string;
  readonly movesOf: (state: AbstractState) => readonly Move[];
  readonly readBack: (state: AbstractState) => Move | undefined;
  readonly reader: string | undefined;
  readonly maxLength: number;
}

function plannerOf(spec: Spec, options: TourOptions): Planner {
  // The moves of a state depend on its values alone: listed once per state for every search.
  const known = new Map<string, readonly Move[]>();
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
  return {
    keyOf: (state) => searchKey(spec, state),
    movesOf,
    readBack: (state) => movesOf(state).find((m) => isRead(m.cmd, reader)),
    reader,
    maxLength: options.maxLength,
  };
}

/** One tour being planned from the initial state. */
class TourDraft {
  readonly commands: HarnessCommand[] = [];
  readonly targets: string[] = [];
  state: AbstractState;

  constructor(
    spec: Spec,
    private readonly planner: Planner,
    private readonly uncovered: Set<string>,
  ) {
    this.state = planStart(spec);
  }

  /** A draft that goes on from where this one is, leaving this one as it is. */
  copy(): TourDraft {
    const copy = Object.create(TourDraft.prototype) as TourDraft;
    Object.assign(copy, this, {
      commands: [...this.commands],
      targets: [...this.targets],
      uncovered: new Set(this.uncovered),
    });
    return copy;
  }

  /**
   * Goes to the nearest move that exercises one of `wanted`, if the tour has room; returns the
   * ids of `wanted` that move exercises (none when no plan fits).
   */
  goTo(wanted: ReadonlySet<string>): string[] {
    const { planner } = this;
    const budget = planner.maxLength - this.commands.length;
    const search = (certain: boolean): Step[] | undefined =>
      nearest(planner.keyOf, planner.movesOf, this.state, wanted, budget, certain);
    const path = search(true) ?? search(false);
    if (path === undefined) return [];
    const reached = path.at(-1)?.move.exercises.filter((id) => wanted.has(id)) ?? [];
    path.forEach((step, i) => {
      this.take(step.move, step.next);
      // What a command changed is read back at once where the tour has room: a target that
      // stores the wrong thing shows it at the next step, not several commands later.
      const following = path[i + 1]?.move.cmd;
      const readNext = following !== undefined && isRead(following, planner.reader);
      const room = this.commands.length + (path.length - i - 1) < planner.maxLength;
      const read =
        step.move.changes && !readNext && room ? planner.readBack(this.state) : undefined;
      if (read !== undefined) this.take(read, read.next[0] ?? this.state);
    });
    return reached;
  }

  private take(move: Move, next: AbstractState): void {
    this.commands.push(move.cmd);
    for (const id of move.exercises) if (this.uncovered.delete(id)) this.targets.push(id);
    this.state = next;
  }
}

/**
 * Plans tours that together exercise every rule and transition of the spec that can be reached
 * with the allowed commands within `maxLength` commands: each tour starts from the initial state
 * and goes, again and again, to the nearest target not yet exercised (a search over the spec's
 * abstract states), until the next one is out of its length. Deterministic: the same spec and
 * options give the same tours. Targets no tour reaches are left out; with `leaveShallow`, so are
 * those random sequences reach anyway; with `snapshots`, tours that rewrite a field before a rule
 * copies it follow (see {@link snapshotAims}).
 */
export function planTours(spec: Spec, options: TourOptions): Tour[] {
  const planner = plannerOf(spec, options);
  const uncovered = new Set(coverageTargets(spec));
  if ((options.leaveShallow ?? 0) > 0) {
    const shallow = reachedWithin(
      planner.keyOf,
      planner.movesOf,
      planStart(spec),
      options.leaveShallow ?? 0,
    );
    for (const id of shallow) uncovered.delete(id);
  }
  const tours: Tour[] = [];
  for (;;) {
    const draft = new TourDraft(spec, planner, uncovered);
    while (draft.goTo(uncovered).length > 0);
    if (draft.commands.length === 0) break;
    tours.push({ commands: draft.commands, targets: draft.targets });
  }
  if (options.snapshots === true) tours.push(...snapshotTours(spec, planner, options.reading));
  return tours;
}

/**
 * Tours that rewrite a field after creation and then exercise a rule that copies it, for every
 * {@link snapshotAims} the allowed commands reach, as many per tour as fit; their targets are
 * those rules.
 */
function snapshotTours(spec: Spec, planner: Planner, reading: string): Tour[] {
  // Shortest first: the aims a short plan reaches share a tour.
  const lengths = new Map<SnapshotAim, number>();
  for (const aim of snapshotAims(spec, reading)) {
    const trial = new TourDraft(spec, planner, new Set());
    if (trial.goTo(new Set(aim.after)).length > 0 && trial.goTo(new Set([aim.rule])).length > 0)
      lengths.set(aim, trial.commands.length);
  }
  let remaining = [...lengths.keys()].sort((a, b) => (lengths.get(a) ?? 0) - (lengths.get(b) ?? 0));
  const tours: Tour[] = [];
  while (remaining.length > 0) {
    let draft = new TourDraft(spec, planner, new Set());
    const aimed: string[] = [];
    const left: SnapshotAim[] = [];
    for (const aim of remaining) {
      const trial = draft.copy();
      if (trial.goTo(new Set(aim.after)).length > 0 && trial.goTo(new Set([aim.rule])).length > 0) {
        draft = trial;
        aimed.push(aim.rule);
      } else {
        // Out of this tour's room: the next tour tries again.
        left.push(aim);
      }
    }
    if (aimed.length === 0) break;
    tours.push({ commands: draft.commands, targets: aimed });
    remaining = left;
  }
  return tours;
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
    options.leaveShallow ?? 0,
    options.snapshots ?? false,
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
    ...(options.capabilities.virtualTime
      ? {}
      : { leaveShallow: REAL_TIME_SHALLOW, snapshots: true }),
  });
}

/**
 * On real time, targets a plan reaches within this many commands are left to random sequences
 * (which reach them too): every planned command really takes time, so tours go only deeper.
 */
export const REAL_TIME_SHALLOW = 2;

/**
 * The rules and transitions a run's commands can reach (those some tour aims at when none is left
 * to random sequences): on real time, what can be reached without waiting out a time bound.
 */
export function reachableOfRun(spec: Spec, options: RunTourOptions): Set<string> {
  const tours = toursFor(spec, {
    reading: options.reading,
    capabilities: options.capabilities,
    allowed: allowedCommands(spec, options.weights, options.capabilities.virtualTime),
    maxLength: maxTourLength(options.maxCommands),
  });
  return new Set(tours.flatMap((t) => t.targets));
}
