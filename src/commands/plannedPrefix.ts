import * as fc from 'fast-check';
import type { HarnessCommand } from './HarnessCommand.ts';
import { rotationTour } from './tourRotation.ts';

/**
 * A planned sequence for one function from its initial state (planned by the runner from the
 * spec): the commands, and the rules and transitions the spec says they exercise.
 */
export interface Tour {
  readonly commands: readonly HarnessCommand[];
  readonly targets: readonly string[];
}

/**
 * How many sequences of every `of` start with a planned tour; the others are random from their
 * first command (so that what no plan aims at is still found).
 */
export interface PlanShare {
  readonly planned: number;
  readonly of: number;
}

/** On virtual time: half the sequences. */
export const VIRTUAL_TIME_PLAN_SHARE: PlanShare = { planned: 1, of: 2 };
/**
 * On real time: three in four, in a rotation (see {@link rotationTour}): of every four sequences
 * the first three start with the next tour, so that the emulator scenario's 100 runs start with
 * each of its 32 tours twice (75 tour starts). Real-time tours aim at every target real time can
 * reach, take no unspecified outcome for granted and stay within a few commands while a
 * transition is pending (see the runner's toursOfRun); the fourth sequence is random, for the bugs
 * no plan aims at.
 */
export const REAL_TIME_PLAN_SHARE: PlanShare = { planned: 3, of: 4 };

/** The shrinks of a prefix: none at all first, then ever smaller runs of commands left out. */
function* smaller(
  prefix: readonly HarnessCommand[],
): Generator<fc.Value<readonly HarnessCommand[]>> {
  if (prefix.length === 0) return;
  yield new fc.Value([], undefined);
  for (let size = prefix.length >> 1; size >= 1; size >>= 1) {
    for (let at = 0; at + size <= prefix.length; at += size) {
      yield new fc.Value([...prefix.slice(0, at), ...prefix.slice(at + size)], undefined);
    }
  }
}

/**
 * The position of the sequence being generated in its run's rotation of tours (the runner's
 * `tourSlotOf`: from its lane's seed and its index in the lane, so the seed and path that replay a
 * sequence give it the same slot); undefined outside a generation.
 */
export type TourSlot = () => number | undefined;

/**
 * The planned start of a sequence, or nothing. Without `slot`: with probability
 * `share.planned / share.of` one of the tours, chosen from fast-check's randomness (so the seed
 * reproduces it). With `slot`: the tour the slot's turn of the rotation gives ({@link rotationTour}),
 * so that a run's consecutive sequences start with every tour in turn. Shrinks by leaving commands
 * out, whole prefix first. The tours are planned when first needed.
 */
class PrefixArbitrary extends fc.Arbitrary<readonly HarnessCommand[]> {
  private planned: readonly Tour[] | undefined;

  constructor(
    private readonly plan: () => readonly Tour[],
    private readonly share: PlanShare,
    private readonly slot: TourSlot | undefined,
  ) {
    super();
  }

  generate(mrng: fc.Random): fc.Value<readonly HarnessCommand[]> {
    const slot = this.slot?.();
    if (slot !== undefined) {
      this.planned ??= this.plan();
      const turn = rotationTour(slot, this.share, this.planned.length);
      const tour = turn === undefined ? undefined : this.planned[turn];
      return new fc.Value(tour?.commands ?? [], undefined);
    }
    if (mrng.nextInt(1, this.share.of) > this.share.planned) return new fc.Value([], undefined);
    this.planned ??= this.plan();
    const tour = this.planned[mrng.nextInt(0, Math.max(0, this.planned.length - 1))];
    return new fc.Value(tour?.commands ?? [], undefined);
  }

  canShrinkWithoutContext(value: unknown): value is readonly HarnessCommand[] {
    return Array.isArray(value);
  }

  shrink(value: readonly HarnessCommand[]): fc.Stream<fc.Value<readonly HarnessCommand[]>> {
    return new fc.Stream(smaller(value));
  }
}

/**
 * The arbitrary of a sequence's planned start, planning with `plan` when first needed: a tour in
 * `share` of the sequences, drawn at random, or in a rotation by `slot` when given.
 */
export function plannedPrefix(
  plan: () => readonly Tour[],
  share: PlanShare = VIRTUAL_TIME_PLAN_SHARE,
  slot?: TourSlot,
): fc.Arbitrary<readonly HarnessCommand[]> {
  return new PrefixArbitrary(plan, share, slot);
}

/**
 * A generated sequence: its planned start, then fast-check's commands, at most `max` in all; after
 * a planned start, random commands fill at most half the room left, so that planned sequences are
 * not much longer than random ones (on real time every command costs). The commands are
 * fast-check's own (it marks those that ran, to shrink only them); a fixed cap keeps that sound.
 */
export class PlannedSequence<C extends { toString(): string }> implements Iterable<C> {
  constructor(
    readonly prefix: readonly C[],
    /** fast-check's commands; their text lists those that ran and the replay path. */
    readonly rest: Iterable<C> & { toString(): string },
    readonly max: number,
  ) {}

  *[Symbol.iterator](): Iterator<C> {
    const room = this.max - this.prefix.length;
    const cap = this.prefix.length === 0 ? this.max : this.prefix.length + Math.ceil(room / 2);
    let count = 0;
    for (const cmd of this.prefix) {
      if (count++ >= cap) return;
      yield cmd;
    }
    for (const cmd of this.rest) {
      if (count++ >= cap) return;
      yield cmd;
    }
  }

  /**
   * The planned start, then fast-check's own text of its commands: those that ran, and the replay
   * path it writes after them (`/*replayPath="…"*\/`, which `run --path` needs to replay a shrunk
   * sequence).
   */
  toString(): string {
    const start = this.prefix.slice(0, this.max).map((cmd) => cmd.toString());
    const rest = this.rest.toString();
    return [...start, ...(rest === '' ? [] : [rest])].join(',');
  }
}
