import { HarnessError } from '../errors/HarnessError.ts';
import type { ScenarioTarget } from '../spec/Scenario.ts';
import { didYouMean as hint } from '../errors/didYouMean.ts';
import type { Target } from '../targets/Target.ts';
import { excerpt } from '../errors/excerpt.ts';

/** A target ready for a run, what the record says about it, and how to release what it started. */
export interface OpenedTarget {
  readonly target: Target;
  readonly info: {
    readonly name: string;
    readonly mutants: readonly string[];
    readonly endpoint?: string;
  };
  /** Preflight checks before any function is created (real-account safety); may throw HarnessError. */
  preflight(): Promise<void>;
  /** Stops what the target started for the run (an emulator server). */
  dispose(): Promise<void>;
}

/**
 * The target names `--target` accepts.
 *
 * @internal Exported for tests only.
 */
export const TARGET_NAMES = ['memory', 'aws'] as const;

function didYouMean(name: string, known: readonly string[]): string {
  const text = hint(name, known);
  return text === undefined ? '' : ` ${text}`;
}

/**
 * The mutants that `names` (mutants and profiles, from `--mutant` or a scenario) switch on, each
 * profile expanded, in order, each once: what the run switches on and its record names.
 *
 * @throws HarnessError `UNKNOWN_MUTANT` for a name that is neither, with the nearest known name.
 */
export async function resolveMutantNames(names: readonly string[]): Promise<string[]> {
  const { isMutantName } = await import('../targets/memory/mutants.ts');
  const { expandMutants, MUTANT_AND_PROFILE_NAMES } =
    await import('../targets/memory/mutantProfiles.ts');
  const expanded = expandMutants(names);
  for (const m of expanded) {
    if (!isMutantName(m)) {
      throw new HarnessError(
        'UNKNOWN_MUTANT',
        `--mutant: unknown mutant '${excerpt(m)}'.${didYouMean(m, MUTANT_AND_PROFILE_NAMES)} Run 'lambda-conformance mutants --list' for the catalogue.`,
      );
    }
  }
  return expanded;
}

/**
 * Builds the target a scenario names. The aws target and emulator are imported lazily so that a
 * memory run never loads the AWS SDK (start-up time).
 */
export async function openTarget(options: ScenarioTarget, reading: string): Promise<OpenedTarget> {
  switch (options.name) {
    case 'memory': {
      const { createMemoryTarget } = await import('../targets/memory/MemoryTarget.ts');
      const { isMutantName } = await import('../targets/memory/mutants.ts');
      const mutants = await resolveMutantNames(options.mutants ?? []);
      const valid = mutants.filter(isMutantName);
      // Where the documents contradict each other, the simulation follows the run's reading.
      const imagePendingInvoke =
        options.imagePendingInvoke ?? (reading === 'current' ? 'refuse' : 'allow');
      return {
        target: createMemoryTarget({ mutants: valid, imagePendingInvoke }),
        info: { name: 'memory', mutants },
        preflight: () => Promise.resolve(),
        dispose: () => Promise.resolve(),
      };
    }
    case 'aws': {
      const { openAwsTarget } = await import('./openAwsTarget.ts');
      return openAwsTarget(options, reading);
    }
    default:
      throw new HarnessError(
        'UNKNOWN_TARGET',
        `--target: unknown target '${excerpt(options.name)}'.${didYouMean(options.name, TARGET_NAMES)}`,
      );
  }
}
