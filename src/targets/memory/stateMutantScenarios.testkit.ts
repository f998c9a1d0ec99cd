import type { MutantName } from './mutants.ts';
import {
  CONFLICT,
  textContaining,
  configOf,
  inactiveZip,
  invokeOutcome,
  STATE_MEMBERS,
  updateCode,
} from './MutantScenario.testkit.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import {
  activeZip,
  createImage,
  createZip,
  env,
  outcome,
  TEST_TIMING,
} from './simulation.testkit.ts';

const { provisionMs, reactivateMs } = TEST_TIMING;

/** @internal Scenarios of the mutants that break State rules (Pending, Inactive, Failed, listing, deletion). */
export const STATE_MUTANT_SCENARIOS = {
  'invoke-while-pending': {
    run: (f) => (createZip(f, 'f', 4, 5), { invoke: invokeOutcome(f) }),
    faithful: { invoke: { ...CONFLICT, message: textContaining('state: Pending') } },
    mutated: { invoke: { ok: { code: 4, config: 5 } } },
  },
  'create-says-active': {
    run: (f) => {
      const created = createZip(f, 'f');
      return {
        said: created.State,
        reason: created.StateReasonCode ?? 'absent',
        read: configOf(f).State,
      };
    },
    faithful: { said: 'Pending', reason: 'Creating', read: 'Pending' },
    mutated: { said: 'Active', reason: 'absent', read: 'Pending' },
  },
  'inactive-first-invoke-succeeds': {
    run: (f) => (inactiveZip(f), { invoke: invokeOutcome(f), state: configOf(f).State }),
    faithful: {
      invoke: { error: 'CodeArtifactUserPendingException', status: 409 },
      state: 'Pending',
    },
    mutated: { invoke: { ok: { code: 1 } }, state: 'Active' },
  },
  'list-carries-state': {
    run: (f) => {
      activeZip(f, 'f');
      const listed = f.sim.listFunctions().Functions[0] ?? {};
      return { stateMembers: STATE_MEMBERS.filter((key) => key in listed) };
    },
    faithful: { stateMembers: [] },
    mutated: { stateMembers: ['State', 'LastUpdateStatus'] },
  },
  'image-refused-while-pending': {
    run: (f) => (createImage(f, 'i', 3), { invoke: invokeOutcome(f, 'i') }),
    faithful: { invoke: { ok: { code: 3 } } },
    mutated: { invoke: CONFLICT },
  },
  'create-has-last-update-status': {
    run: (f) => ({ created: createZip(f, 'f').LastUpdateStatus ?? 'absent' }),
    faithful: { created: 'absent' },
    mutated: { created: 'Successful' },
  },
  'pending-update-accepted': {
    run: (f) => {
      createZip(f, 'f');
      const update = outcome(() => updateCode(f, 2).LastUpdateStatus);
      f.advance(provisionMs);
      return { update, ran: invokeOutcome(f) };
    },
    faithful: { update: CONFLICT, ran: { ok: { code: 1 } } },
    mutated: { update: { ok: 'InProgress' }, ran: { ok: { code: 2 } } },
  },
  'pending-refused-config-stored': {
    run: (f) => {
      createZip(f, 'f', 1, 1);
      const update = outcome(
        () => f.sim.updateFunctionConfiguration('f', { Environment: env(2) }).LastUpdateStatus,
      );
      const shown = configOf(f).Environment;
      f.advance(provisionMs);
      return { update, shown, ran: invokeOutcome(f) };
    },
    faithful: { update: CONFLICT, shown: env(1), ran: { ok: { code: 1, config: 1 } } },
    mutated: { update: CONFLICT, shown: env(2), ran: { ok: { code: 1, config: 2 } } },
  },
  'failed-reactivation-fails': {
    run: (f) => (
      inactiveZip(f),
      f.sim.inject('provisioning-failure', 'f'),
      invokeOutcome(f),
      f.advance(reactivateMs),
      { state: configOf(f).State }
    ),
    faithful: { state: 'Inactive' },
    mutated: { state: 'Failed' },
  },
  'image-deleted-invokes': {
    run: (f) => (
      createImage(f, 'i', 2),
      f.advance(provisionMs),
      f.sim.inject('image-deleted', 'i'),
      { invoke: invokeOutcome(f, 'i') }
    ),
    faithful: { invoke: { ...CONFLICT, message: textContaining('state: Failed') } },
    mutated: { invoke: { ok: { code: 2 } } },
  },
  'deleted-still-found': {
    run: (f) => {
      activeZip(f, 'f');
      f.sim.deleteFunction('f');
      const first = outcome(() => configOf(f).State);
      return { first, second: outcome(() => configOf(f).State) };
    },
    faithful: {
      first: { error: 'ResourceNotFoundException' },
      second: { error: 'ResourceNotFoundException' },
    },
    mutated: { first: { ok: 'Active' }, second: { error: 'ResourceNotFoundException' } },
  },
  'pending-conflict-wrong-type': {
    run: (f) => {
      createZip(f, 'f');
      const update = outcome(() => f.sim.updateFunctionConfiguration('f', { Environment: env(2) }));
      return { update, publish: outcome(() => f.sim.publishVersion('f', {})) };
    },
    faithful: {
      update: { ...CONFLICT, message: textContaining("'Pending'") },
      publish: CONFLICT,
    },
    mutated: {
      update: {
        error: 'InvalidParameterValueException',
        status: 400,
        message: textContaining("'Pending'"),
      },
      publish: CONFLICT,
    },
  },
} satisfies Partial<Record<MutantName, MutantScenario>>;
