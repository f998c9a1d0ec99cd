import { BREADTH_MUTANT_SCENARIOS } from './breadthMutantScenarios.testkit.ts';
import type { MutantName } from './mutants.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import { NAIVE_MUTANT_SCENARIOS } from './naiveMutantScenarios.testkit.ts';
import { STATE_MUTANT_SCENARIOS } from './stateMutantScenarios.testkit.ts';
import { UPDATE_MUTANT_SCENARIOS } from './updateMutantScenarios.testkit.ts';
import { VERSION_MUTANT_SCENARIOS } from './versionMutantScenarios.testkit.ts';
import { ALIAS_MUTANT_SCENARIOS } from './aliasMutantScenarios.testkit.ts';

/**
 * @internal One scenario per mutant, drawn from the themed files; the mapped type makes a
 * mutant without a scenario a type error.
 */
export const MUTANT_SCENARIOS: { readonly [K in MutantName]: MutantScenario } = {
  ...UPDATE_MUTANT_SCENARIOS,
  ...STATE_MUTANT_SCENARIOS,
  ...NAIVE_MUTANT_SCENARIOS,
  ...BREADTH_MUTANT_SCENARIOS,
  ...VERSION_MUTANT_SCENARIOS,
  ...ALIAS_MUTANT_SCENARIOS,
};
