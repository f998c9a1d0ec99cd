import type { Strictness } from '../spec/strictness.ts';
import type { Shard } from '../options/OptionTable.ts';

export type { Shard } from '../options/OptionTable.ts';

/**
 * The options of one conformance run, typed: what `lambda-conformance run` reads from its flags
 * (once, in `cli/`) and what the API's `runConformance` receives as is. Each one overrides the
 * scenario file; what is left out comes from the scenario, then the defaults. Numbers are numbers,
 * durations milliseconds. Paths are kept as given (messages and records show them so) and resolved
 * against the working directory once, by `resolveRun`.
 *
 * Every field has one entry in {@link RUN_OPTION_TABLE} (`runOptionTable.ts`): its flag, the kind
 * of its value, what values are allowed, and its help line.
 */
export interface RunOptions {
  /** `--spec`: the spec to check, instead of the one the scenario names. */
  readonly spec?: string;
  /** `--target`: `memory` (the built-in simulation) or `aws` (an endpoint, the emulator, real AWS). */
  readonly target?: string;
  /** `--endpoint`: the Lambda endpoint URL, or `emulator` to start the built-in emulator for the run. */
  readonly endpoint?: string;
  /**
   * `--mutant`: simulated emulator bugs to switch on (memory target and emulator); a profile name
   * (`naive`) stands for its mutants.
   */
  readonly mutants?: readonly string[];
  /** `--reading`: which spec reading to check where the documents contradict each other. */
  readonly reading?: string;
  /**
   * `--strictness`: `all` (default) enforces every rule; `documented` enforces only documented and
   * recorded rules and reports what breaks an inferred one as information (for real AWS).
   */
  readonly strictness?: Strictness;
  /** `--runs`: generated sequences (fast-check runs), an integer >= 1. */
  readonly runs?: number;
  /** `--seed`: fast-check seed, an integer >= 0; the same seed replays the same sequences. */
  readonly seed?: number;
  /**
   * `--path`: a fast-check path, as a run prints it beside a divergence's seed (`12:0:3`). With that
   * seed, the run replays exactly the sequence at the path, once, stopped at its first divergence
   * (not shrunk further), and reports that one; runs, concurrency and shard do not apply, and saved
   * regressions are not replayed first.
   */
  readonly path?: string;
  /** `--max-commands`: most commands per generated sequence, an integer >= 1. */
  readonly maxCommands?: number;
  /** `--time-budget`: stop generating after this many milliseconds; what ran is still reported. */
  readonly timeBudget?: number;
  /** `--concurrency`: independent runs kept in flight (targets without virtual time), >= 1. */
  readonly concurrency?: number;
  /** `--shard`: which deterministic part of the runs to do, `{ index: 2, count: 4 }`. */
  readonly shard?: Shard;
  /** `--out`: the directory the reporters write into. */
  readonly out?: string;
  /** `--reporter`: which reporters run (`console`, `json`, `junit`, `markdown`). */
  readonly reporters?: readonly string[];
  /**
   * `--min-coverage`: the share (0–100) of spec rules and transitions that must be exercised; the
   * record then carries `coverageGate`, and `exitCodeOf` is 1 when it failed.
   */
  readonly minCoverage?: number;
  /** `--regressions`: where counterexamples are saved and replayed from. */
  readonly regressions?: string;
  /**
   * `--bail`: stop at the first divergence and shrink it, as vitest's `--bail` stops at the first
   * failure. Default false: every divergence is re-anchored past, and each distinct one (rule and
   * category) is shrunk on its own and reported.
   */
  readonly bail?: boolean;
  /**
   * `--no-save` when false. Default true: a divergence is saved as a counterexample and saved ones
   * are replayed first; false does neither.
   */
  readonly save?: boolean;
  /** `--record`: write a JSON Lines trace of every step to this file. */
  readonly record?: string;
  /** `--mask-account`: mask account ids in the `record` trace. */
  readonly maskAccount?: boolean;
  /**
   * `--baseline`: a known-divergence baseline file; the divergences it lists are marked `baselined`
   * in the record and no longer fail it; entries that no longer diverge (stale) fail it.
   */
  readonly baseline?: string;
  /** `--write-baseline`: write this run's divergences to this file as a baseline. */
  readonly writeBaseline?: string;
  /** `--allow-account`: account ids a real-AWS run may touch. */
  readonly allowAccounts?: readonly string[];
  /** `--role`: the execution role ARN of the functions a real-AWS run creates. */
  readonly role?: string;
  /** `--region`: the aws target's region (in ARNs and requests), instead of the scenario's. */
  readonly region?: string;
  /**
   * `--events`: a YAML or JSON file mapping environment events to HTTP requests on an emulator's
   * control API (the form of a scenario's `target.events`); replaces the scenario's mapping.
   */
  readonly events?: string;
  /**
   * `--runtime`: the runtime of the Zip functions an aws run creates, a Node.js runtime identifier
   * (`nodejs24.x`, the default, or `nodejs22.x`); the conformance handler is async-only.
   */
  readonly runtime?: string;
}
