import type { MutantName } from './mutants.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import { activeZip, outcome } from './simulation.testkit.ts';

/** @internal Scenarios of the mutants that break the rules of aliases. */
export const ALIAS_MUTANT_SCENARIOS = {
  'delete-aliased-version': {
    run: (f) => {
      activeZip(f, 'f', 1, 1);
      const { Version } = f.sim.publishVersion('f', {});
      f.advance(60_000);
      f.sim.createAlias('f', { Name: 'live', FunctionVersion: Version ?? '1' });
      const deleted = outcome(() => f.sim.deleteFunction('f', Version));
      const listed = f.sim.listVersionsByFunction('f').Versions.length;
      return { deleted: 'error' in (deleted as object) ? 'refused' : 'ok', listed };
    },
    faithful: { deleted: 'refused', listed: 2 },
    mutated: { deleted: 'ok', listed: 1 },
  },
  'alias-ignores-revision': {
    run: (f) => {
      activeZip(f, 'f', 1, 1);
      f.sim.createAlias('f', { Name: 'live', FunctionVersion: '$LATEST' });
      const update = outcome(() =>
        f.sim.updateAlias('f', 'live', { FunctionVersion: '$LATEST', RevisionId: 'wrong' }),
      );
      return { update: (update as { status?: number }).status ?? 'ok' };
    },
    faithful: { update: 412 },
    mutated: { update: 'ok' },
  },
} satisfies Partial<Record<MutantName, MutantScenario>>;
