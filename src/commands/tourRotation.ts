import type { PlanShare } from './plannedPrefix.ts';

/**
 * How many positions a rotation of tours has: a sequence's position (its slot) is its run's index
 * from a seed, modulo this (the runner's `tourSlotOf`). A multiple of every plan share's `of`, and
 * a power of two, so that a lane seed can carry a slot in its low bits.
 */
export const TOUR_SLOTS = 4096;

/**
 * Which tour the sequence at `slot` starts with, in a rotation: of every `share.of` consecutive
 * slots the first `share.planned` start with a tour, and those slots take the `count` tours in
 * turn, so that any `share.of × count` consecutive slots start with every tour once (no tour
 * twice before every tour has come). Undefined: the sequence at `slot` starts with none.
 */
export function rotationTour(slot: number, share: PlanShare, count: number): number | undefined {
  if (count <= 0 || share.planned <= 0) return undefined;
  const position = slot % share.of;
  if (position >= share.planned) return undefined;
  const turn = Math.floor(slot / share.of) * share.planned + position;
  return turn % count;
}
