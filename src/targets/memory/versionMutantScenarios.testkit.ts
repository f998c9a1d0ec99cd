import type { MutantName } from './mutants.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import { updateCode } from './MutantScenario.testkit.ts';
import { activeZip, outcome, ran } from './simulation.testkit.ts';

/** @internal Scenarios of the mutants that break the rules of published versions. */
export const VERSION_MUTANT_SCENARIOS = {
  'version-runs-latest': {
    run: (f) => {
      activeZip(f, 'f', 1, 2);
      const { Version } = f.sim.publishVersion('f', {});
      f.advance(60_000);
      updateCode(f, 3);
      f.advance(60_000);
      const version = outcome(() => ran(f.sim.invoke('f', Version, '{}')));
      const latest = outcome(() => ran(f.sim.invoke('f', undefined, '{}')));
      return { version, latest };
    },
    faithful: { version: { ok: { code: 1, config: 2 } }, latest: { ok: { code: 3, config: 2 } } },
    mutated: { version: { ok: { code: 3, config: 2 } }, latest: { ok: { code: 3, config: 2 } } },
  },
} satisfies Partial<Record<MutantName, MutantScenario>>;
