import type { FunctionRecord, PublishedVersion } from './FunctionRecord.ts';

/**
 * A timed transition the simulation scheduled. Tickets let a later event cancel it (a deleted
 * image stops a pending provisioning); the record reference makes a transition of a deleted (or
 * deleted and recreated) function a no-op.
 */
export type TimedTransition =
  | { readonly kind: 'provisioned'; readonly record: FunctionRecord; readonly ticket: number }
  | { readonly kind: 'updated'; readonly record: FunctionRecord; readonly ticket: number }
  | {
      readonly kind: 'version-active';
      readonly record: FunctionRecord;
      readonly version: PublishedVersion;
    };

interface Entry {
  readonly dueAt: number;
  readonly seq: number;
  readonly transition: TimedTransition;
}

/**
 * The simulation's lazy clock work: transitions wait here with the time they are due, and the
 * simulation takes every due one, in time order (ties in scheduling order), before it answers a
 * call. Nothing runs on a timer, so the same simulation works with a virtual or a wall clock.
 */
export class Timeline {
  #entries: Entry[] = [];
  #seq = 0;

  /** Schedules `transition` to happen at `dueAt` (ms on the simulation's clock). */
  schedule(dueAt: number, transition: TimedTransition): void {
    const entry: Entry = { dueAt, seq: this.#seq++, transition };
    // Entries stay sorted; insert after every entry due at or before `dueAt`.
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.#entries[mid];
      if (other !== undefined && other.dueAt <= dueAt) low = mid + 1;
      else high = mid;
    }
    this.#entries.splice(low, 0, entry);
  }

  /** Removes and returns the earliest transition due at or before `now`, if any. */
  takeDue(now: number): TimedTransition | undefined {
    const first = this.#entries[0];
    if (first === undefined || first.dueAt > now) return undefined;
    this.#entries.shift();
    return first.transition;
  }

  /** Drops every scheduled transition. */
  clear(): void {
    this.#entries = [];
  }

  /** How many transitions are waiting. */
  get size(): number {
    return this.#entries.length;
  }
}
