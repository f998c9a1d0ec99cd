import type { Timing } from '../Target.ts';
import { HarnessError } from '../../errors/HarnessError.ts';
import { expandMutants } from './mutantProfiles.ts';
import { isMutantName } from './mutants.ts';
import type { MutantName } from './mutants.ts';

/**
 * How Image functions answer invocations while Pending: `allow` follows the seed page ("While the
 * state is Pending, you can invoke the function"), `refuse` the current images page ("You can't
 * invoke the function until it reaches the `Active` state.").
 */
export type ImagePendingInvoke = 'allow' | 'refuse';

/** Options of a {@link LambdaSimulation}, as a caller gives them. */
export interface LambdaSimulationOptions {
  /** Current time in ms; read before every call (virtual clock or `Date.now`). */
  readonly clock: () => number;
  readonly timing: Timing;
  readonly mutants?: Iterable<MutantName>;
  /** Default `allow`, the seed document's reading. */
  readonly imagePendingInvoke?: ImagePendingInvoke;
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Default `123456789012`. */
  readonly accountId?: string;
  /** Seeds the RevisionId sequence; default `lambda-simulation`. */
  readonly revisionSeed?: string;
}

/** {@link LambdaSimulationOptions} with every default applied and every value checked. */
export interface ResolvedSimulationOptions {
  readonly clock: () => number;
  readonly timing: Timing;
  readonly mutants: ReadonlySet<MutantName>;
  readonly imagePendingInvoke: ImagePendingInvoke;
  readonly region: string;
  readonly accountId: string;
  readonly revisionSeed: string;
}

/**
 * Checks mutant names that may come from outside the type system (an HTTP control endpoint); a
 * profile name stands for its mutants.
 */
export function resolveMutants(mutants: Iterable<string>): ReadonlySet<MutantName> {
  const resolved = new Set<MutantName>();
  for (const name of expandMutants(mutants)) {
    if (!isMutantName(name)) {
      throw new HarnessError(
        'UNKNOWN_MUTANT',
        `unknown mutant '${name}'; see MUTANTS in src/targets/memory/mutants.ts (and MUTANT_PROFILES in mutantProfiles.ts) for the names`,
      );
    }
    resolved.add(name);
  }
  return resolved;
}

/** Applies the defaults and rejects timings that are not finite non-negative numbers. */
export function resolveSimulationOptions(
  options: LambdaSimulationOptions,
): ResolvedSimulationOptions {
  for (const [key, value] of Object.entries(options.timing)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new HarnessError(
        'INVALID_TIMING',
        `timing.${key} is ${String(value)}; give a finite number of milliseconds ≥ 0`,
      );
    }
  }
  return {
    clock: options.clock,
    timing: { ...options.timing },
    mutants: resolveMutants(options.mutants ?? []),
    imagePendingInvoke: options.imagePendingInvoke ?? 'allow',
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    revisionSeed: options.revisionSeed ?? 'lambda-simulation',
  };
}
