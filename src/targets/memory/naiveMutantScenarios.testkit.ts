import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import type { MutantName } from './mutants.ts';
import { CONFLICT, configOf, invokeOutcome, updateCode } from './MutantScenario.testkit.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import { activeZip, createZip, outcome, TEST_TIMING } from './simulation.testkit.ts';
import type { Fixture } from './simulation.testkit.ts';

const { provisionMs, updateMs } = TEST_TIMING;

const NOT_FOUND = { error: 'ResourceNotFoundException', status: 404 } as const;

/** Whether each answer that describes function `f` carries a RevisionId, in a fixed order. */
function revisionCarried(f: Fixture): boolean[] {
  const created = createZip(f, 'f');
  f.advance(provisionMs);
  const answers = [
    created,
    configOf(f),
    f.sim.getFunction('f').Configuration,
    updateCode(f, 2),
    f.sim.listVersionsByFunction('f').Versions[0] ?? {},
    f.sim.listFunctions().Functions[0] ?? {},
  ];
  return answers.map((a) => 'RevisionId' in a);
}

/** @internal Scenarios of the mutants the `naive` profile adds (an emulator without lifecycle). */
export const NAIVE_MUTANT_SCENARIOS = {
  'create-active-at-once': {
    run: (f) => {
      const created = createZip(f, 'f');
      return {
        said: created.State,
        status: created.LastUpdateStatus ?? 'absent',
        read: configOf(f).State,
        invoke: invokeOutcome(f),
      };
    },
    faithful: { said: 'Pending', status: 'absent', read: 'Pending', invoke: CONFLICT },
    mutated: { said: 'Active', status: 'Successful', read: 'Active', invoke: { ok: { code: 1 } } },
  },
  'no-revision-id': {
    run: (f) => {
      const carried = revisionCarried(f);
      f.advance(updateMs);
      // Requests are still checked: a RevisionId that is not the latest is refused.
      const stale = outcome(() =>
        f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(3), RevisionId: 'stale' }),
      );
      return { carried, stale };
    },
    faithful: {
      carried: [true, true, true, true, true, true],
      stale: { error: 'PreconditionFailedException', status: 412 },
    },
    mutated: {
      carried: [false, false, false, false, false, false],
      stale: { error: 'PreconditionFailedException', status: 412 },
    },
  },
  'updates-complete-at-once': {
    run: (f) => {
      activeZip(f, 'f', 1);
      const answered = updateCode(f, 2).LastUpdateStatus;
      return { answered, read: configOf(f).LastUpdateStatus, ran: invokeOutcome(f) };
    },
    faithful: { answered: 'InProgress', read: 'InProgress', ran: { ok: { code: 1 } } },
    mutated: { answered: 'Successful', read: 'Successful', ran: { ok: { code: 2 } } },
  },
  'no-conflicts': {
    run: (f) => (
      createZip(f, 'f', 1),
      {
        invoke: invokeOutcome(f),
        update: outcome(() => updateCode(f, 2).LastUpdateStatus),
        publish: outcome(() => f.sim.publishVersion('f', {}).Version),
      }
    ),
    faithful: { invoke: CONFLICT, update: CONFLICT, publish: CONFLICT },
    mutated: { invoke: { ok: { code: 1 } }, update: { ok: 'InProgress' }, publish: { ok: '1' } },
  },
  'invoke-missing-answers-200': {
    run: (f) => ({
      invoke: outcome(() => f.sim.invoke('missing', undefined, '{}').StatusCode),
      read: outcome(() => configOf(f, 'missing')),
    }),
    faithful: { invoke: NOT_FOUND, read: NOT_FOUND },
    mutated: { invoke: { ok: 200 }, read: NOT_FOUND },
  },
} satisfies Partial<Record<MutantName, MutantScenario>>;
