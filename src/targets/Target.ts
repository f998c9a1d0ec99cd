import type { Observation } from '../lambda/Observation.ts';
import type { Operation, PackageType } from '../lambda/Operation.ts';
import type { EventName } from '../lambda/catalogue.ts';

/**
 * What an environment event request came to:
 * - `applied`: the environment took it (a 2xx, or a simulation);
 * - `refused`: the environment answered that it did not apply it (a 4xx: no such function, an
 *   event that does not fit the function); `detail` says how;
 * - `inconclusive`: it may or may not have applied (a 5xx, a network error, a timeout).
 */
export type InjectOutcome =
  | { readonly kind: 'applied' }
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'inconclusive'; readonly reason: string };

/** What a target can do, declared up front so the generator leaves out what it cannot. */
export interface Capabilities {
  /** `advance(ms)` moves a virtual clock instantly (memory). Otherwise it really waits. */
  readonly virtualTime: boolean;
  /** Environment events `inject` supports. */
  readonly events: readonly EventName[];
  /** Package types `CreateFunction` may use. */
  readonly packageTypes: readonly PackageType[];
  /** Whether invocations really run the deployed handler, so `ranCode`/`ranConfig` are observable. */
  readonly observesCode: boolean;
}

/** Delays (ms) a simulation uses; the generator chooses them so shrinking also covers timing. */
export interface Timing {
  readonly provisionMs: number;
  readonly updateMs: number;
  readonly versionMs: number;
  readonly reactivateMs: number;
}

/** Everything a session needs to know about the run that opens it. */
export interface SessionContext {
  /** Unique per run; real targets put it in names and tags. */
  readonly runId: string;
  /** Delays for simulated targets; others ignore them. */
  readonly timing: Timing;
  /** Aborted when the run is interrupted: a session stops waiting and lets `close()` clean up. */
  readonly signal?: AbortSignal;
}

/**
 * A system that speaks the Lambda API. Each property run opens a fresh session from `open`, so runs,
 * shrinks and replays never share state.
 *
 * An implementation must never read or interpret the spec (the simulation would then be checked
 * against itself), and must never touch a function it did not create.
 */
export interface Target {
  readonly name: string;
  readonly capabilities: Capabilities;
  open(ctx: SessionContext): Promise<TargetSession>;
  /**
   * Aborted when the target has stopped answering for good (an endpoint that went away mid-run),
   * with an Error saying why as its reason: the run then stops, inconclusive, with its report.
   * Never aborted for trouble that retries ride out (throttling, a short outage, slow answers).
   */
  readonly gone?: AbortSignal;
}

/** How one `apply` call differs from the session's defaults. */
export interface ApplyOptions {
  /**
   * Replaces the session's signal for this call. The last read a run makes after its time budget
   * stopped a sequence (to decide a pending transition) must still reach the target: it passes a
   * signal of its own, with its own short timeout.
   */
  readonly signal?: AbortSignal;
  /**
   * For an SDK waiter (`Wait*`): the longest it may poll, in ms, when shorter than its own budget
   * (FunctionActiveV2's 300 checks, one a second). Polling stops there with TIMEOUT, as at its
   * budget. The runner sets it on real time where the rest of the budget could not change what a
   * faithful target's waiter ends with (see the runner's `waiterCapMs`); a virtual clock, whose
   * polling costs nothing, may ignore it.
   */
  readonly waitMs?: number;
}

/**
 * One run's connection to a target.
 *
 * `apply` never throws for a service answer: refusals are `error` observations and infrastructure
 * trouble is `inconclusive`. `close` deletes everything the session created, even after an abort.
 */
export interface TargetSession {
  apply(op: Operation, options?: ApplyOptions): Promise<Observation>;
  /**
   * Moves time forward by `ms`: instantly on a virtual clock, by really waiting otherwise. A real
   * wait ends early, without an error, when the session's signal aborts.
   */
  advance(ms: number): Promise<void>;
  /**
   * Injects an environment event for one logical function; only events in `capabilities.events`.
   * Never throws for the environment's answer: a refusal or a failed request is the outcome.
   */
  inject?(event: EventName, fn: string): Promise<InjectOutcome>;
  /** Target time in ms (virtual or wall clock), monotonic within the session. */
  now(): number;
  close(): Promise<void>;
}
