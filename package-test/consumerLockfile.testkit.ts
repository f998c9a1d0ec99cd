/**
 * @internal A package-lock.json for a consumer project, cut from this repository's own lockfile, so
 * `npm ci --offline` installs the packed tarball and the consumer's tools from the npm cache that
 * this repository's `npm ci` filled: exactly the versions locked here, nothing resolved anew.
 */

/** One `packages` entry of a lockfile (v3), the fields this reads. */
export interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly [field: string]: unknown;
}

/** A lockfile (v3). */
export interface Lockfile {
  readonly name?: string;
  readonly lockfileVersion: number;
  readonly requires?: boolean;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** What the consumer depends on: the tarball, and packages locked in this repository. */
export interface ConsumerDependencies {
  /** The packed package's own package.json (dependencies, peers, bin, engines). */
  readonly packed: LockEntry & { readonly name: string; readonly version: string };
  /** `file:` spec of the tarball, relative to the consumer, and its sha512 SRI integrity. */
  readonly tarball: { readonly spec: string; readonly integrity: string };
  /** Dev dependencies of the consumer, by name, at the versions this repository locks. */
  readonly devDependencies: readonly string[];
  /** The registry the tarball URLs point at (`npm config get registry`). */
  readonly registry: string;
}

/** The directory that `path` (`node_modules/a/node_modules/b`) was resolved from: `node_modules/a`. */
function parentOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  return at <= 0 ? '' : path.slice(0, at - 1);
}

/** Node's lookup of `name` from the package at `from`: its own node_modules, then each ancestor's. */
function resolveIn(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    base = parentOf(base);
  }
}

function tarballUrl(registry: string, path: string, version: string): string {
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const base = name.slice(name.lastIndexOf('/') + 1);
  return `${registry.replace(/\/?$/, '/')}${name}/-/${base}-${version}.tgz`;
}

function edges(entry: LockEntry): string[] {
  const peers = Object.keys(entry.peerDependencies ?? {}).filter(
    (name) => entry.peerDependenciesMeta?.[name]?.optional !== true,
  );
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...peers,
  ];
}

/**
 * The consumer's package.json and lockfile: the tarball as a `file:` dependency, the dev
 * dependencies at this repository's locked versions, and every package they need, copied from
 * `source` at the same places in the tree (so Node's lookup finds the same versions) with registry
 * tarball URLs. Throws when a needed package is not in `source`.
 */
export function consumerLockfile(
  source: Lockfile,
  deps: ConsumerDependencies,
): { packageJson: Record<string, unknown>; lockfile: Lockfile } {
  const packages = source.packages;
  const devDependencies: Record<string, string> = {};
  for (const name of deps.devDependencies) {
    const version = packages[`node_modules/${name}`]?.version;
    if (version === undefined) throw new Error(`${name} is not in this repository's lockfile`);
    devDependencies[name] = version;
  }
  const root = {
    name: 'lc-consumer',
    version: '1.0.0',
    private: true,
    type: 'module',
    dependencies: { [deps.packed.name]: deps.tarball.spec },
    devDependencies,
  };
  const out: Record<string, LockEntry> = {
    '': {
      name: root.name,
      version: root.version,
      dependencies: root.dependencies,
      devDependencies,
    },
  };
  const pending: [from: string, name: string][] = [
    ...edges(deps.packed).map((name): [string, string] => [
      `node_modules/${deps.packed.name}`,
      name,
    ]),
    ...deps.devDependencies.map((name): [string, string] => ['', name]),
  ];
  const fromPacked = `node_modules/${deps.packed.name}`;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [from, name] = next;
    // The packed package sits at the top of the consumer's tree, like the root here.
    const path = resolveIn(packages, from === fromPacked ? '' : from, name);
    if (path === undefined)
      throw new Error(`${name} (needed by ${from || 'the consumer'}) is not locked here`);
    if (out[path] !== undefined) continue;
    const entry = packages[path];
    if (entry === undefined || entry.version === undefined) throw new Error(`${path}: no version`);
    // Whether a package is dev-only differs between this repository and the consumer: npm
    // derives it again from the tree.
    const kept = Object.fromEntries(
      Object.entries(entry).filter(([field]) => field !== 'dev' && field !== 'devOptional'),
    );
    out[path] = { ...kept, resolved: tarballUrl(deps.registry, path, entry.version) };
    for (const dep of edges(entry)) pending.push([path, dep]);
  }
  const packedFields = Object.fromEntries(
    Object.entries(deps.packed).filter(([field]) => field !== 'name' && field !== 'version'),
  );
  out[fromPacked] = {
    version: deps.packed.version,
    resolved: deps.tarball.spec,
    integrity: deps.tarball.integrity,
    ...packedFields,
  };
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  return {
    packageJson: root,
    lockfile: { name: root.name, lockfileVersion: 3, requires: true, packages: sorted },
  };
}
