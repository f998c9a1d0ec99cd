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
 * Builds the target a scenario names. The aws target and emulator are imported lazily so that a
 * memory run never loads the AWS SDK (start-up time).
 */
export async function openTarget(options: ScenarioTarget, reading: string): Promise<OpenedTarget> {
  switch (options.name) {
    case 'memory': {
      const { createMemoryTarget } = await import('../targets/memory/MemoryTarget.ts');
      const { isMutantName, MUTANTS } = await import('../targets/memory/mutants.ts');
      const mutants = options.mutants ?? [];
      const names = MUTANTS.map((m) => m.name);
      const valid = mutants.filter(isMutantName);
      for (const m of mutants) {
        if (!isMutantName(m)) {
          throw new HarnessError(
            'UNKNOWN_MUTANT',
            `--mutant: unknown mutant '${excerpt(m)}'.${didYouMean(m, names)} Run 'lambda-conformance mutants --list' for the catalogue.`,
          );
        }
      }
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
