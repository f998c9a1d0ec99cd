import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import type { MutantName } from './mutants.ts';
import { runWaiter } from './runWaiter.ts';
import { configOf } from './MutantScenario.testkit.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import { activeZip, arnOf, outcome } from './simulation.testkit.ts';

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
  'dry-run-invokes': {
    run: (f) => {
      activeZip(f, 'f', 2, 3);
      const dryRun = outcome(() => {
        const { StatusCode, Payload } = f.sim.invoke('f', undefined, '{}', 'DryRun');
        return { StatusCode, Payload };
      });
      return { dryRun };
    },
    faithful: { dryRun: { ok: { StatusCode: 204, Payload: '' } } },
    mutated: { dryRun: { ok: { StatusCode: 200, Payload: '{"code":2,"config":3}' } } },
  },
  'failed-update-reports-successful': {
    run: (f) => {
      activeZip(f, 'f');
      f.sim.inject('update-failure', 'f');
      f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2) });
      const waiter = runWaiter(f.sim, 'WaitFunctionUpdatedV2', 'f', (ms) => f.advance(ms));
      return { waiter: waiter.state, status: configOf(f).LastUpdateStatus };
    },
    faithful: { waiter: 'FAILURE', status: 'Failed' },
    mutated: { waiter: 'SUCCESS', status: 'Successful' },
  },
} satisfies Partial<Record<MutantName, MutantScenario>>;
