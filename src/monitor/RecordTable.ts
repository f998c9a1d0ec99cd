import { valuesId, type Values } from './AbstractState.ts';

/** Records numbered below this are kept in the array; later ones (a very long process) in a map. */
const ARRAY_LIMIT = 1 << 16;

/**
 * Entries by value record. Records are interned and numbered (`valuesId`), so an entry is found
 * by the record's number in an array: no hashing of the record, as a map keyed by it would do at
 * every look-up (the monitor looks up several per step).
 */
export class RecordTable<T> {
  private readonly byId: (T | undefined)[] = [];
  private readonly overflow = new Map<number, T>();
  private count = 0;

  /** How many records have an entry (what a bounded cache clears by). */
  get size(): number {
    return this.count;
  }

  /** The entry of `values`, if any. */
  get(values: Values): T | undefined {
    const id = valuesId(values);
    return id < ARRAY_LIMIT ? this.byId[id] : this.overflow.get(id);
  }

  /** Sets the entry of `values`. */
  set(values: Values, entry: T): void {
    const id = valuesId(values);
    if (id >= ARRAY_LIMIT) {
      if (!this.overflow.has(id)) this.count++;
      this.overflow.set(id, entry);
      return;
    }
    // Grown one slot at a time, so the array never has holes (holes would make it a dictionary).
    while (this.byId.length <= id) this.byId.push(undefined);
    if (this.byId[id] === undefined) this.count++;
    this.byId[id] = entry;
  }

  /** Forgets every entry. */
  clear(): void {
    this.byId.length = 0;
    this.overflow.clear();
    this.count = 0;
  }
}
