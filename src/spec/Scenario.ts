import type { Strictness } from './strictness.ts';
import type { YPos } from './YNode.ts';

/**
 * A loaded scenario file (`scenarios/*.yaml`): which spec and reading to check, against which target,
 * how hard, and where the reports go. Paths are resolved relative to the scenario file. Every field a
 * file may omit is optional here; `resolveRun` (src/run/) resolves the defaults once.
 */
export interface Scenario {
  /** The scenario file itself (absolute path), or `<flags>` when built from CLI flags alone. */
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  /** Absolute path of the spec to check; undefined: the package's own spec. */
  readonly spec?: string;
  /** One of the spec's readings; the spec's default when omitted. */
  readonly reading?: string;
  /** `all` (default) or `documented`: what breaks an inferred rule is then information only. */
  readonly strictness?: Strictness;
  readonly target: ScenarioTarget;
  /** Property runs (generated sequences). */
  readonly runs?: number;
  /** Most commands per generated sequence. */
  readonly maxCommands?: number;
  readonly seed?: number;
  /** How many logical functions (`fn0`…) a sequence may address. */
  readonly functions?: number;
  /** Stop generating new runs after this long (ms); what ran is still reported. */
  readonly timeBudgetMs?: number;
  /**
   * Shorter time bounds (ms) for async transitions, by transition id (`update-completes: 3s`), for
   * an emulator whose delays are configured. Checked against the spec when the run knows it (each
   * must be an async transition's, and shorter than its documented bound); the reports show each as
   * a deviation from the documented bound.
   */
  readonly bounds?: Readonly<Record<string, number>>;
  /** Relative weight per command name (spec operations, `Wait`, `Settle`, `Inject`); 0 leaves it out. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Delay ranges (ms) the generator draws simulated timings from: `[min, max]`. */
  readonly timing?: Readonly<
    Partial<
      Record<'provisionMs' | 'updateMs' | 'versionMs' | 'reactivateMs', readonly [number, number]>
    >
  >;
  readonly reporters?: readonly string[];
  /** Absolute output directory. */
  readonly out?: string;
  /** Where the file wrote the values only a run can check (see `checkScenarioNames`). */
  readonly places?: ScenarioPlaces;
}

/** Line and column of scenario values checked after loading: the reading, mutant and reporter names. */
export interface ScenarioPlaces {
  readonly reading?: YPos;
  /** One per `target.mutants` item, in order. */
  readonly mutants?: readonly YPos[];
  /** One per `reporters` item, in order. */
  readonly reporters?: readonly YPos[];
  /** Each `bounds` key, by transition id. */
  readonly bounds?: Readonly<Record<string, YPos>>;
  /** The `out` value: a run that cannot write there names it. */
  readonly out?: YPos;
}

/** Which target to run and its options. */
export interface ScenarioTarget {
  /** `memory` or `aws` (an endpoint, the emulator, or real AWS). */
  readonly name: string;
  /** Memory target / emulator: mutants to switch on. */
  readonly mutants?: readonly string[];
  /** Memory target: `allow` (seed reading, default) or `refuse` invocations of Image functions while Pending. */
  readonly imagePendingInvoke?: 'allow' | 'refuse';
  /** aws target: endpoint URL; `emulator` starts the built-in emulator server on 127.0.0.1 for the run. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  /** aws target: IAM role ARN for created functions (real AWS needs one Lambda can assume). */
  readonly role?: string;
  /** aws target: the runtime of the Zip functions the run creates (`nodejs24.x`, the default). */
  readonly runtime?: string;
  /** aws target: whether invocations run the deployed handler (false for echoing emulators). */
  readonly observesCode?: boolean;
  /** aws target against real AWS: account ids the run may touch. */
  readonly allowAccounts?: readonly string[];
  /** aws target: per-request timeout (ms); a request that takes longer is inconclusive. */
  readonly callTimeoutMs?: number;
  /** aws target: most API calls the whole run may make. */
  readonly maxApiCalls?: number;
  /** aws target: image URIs for code revisions 1..n, enabling Image functions. */
  readonly imageUris?: readonly string[];
  /** aws target: environment events mapped to HTTP requests on an emulator's control API. */
  readonly events?: Readonly<
    Record<string, { readonly method: string; readonly url: string; readonly body?: unknown }>
  >;
  /** Emulator started by the run: simulated delays (ms). */
  readonly emulator?: {
    readonly pendingMs?: number;
    readonly updateMs?: number;
    readonly versionMs?: number;
    readonly reactivateMs?: number;
  };
}
