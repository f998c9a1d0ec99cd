import type { Operation, PackageType } from '../lambda/Operation.ts';

/** A well-formed version-4 UUID no simulation issues (its ids are hashes; this one is not). */
export const NEVER_ISSUED_REVISION_ID = '00000000-0000-4000-8000-000000000000';

/** The operations whose answer may name a version they published. */
const PUBLISHING: ReadonlySet<string> = new Set([
  'CreateFunction',
  'UpdateFunctionCode',
  'PublishVersion',
]);

/** Where a session's functions live and how their images are named. */
export interface SessionBookOptions {
  readonly runId: string;
  readonly region: string;
  readonly accountId: string;
  /** Repository for Image functions' URIs; default `imageUriFor`'s. */
  readonly imageRepository?: string;
}

/**
 * What one session remembers to turn abstract operations into real requests: real function names
 * (`fn0` → `lc-<runId>-fn0`), each function's package type, every $LATEST RevisionId it observed
 * (to send a stale one on purpose), the latest published version it saw (what `qualifier: version`
 * addresses) and a counter for tag values. Both the memory and the aws target
 * keep one per session, so they send the same stale RevisionIds and tags (the aws target names its
 * functions itself).
 */
export class SessionBook {
  readonly options: SessionBookOptions;
  readonly #packageTypes = new Map<string, PackageType>();
  readonly #revisions = new Map<string, string[]>();
  readonly #versions = new Map<string, number>();
  #tags = 0;

  constructor(options: SessionBookOptions) {
    this.options = options;
  }

  /** The real name of logical function `fn`. */
  realName(fn: string): string {
    return `lc-${this.options.runId}-${fn}`;
  }

  /** The real unqualified ARN of logical function `fn`. */
  arnOf(fn: string): string {
    const { region, accountId } = this.options;
    return `arn:aws:lambda:${region}:${accountId}:function:${this.realName(fn)}`;
  }

  /** Records the package type `fn` was created with. */
  rememberPackageType(fn: string, packageType: PackageType): void {
    this.#packageTypes.set(fn, packageType);
  }

  /** The package type `fn` was created with; `Zip` for a function this session never created. */
  packageTypeOf(fn: string): PackageType {
    return this.#packageTypes.get(fn) ?? 'Zip';
  }

  /** Records a $LATEST RevisionId observed for `fn`. */
  observeRevision(fn: string, revisionId: string): void {
    const seen = this.#revisions.get(fn);
    if (seen === undefined) this.#revisions.set(fn, [revisionId]);
    else if (seen.at(-1) !== revisionId) seen.push(revisionId);
  }

  /**
   * A RevisionId known not to be `fn`'s latest: the first one observed if a different one was
   * observed since, otherwise {@link NEVER_ISSUED_REVISION_ID}.
   */
  staleRevision(fn: string): string {
    const seen = this.#revisions.get(fn) ?? [];
    const first = seen[0];
    if (first !== undefined && seen.some((id) => id !== first)) return first;
    return NEVER_ISSUED_REVISION_ID;
  }

  /**
   * Records what a successful answer of `op` says about its function's published versions: a
   * CreateFunction or an unqualified DeleteFunction starts afresh (a new function has none); an
   * answer with a numeric `Version` (PublishVersion, or a call with Publish) names a published
   * version, remembered when it is higher than the one known (an answer naming an older version
   * published nothing).
   */
  observeVersion(op: Operation, response: unknown): void {
    const qualifier = op.args['qualifier'];
    const qualified = qualifier !== undefined && qualifier !== 'none';
    if (op.name === 'CreateFunction' || (op.name === 'DeleteFunction' && !qualified)) {
      this.#versions.delete(op.fn);
    }
    if (!PUBLISHING.has(op.name)) return;
    const version = (response as { Version?: unknown } | undefined)?.Version;
    if (typeof version !== 'string' || !/^[0-9]+$/.test(version)) return;
    const number = Number(version);
    if (number > (this.#versions.get(op.fn) ?? 0)) this.#versions.set(op.fn, number);
  }

  /** The latest published version of `fn` this session knows, as a qualifier; none: undefined. */
  latestVersion(fn: string): string | undefined {
    const known = this.#versions.get(fn);
    return known === undefined ? undefined : String(known);
  }

  /** A fresh tag value: `'1'`, `'2'`, … */
  nextTag(): string {
    this.#tags += 1;
    return String(this.#tags);
  }
}
