import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MAX_SHRUNK_DIVERGENCES } from '../runner/runConformance.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/**
 * Five mutants switched on at once, and for each the rules of the spec its bug breaks: a divergence
 * it causes may be blamed on any of them, and on no other rule.
 */
const BROKEN_BY: Readonly<Record<string, readonly string[]>> = {
  'create-says-active': ['create'],
  // ListFunctions is checked for the function's own state: Pending, Active/Inactive/Failed, or gone.
  'list-carries-state': ['list-functions', 'list-functions-pending', 'list-functions-absent'],
  // A stale RevisionId accepted breaks the rule that refuses it in whatever state the function was
  // believed to be in (in Pending and during an update, either refusal was allowed; success is not).
  'stale-revision-accepted': [
    'update-code-stale-revision',
    'update-configuration-stale-revision',
    'publish-stale-revision',
    'update-code-pending-stale-revision',
    'update-configuration-pending-stale-revision',
    'publish-pending-stale-revision',
    'update-code-in-progress-stale-revision',
    'update-configuration-in-progress-stale-revision',
    'publish-in-progress-stale-revision',
    'update-code-failed-stale-revision',
    'update-configuration-failed-stale-revision',
    'publish-failed-stale-revision',
  ],
  // With stale-revision-accepted on too, a stale PublishVersion of a function that may still be
  // Pending (an image function within its 5-minute provisioning bound) is accepted where the spec
  // refuses it; the monitor keeps the states where it made no version beside those where it did,
  // and in the former a second publish answering the next number breaks `publish`.
  'publish-duplicates-version': ['publish-unchanged', 'publish-inactive-unchanged', 'publish'],
  // A Zip function answers while Pending, created or restoring after Inactive.
  'invoke-while-pending': ['invoke-pending-creating', 'invoke-pending-restoring'],
};

const MUTANTS = Object.keys(BROKEN_BY);

describe('five mutants at once, one default run', () => {
  it('reports each mutant as its own divergence with its own shrunk counterexample, and nothing else', async () => {
    const out = await tempDir();
    const regressions = await tempDir();
    const r = await cli(
      'run',
      'scenarios/default.yaml',
      ...MUTANTS.flatMap((m) => ['--mutant', m]),
      '--out',
      out,
      '--regressions',
      regressions,
      '--reporter',
      'json',
      // Every run must end: the scenario's 60 s budget could run out on a loaded machine.
      '--time-budget',
      '10m',
    );
    expect(r.code, r.err).toBe(1);
    const record = await readRecord(out);
    expect(record.stoppedBy).toBe('completed');
    const { divergences } = record;
    for (const mutant of MUTANTS) {
      expect(
        divergences.some((d) => BROKEN_BY[mutant]?.includes(d.ruleId)),
        `${mutant} is reported`,
      ).toBe(true);
    }
    const allowed = new Set(Object.values(BROKEN_BY).flat());
    expect(divergences.filter((d) => !allowed.has(d.ruleId)).map((d) => d.ruleId)).toEqual([]);
    const keys = divergences.map((d) => `${d.ruleId}|${d.category}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Each shrunk on its own: its saved counterexample is shorter than the sequence first found,
    // and ends in the divergence it is reported as. Planned sequences find more distinct
    // divergences than a run shrinks: those past MAX_SHRUNK_DIVERGENCES are kept as first found.
    const files = new Set<string>();
    for (const [index, d] of divergences.entries()) {
      expect(d.counterexampleFile, d.ruleId).toBeDefined();
      const file = d.counterexampleFile ?? '';
      files.add(file);
      const saved = JSON.parse(await readFile(file, 'utf8')) as {
        commands: unknown[];
        expected: { ruleId: string };
      };
      if (index < MAX_SHRUNK_DIVERGENCES)
        expect(saved.commands.length, d.ruleId).toBeLessThan(d.originalLength);
      else expect(saved.commands.length, d.ruleId).toBeLessThanOrEqual(d.originalLength);
      expect(saved.expected.ruleId).toBe(d.ruleId);
    }
    expect(files.size).toBe(divergences.length);
  }, 180_000);
});
