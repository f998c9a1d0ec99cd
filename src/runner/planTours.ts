import type { AbstractState } from '../monitor/AbstractState.ts';
import { PerSpec } from '../spec/PerSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { INPUT_DEFAULTS } from '../lambda/catalogue.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Tour } from '../commands/plannedPrefix.ts';
import { allowedCommands, maxTourLength } from '../commands/buildCommands.ts';
import type { Capabilities } from '../targets/Target.ts';
import { reachedWithin, snapshotAims, type SnapshotAim } from './tourAims.ts';
import {
  awaitsAsync,
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
  /**
   * Plans do not go on past a command whose outcome the spec leaves unspecified (such a command
   * may only end a tour): the target may refuse it and leave the function as it was, and what
   * the plan does next would then miss its aim. Past a command the spec allows several outcomes
   * of, they go on only from the first it lists (UpdateFunctionCode of an Inactive function
   * leaves it Inactive, or restores it: plans take it as left Inactive). On real time (Tag on a
   * Pending function, which the emulator refuses, was the first step of the only tour toward
   * untag-inactive; an update that restored an Inactive function, which the emulator leaves
   * Inactive, the first step of the only tour toward reactivation-fails).
   */
  readonly certainPaths?: boolean;
  /**
   * At most this many commands follow one another while an async transition is pending (the
   * function Pending, an update in progress); then the plan lets it end (Settle) before it goes
   * on. On real time the target ends such a state after its own delay (200 ms on the emulator
   * scenario), within a handful of commands on a loaded machine. No limit when omitted.
   */
  readonly asyncWindow?: number;
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

/** Where a plan is: the abstract state, and the commands taken in its async window. */
interface At {
  readonly state: AbstractState;
  /**
   * Commands taken since the function last came into a state where an async transition is
   * pending (the command that brought it there not counted); 0 in other states.
   */
  readonly window: number;
}

/**
 * The shortest plan (breadth-first over the spec's abstract states) from `start` to a move that
 * exercises one of `wanted`, in at most `budget` commands, within the planner's async window;
 * undefined when none is found. With `certain`, only its last command may be one whose outcome
 * the spec leaves unspecified ({@link Move.uncertain}), and of the outcomes of a command it
 * follows only the first the spec lists.
 */
function nearest(
  planner: Planner,
  start: At,
  wanted: ReadonlySet<string>,
  budget: number,
  certain: boolean,
): Step[] | undefined {
  const { movesOf } = planner;
  interface Node extends At {
    readonly step?: Step;
    readonly parent?: Node;
  }
  const keyOf = (at: At): string =>
    planner.asyncWindow === undefined
      ? planner.keyOf(at.state)
      : `${planner.keyOf(at.state)}#${at.window}`;
  const pathTo = (node: Node, last: Step): Step[] => {
    const path = [last];
    for (let n: Node | undefined = node; n?.step !== undefined; n = n.parent) path.push(n.step);
    return path.reverse();
  };
  const seen = new Set<string>([keyOf(start)]);
  let frontier: Node[] = [start];
  for (let depth = 0; depth < budget && frontier.length > 0; depth++) {
    const following: Node[] = [];
    for (const node of frontier) {
      for (const move of movesOf(node.state)) {
        if (!planner.fits(node, move)) continue;
        if (move.exercises.some((id) => wanted.has(id)))
          return pathTo(node, { move, next: move.next[0] ?? node.state });
        if (depth + 1 >= budget || (certain && move.uncertain === true)) continue;
        for (const next of certain ? move.next.slice(0, 1) : move.next) {
          const to = planner.after(node, move, next);
          const key = keyOf(to);
          if (seen.has(key) || seen.size >= MAX_SEARCH_STATES) continue;
          seen.add(key);
          following.push({ ...to, step: { move, next }, parent: node });
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
  /** See {@link TourOptions.certainPaths}. */
  readonly certainPaths: boolean;
  /** See {@link TourOptions.asyncWindow}. */
  readonly asyncWindow: number | undefined;
  /** Whether `move` may be taken from `at` (within the async window). */
  readonly fits: (at: At, move: Move) => boolean;
  /** Where `move` from `at` leads when it leads to `next`. */
  readonly after: (at: At, move: Move, next: AbstractState) => At;
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
  const limit = options.asyncWindow;
  const awaiting = new Map<string, boolean>();
  const awaits = (state: AbstractState): boolean => {
    const key = valuesKey(state);
    let answer = awaiting.get(key);
    if (answer === undefined) {
      answer = awaitsAsync(spec, state, options.reading);
      awaiting.set(key, answer);
    }
    return answer;
  };
  // Settle (or a long Wait) lets the pending transitions end: always in the window.
  const advances = (move: Move): boolean => move.cmd.kind === 'settle' || move.cmd.kind === 'wait';
  return {
    keyOf: (state) => searchKey(spec, state),
    movesOf,
    readBack: (state) => movesOf(state).find((m) => isRead(m.cmd, reader)),
    reader,
    maxLength: options.maxLength,
    certainPaths: options.certainPaths ?? false,
    asyncWindow: limit,
    fits: (at, move) =>
      limit === undefined || advances(move) || !awaits(at.state) || at.window < limit,
    after: (at, move, next) => ({
      state: next,
      window:
        limit === undefined || advances(move) || !awaits(next) || !awaits(at.state)
          ? 0
          : at.window + 1,
    }),
  };
}

/** One tour being planned from the initial state. */
class TourDraft {
  readonly commands: HarnessCommand[] = [];
  readonly targets: string[] = [];
  state: AbstractState;
  /** See {@link At.window}. */
  private window = 0;
  /** Set after a command the plan cannot go on from (see {@link TourOptions.certainPaths}). */
  private ended = false;

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
    if (this.ended) return [];
    const budget = planner.maxLength - this.commands.length;
    const search = (certain: boolean): Step[] | undefined =>
      nearest(planner, { state: this.state, window: this.window }, wanted, budget, certain);
    // Without certainPaths a plan still prefers commands whose outcome the spec fixes, and goes
    // through an unspecified one only when nothing else reaches the aim.
    const path = planner.certainPaths ? search(true) : (search(true) ?? search(false));
    if (path === undefined) return [];
    const reached = path.at(-1)?.move.exercises.filter((id) => wanted.has(id)) ?? [];
    path.forEach((step, i) => {
      this.take(step.move, step.next);
      // What a command changed is read back at once where the tour has room (and the async
      // window, for the rest of the path): a target that stores the wrong thing shows it at the
      // next step, not several commands later.
      const following = path[i + 1]?.move.cmd;
      const readNext = following !== undefined && isRead(following, planner.reader);
      const room = this.commands.length + (path.length - i - 1) < planner.maxLength;
      const read =
        step.move.changes && !readNext && room ? planner.readBack(this.state) : undefined;
      if (read !== undefined && this.fitsAfter(read, path.slice(i + 1)))
        this.take(read, read.next[0] ?? this.state);
    });
    return reached;
  }

  /** Whether `move`, then `rest`, fit the async window from where the draft is. */
  private fitsAfter(move: Move, rest: readonly Step[]): boolean {
    const { planner } = this;
    let at: At = { state: this.state, window: this.window };
    for (const step of [{ move, next: move.next[0] ?? this.state }, ...rest]) {
      if (!planner.fits(at, step.move)) return false;
      at = planner.after(at, step.move, step.next);
    }
    return true;
  }

  private take(move: Move, next: AbstractState): void {
    if (this.planner.certainPaths && move.uncertain === true) this.ended = true;
    this.window = this.planner.after({ state: this.state, window: this.window }, move, next).window;
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
const cache = new PerSpec<readonly Tour[]>();

/** {@link planTours}, memoised per spec and options. */
export function toursFor(spec: Spec, options: TourOptions): readonly Tour[] {
  const key = JSON.stringify([
    options.reading,
    options.capabilities,
    options.maxLength,
    [...options.allowed].sort(),
    options.leaveShallow ?? 0,
    options.snapshots ?? false,
    options.certainPaths ?? false,
    options.asyncWindow ?? null,
  ]);
  return cache.get(spec, key, () => planTours(spec, options));
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
    // Real time: tours for everything, shallow targets too (random sequences reach them only
    // likely; the tours that reach them have no Settle, so they cost little), and tours that
    // take no unspecified outcome for granted.
    ...(options.capabilities.virtualTime
      ? {}
      : { snapshots: true, certainPaths: true, asyncWindow: REAL_TIME_ASYNC_WINDOW }),
  });
}

/**
 * On real time, the commands a plan takes one after another while an async transition is pending
 * ({@link TourOptions.asyncWindow}): the emulator scenario ends Pending and updates 200 ms after
 * they start; one sequence at a time on a loaded machine (load average 12 on 2 cores) a command
 * took 4 ms (median), 22 ms (90th percentile), at concurrency 8 15–60 ms. With 4 the emulator
 * scenario's tours are 32 (versions and aliases included), so that three in four of 100 runs
 * start with each twice.
 */
export const REAL_TIME_ASYNC_WINDOW = 4;

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
