import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import type { MutantName } from './mutants.ts';
import { CONFLICT, configOf, invokeOutcome, updateCode } from './MutantScenario.testkit.ts';
import type { MutantScenario } from './MutantScenario.testkit.ts';
import { activeZip, arnOf, createZip, env, outcome, TEST_TIMING } from './simulation.testkit.ts';

const { provisionMs, updateMs } = TEST_TIMING;

/** @internal Scenarios of the mutants that break update, publish and RevisionId rules. */
export const UPDATE_MUTANT_SCENARIOS = {
  'update-while-updating': {
    run: (f) => {
      activeZip(f, 'f');
      updateCode(f, 2);
      const second = outcome(() => updateCode(f, 3).LastUpdateStatus);
      f.advance(updateMs);
      return { second, ran: invokeOutcome(f) };
    },
    faithful: { second: CONFLICT, ran: { ok: { code: 2 } } },
    mutated: { second: { ok: 'InProgress' }, ran: { ok: { code: 3 } } },
  },
  'publish-while-updating': {
    run: (f) => (
      activeZip(f, 'f'),
      updateCode(f, 2),
      { publish: outcome(() => f.sim.publishVersion('f', {}).Version) }
    ),
    faithful: { publish: CONFLICT },
    mutated: { publish: { ok: '1' } },
  },
  'tag-while-updating': {
    run: (f) => {
      activeZip(f, 'f');
      updateCode(f, 2);
      const tag = outcome(() => f.sim.tagResource(arnOf('f'), { a: 'b' }));
      return { tag, tags: f.sim.listTags(arnOf('f')).Tags };
    },
    faithful: { tag: CONFLICT, tags: {} },
    mutated: { tag: { ok: undefined }, tags: { a: 'b' } },
  },
  'invoke-runs-staged': {
    run: (f) => (
      activeZip(f, 'f', 1, 1),
      f.sim.updateFunctionConfiguration('f', { Environment: env(2) }),
      { ran: invokeOutcome(f) }
    ),
    faithful: { ran: { ok: { code: 1, config: 1 } } },
    mutated: { ran: { ok: { code: 1, config: 2 } } },
  },
  'failed-update-keeps-new': {
    run: (f) => {
      activeZip(f, 'f');
      f.sim.inject('update-failure', 'f');
      updateCode(f, 2);
      f.advance(updateMs);
      return { status: configOf(f).LastUpdateStatus, ran: invokeOutcome(f) };
    },
    faithful: { status: 'Failed', ran: { ok: { code: 1 } } },
    mutated: { status: 'Failed', ran: { ok: { code: 2 } } },
  },
  'stuck-in-progress': {
    run: (f) => {
      activeZip(f, 'f');
      updateCode(f, 2);
      f.advance(updateMs);
      const first = configOf(f).LastUpdateStatus;
      updateCode(f, 3);
      f.advance(100 * updateMs);
      return { first, second: configOf(f).LastUpdateStatus };
    },
    faithful: { first: 'Successful', second: 'Successful' },
    mutated: { first: 'Successful', second: 'InProgress' },
  },
  'refused-update-stored': {
    run: (f) => {
      activeZip(f, 'f', 1, 1);
      updateCode(f, 2);
      const refused = outcome(() =>
        f.sim.updateFunctionConfiguration('f', { Environment: env(5) }),
      );
      f.advance(updateMs);
      return { refused, ran: invokeOutcome(f) };
    },
    faithful: { refused: CONFLICT, ran: { ok: { code: 2, config: 1 } } },
    mutated: { refused: CONFLICT, ran: { ok: { code: 2, config: 5 } } },
  },
  'publish-duplicates-version': {
    run: (f) => (
      activeZip(f, 'f'),
      f.sim.publishVersion('f', {}),
      { again: f.sim.publishVersion('f', {}).Version }
    ),
    faithful: { again: '1' },
    mutated: { again: '2' },
  },
  'publish-freezes-created': {
    run: (f) => {
      activeZip(f, 'f', 1, 1);
      updateCode(f, 2);
      f.advance(updateMs);
      const latest = configOf(f).CodeSha256;
      const published = f.sim.publishVersion('f', {});
      return { version: published.Version, same: published.CodeSha256 === latest };
    },
    faithful: { version: '1', same: true },
    mutated: { version: '1', same: false },
  },
  'stale-revision-accepted': {
    run: (f) => {
      const stale = createZip(f, 'f').RevisionId;
      f.advance(provisionMs);
      return {
        update: outcome(
          () =>
            f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(2), RevisionId: stale })
              .LastUpdateStatus,
        ),
      };
    },
    faithful: { update: { error: 'PreconditionFailedException', status: 412 } },
    mutated: { update: { ok: 'InProgress' } },
  },
  'failed-update-sets-failed': {
    run: (f) => (
      activeZip(f, 'f'),
      f.sim.inject('update-failure', 'f'),
      updateCode(f, 2),
      f.advance(updateMs),
      { after: configOf(f) }
    ),
    faithful: { after: { State: 'Active', LastUpdateStatus: 'Failed' } },
    mutated: { after: { State: 'Failed', LastUpdateStatus: 'Failed' } },
  },
  'tag-keeps-revision': {
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
    mutated: { tagChanged: false, untagChanged: false },
  },
  'static-revision-on-transition': {
    run: (f) => {
      const created = createZip(f, 'f').RevisionId;
      f.advance(provisionMs);
      return { changed: configOf(f).RevisionId !== created };
    },
    faithful: { changed: true },
    mutated: { changed: false },
  },
} satisfies Partial<Record<MutantName, MutantScenario>>;
