import { HarnessError } from '../errors/HarnessError.ts';

/**
 * Turns what identifies a code or configuration revision in a recording (a `CodeSha256`, a
 * configuration's contents) into the spec's abstract revision numbers (`code: 1..3`). The spec only
 * compares revisions for equality — the revision an update applies against the live one, the live
 * one against the latest published one — so a new identity takes the lowest number not held by the
 * deployed or the published revision, and numbers are reused once nothing compares against them.
 */
export class RevisionNumbers {
  private readonly byIdentity = new Map<string, number>();
  private deployedIdentity: string | undefined;
  private publishedIdentity: string | undefined;
  private unknown = 0;

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {
    if (max - min < 2) {
      throw new HarnessError(
        'BAD_IMPORT',
        `revision numbers ${min}..${max}: the import needs at least three (deployed, published, new)`,
      );
    }
  }

  /**
   * The identity and number of a revision; `undefined` stands for one the recording does not
   * identify (it is taken to be new).
   */
  assign(identity: string | undefined): { readonly identity: string; readonly number: number } {
    const id = identity ?? `unidentified#${++this.unknown}`;
    const known = this.byIdentity.get(id);
    if (known !== undefined) return { identity: id, number: known };
    const held = new Set(
      [this.deployedIdentity, this.publishedIdentity].flatMap((i) =>
        i === undefined ? [] : [this.byIdentity.get(i)],
      ),
    );
    for (let n = this.min; n <= this.max; n++) {
      if (held.has(n)) continue;
      for (const [other, number] of this.byIdentity) {
        if (number === n) this.byIdentity.delete(other);
      }
      this.byIdentity.set(id, n);
      return { identity: id, number: n };
    }
    throw new Error('unreachable: three numbers cannot all be held by two revisions');
  }

  /** The number of the deployed revision (the range's first before anything is deployed). */
  get deployed(): number {
    const id = this.deployedIdentity;
    return (id === undefined ? undefined : this.byIdentity.get(id)) ?? this.min;
  }

  /** Records that `identity` (from {@link assign}) is now the deployed revision. */
  deploy(identity: string): void {
    this.deployedIdentity = identity;
  }

  /** Records that the deployed revision was published. */
  publish(): void {
    this.publishedIdentity = this.deployedIdentity;
  }
}
