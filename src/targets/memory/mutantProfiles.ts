import { MUTANTS } from './mutants.ts';
import type { MutantName } from './mutants.ts';

/**
 * A named set of mutants that together play one kind of emulator: `--mutant naive` (or a scenario's
 * `mutants: [naive]`) switches all of them on.
 */
export interface MutantProfile {
  readonly name: string;
  readonly description: string;
  readonly mutants: readonly MutantName[];
}

/** Every profile, in catalogue order. No profile shares a name with a mutant. */
export const MUTANT_PROFILES = [
  {
    name: 'naive',
    description:
      'An emulator without a lifecycle: functions Active at once, no RevisionId, updates done at once, no state conflicts, Invoke of a missing function answers 200, ListFunctions carries state.',
    mutants: [
      'create-active-at-once',
      'no-revision-id',
      'updates-complete-at-once',
      'no-conflicts',
      'invoke-missing-answers-200',
      'list-carries-state',
    ],
  },
] as const satisfies readonly MutantProfile[];

/** The name of one profile in {@link MUTANT_PROFILES}: what `--mutant` takes besides mutant names. */
export type MutantProfileName = (typeof MUTANT_PROFILES)[number]['name'];

/** The profile names (`naive`), in catalogue order: for a test that runs a suite against each. */
export const MUTANT_PROFILE_NAMES: readonly MutantProfileName[] = MUTANT_PROFILES.map(
  (p) => p.name,
);

const PROFILES: ReadonlyMap<string, readonly MutantName[]> = new Map(
  MUTANT_PROFILES.map((p) => [p.name, p.mutants]),
);

/** Every name `--mutant` accepts: the mutants, then the profiles (for "did you mean"). */
export const MUTANT_AND_PROFILE_NAMES: readonly string[] = [
  ...MUTANTS.map((m) => m.name),
  ...MUTANT_PROFILES.map((p) => p.name),
];

/**
 * The names with each profile replaced by its mutants, in order, each name once. Other names are
 * kept as given: whoever opens the target checks them (and suggests a near name).
 */
export function expandMutants(names: Iterable<string>): string[] {
  const expanded = new Set<string>();
  for (const name of names) {
    for (const m of PROFILES.get(name) ?? [name]) expanded.add(m);
  }
  return [...expanded];
}
