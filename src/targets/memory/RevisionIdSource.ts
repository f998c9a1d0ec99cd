import { createHash } from 'node:crypto';

/**
 * Issues RevisionIds: UUID-shaped (version 4 layout) strings derived from a seed and a counter, so
 * a simulation is deterministic (no `Math.random`) and never issues the same id twice. Two sources
 * with different seeds issue different sequences; with the same seed, the same one.
 */
export class RevisionIdSource {
  readonly #seed: string;
  #counter = 0;

  constructor(seed: string) {
    this.#seed = seed;
  }

  /** The next RevisionId: never one this source issued before. */
  next(): string {
    this.#counter += 1;
    const hex = createHash('sha256')
      .update(`${this.#seed}\u0000${String(this.#counter)}`)
      .digest('hex');
    // Fixed version and variant nibbles make it a well-formed RFC 4122 version-4 UUID.
    const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      `4${hex.slice(13, 16)}`,
      `${variant}${hex.slice(17, 20)}`,
      hex.slice(20, 32),
    ].join('-');
  }

  /** How many ids this source has issued. */
  get issued(): number {
    return this.#counter;
  }
}
