/**
 * Which real functions a session may change. A function is `owned` once this session's
 * CreateFunction succeeded for it; `uncertain` when its CreateFunction was inconclusive (it may
 * exist) until its tags confirm it. A function that was neither, e.g. one that already existed
 * under the session's name, is foreign: it is never updated, invoked, tagged or deleted.
 *
 * A deleted function stays owned: the name belongs to this run, and later calls on it must reach
 * the service to observe its 404s.
 */
export class Ownership {
  readonly #owned = new Map<string, string>();
  readonly #uncertain = new Set<string>();
  readonly #late = new Set<string>();

  /** Records a successful CreateFunction of `name`, whose ARN is `arn`. */
  created(name: string, arn: string): void {
    this.#owned.set(name, arn);
    this.#uncertain.delete(name);
  }

  /**
   * Records an inconclusive CreateFunction of `name`; `inFlight` when it was cut off while the
   * endpoint may still apply it, so that the function may appear after a first look found none.
   */
  maybeCreated(name: string, inFlight = false): void {
    if (this.#owned.has(name)) return;
    this.#uncertain.add(name);
    if (inFlight) this.#late.add(name);
  }

  /** Whether a CreateFunction of `name` was cut off in flight: a look that finds none is not final. */
  mayAppearLate(name: string): boolean {
    return this.#late.has(name) && !this.#owned.has(name);
  }

  /** Drops an uncertain name whose function turned out not to be ours (or not to exist). */
  notCreated(name: string): void {
    this.#uncertain.delete(name);
  }

  isOwned(name: string): boolean {
    return this.#owned.has(name);
  }

  /** The ARN CreateFunction answered for an owned function. */
  arnOf(name: string): string | undefined {
    return this.#owned.get(name);
  }

  /** Owned function names, in creation order. */
  ownedNames(): string[] {
    return [...this.#owned.keys()];
  }

  /** Uncertain function names. */
  uncertainNames(): string[] {
    return [...this.#uncertain];
  }
}
