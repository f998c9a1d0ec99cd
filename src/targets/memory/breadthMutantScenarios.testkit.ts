import type { MutantName } from './mutants.ts';
import { configOf } from './MutantScenario.testkit.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import { activeZip, arnOf } from './simulation.testkit.ts';

/** @internal Scenarios of the mutants that break the tag, invocation-type and waiter rules. */
export const BREADTH_MUTANT_SCENARIOS = {
  'untag-keeps-revision': {
    run: (f) => {
      activeZip(f, 'f');
      const before = configOf(f).RevisionId;
      f.sim.tagResource(arnOf('f'), { a: 'b' });
      const tagged = configOf(f).RevisionId;
      f.sim.untagResource(arnOf('f'), ['a']);
      const untagged = configOf(f).RevisionId;
      return { tagChanged: tagged !== before, untagChanged: untagged !== tagged };
    },
    faithful: { tagChanged: true, untagChanged: true },
    mutated: { tagChanged: true, untagChanged: false },
  },
} satisfies Partial<Record<MutantName, MutantScenario>>;
