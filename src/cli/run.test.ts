import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePaths } from '../package/packagePaths.ts';
import { MUTANT_PROFILES } from '../targets/memory/mutantProfiles.ts';
import { MUTANTS } from '../targets/memory/mutants.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';
import { citationText } from '../spec/citationText.ts';

describe('lambda-conformance run', () => {
  it('exits 0 on the faithful memory target and writes run.json, junit.xml and summary.md', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      'scenarios/default.yaml',
      '--runs',
      '200',
      '--out',
      out,
      '--no-save',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['junit.xml', 'run.json', 'summary.md']);
    const rec = await readRecord(out);
    expect(rec.verdict).toBe('conformant');
    expect(rec.runsCompleted).toBe(200);
    expect(rec.operations).toBeGreaterThan(1000);
  });

  // The whole catalogue through the default scenario: a new mutant that slips through fails CI.
  it.each(MUTANTS.map((m) => [m.name]))(
    'catches mutant %s with a shrunk counterexample naming a rule it breaks',
    async (name) => {
      const out = await tempDir();
      const regressions = await tempDir();
      const r = await cli(
        'run',
        'scenarios/default.yaml',
        '--mutant',
        name,
        '--out',
        out,
        '--regressions',
        regressions,
        '--reporter',
        'json',
        // Planned tours exercise every rule within 300 runs (src/runner/plannedCoverage.test.ts).
        '--runs',
        '300',
      );
      expect(r.code).toBe(1);
      const rec = await readRecord(out);
      expect(rec.verdict).toBe('divergence');
      // A divergence names a rule the mutant breaks, and each has its saved counterexample.
      const d = rec.divergences.find((v) =>
        [v.ruleId, ...v.expectations.map((e) => e.ruleId)].some(
          (id) => EXPECTED_RULES[name]?.includes(id) === true,
        ),
      );
      expect(d, rec.divergences.map((v) => `${v.ruleId} (${v.category})`).join(', ')).toBeDefined();
      if (d === undefined) return;
      expect(d.cite[0] && citationText(d.cite[0]).length).toBeGreaterThan(10);
      expect(await readdir(regressions)).toHaveLength(rec.divergences.length);
      expect(d.counterexampleFile).toBeDefined();
      expect(d.replayCommand).toMatch(/^npx lambda-conformance replay /);
      // The saved counterexample replays to the same verdict.
      const file = resolve(d.counterexampleFile ?? '');
      const saved = JSON.parse(await readFile(file, 'utf8')) as { commands: unknown[] };
      // Shrunk: no longer than the sequence first found, and short enough to read.
      expect(saved.commands.length).toBeLessThanOrEqual(d.originalLength);
      expect(saved.commands.length).toBeLessThanOrEqual(12);
      const replay = await cli('replay', file);
      expect(replay.out).toMatch(/Reproduced: divergence /);
      // Exit codes as run's: the divergence is still there.
      expect(replay.code).toBe(1);
    },
    // A run goes on past every divergence: a mutant that breaks many rules (no-conflicts) runs
    // and shrinks each, longer than the default timeout on a loaded machine.
    180_000,
  );

  it('replays saved regressions before generating, and a still-failing one makes the run diverge', async () => {
    const regressions = await tempDir();
    const out = await tempDir();
    await cli(
      'run',
      '--mutant',
      'create-says-active',
      '--runs',
      '50',
      '--out',
      out,
      '--regressions',
      regressions,
      '--reporter',
      'json',
    );
    const again = await cli(
      'run',
      '--mutant',
      'create-says-active',
      '--runs',
      '1',
      '--out',
      out,
      '--regressions',
      regressions,
      '--reporter',
      'json',
    );
    expect(again.code).toBe(1);
    const rec = await readRecord(out);
    expect(rec.regressions).toHaveLength(1);
    expect(rec.regressions[0]?.observed).toBe('divergence');
    // Against the faithful target the same saved sequence is not replayed (other mutants).
    const faithful = await cli(
      'run',
      '--runs',
      '5',
      '--out',
      out,
      '--regressions',
      regressions,
      '--reporter',
      'json',
    );
    expect(faithful.code).toBe(0);
    expect((await readRecord(out)).regressions).toHaveLength(0);
  });

  it('stops at the time budget and still reports what ran', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      '--runs',
      '100000',
      '--time-budget',
      '300ms',
      '--out',
      out,
      '--reporter',
      'json',
      '--no-save',
    );
    expect(r.code).toBe(0);
    const rec = await readRecord(out);
    expect(rec.stoppedBy).toBe('time-budget');
    expect(rec.runsCompleted).toBeGreaterThan(0);
    expect(rec.runsCompleted).toBeLessThan(100000);
  });

  it('rejects bad input with exit 2 and a located message, never a stack trace', async () => {
    const dir = await tempDir();
    const scenario = join(dir, 'bad.yaml');
    await writeFile(
      scenario,
      'name: bad\nspec: ../nowhere.yaml\ntarget:\n  name: memroy\nruns: -3\n',
    );
    const bad = await cli('run', scenario);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.yaml:\d+:\d+/);
    expect(bad.err).not.toMatch(/\n\s+at /);
    const flag = await cli('run', '--runs', 'many');
    expect(flag.code).toBe(2);
    expect(flag.err).toBe("--runs: expected a whole number, got 'many'.");
    const unknown = await cli('run', '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/frobnicate/);
    const mutant = await cli('run', '--mutant', 'invoke-while-pendin');
    expect(mutant.code).toBe(2);
    expect(mutant.err).toMatch(/Did you mean 'invoke-while-pending'/);
    const fractional = join(dir, 'fractional.yaml');
    await writeFile(
      fractional,
      'name: f\nspec: ../../work/main/spec/lambda-lifecycle.yaml\ntarget: { name: memory }\nweights: { Wait: 0.5 }\n',
    );
    const weights = await cli('run', fractional);
    expect(weights.code).toBe(2);
    expect(weights.err).toMatch(/fractional\.yaml:4:\d+: weights: 'Wait' must be an integer/);
    const reading = await cli('run', '--reading', 'seeed');
    expect(reading.code).toBe(2);
    expect(reading.err).toMatch(/Did you mean 'seed'/);
  });

  it('names a bad scenario value as the scenario key it is, located, not as a flag', async () => {
    const dir = await tempDir();
    const write = async (name: string, lines: readonly string[]): Promise<string> => {
      const file = join(dir, name);
      const spec = resolve('spec/lambda-lifecycle.yaml');
      await writeFile(file, [`name: ${name}`, `spec: ${spec}`, ...lines, ''].join('\n'));
      return file;
    };
    const reading = await cli(
      'run',
      await write('reading.yaml', ['reading: seeed', 'target: { name: memory }']),
    );
    expect(reading.code).toBe(2);
    expect(reading.err).toMatch(
      /reading\.yaml:3:10: scenario 'reading': the spec has no reading 'seeed'\. Did you mean 'seed'\?/,
    );
    const mutant = await cli(
      'run',
      await write('mutant.yaml', ['target:', '  name: memory', '  mutants: [invoke-while-pendin]']),
    );
    expect(mutant.code).toBe(2);
    expect(mutant.err).toMatch(
      /mutant\.yaml:5:13: scenario 'target\.mutants': unknown mutant 'invoke-while-pendin'\. Did you mean 'invoke-while-pending'\?/,
    );
    const reporter = await cli(
      'run',
      await write('reporter.yaml', ['target: { name: memory }', 'reporters: [jsno]']),
    );
    expect(reporter.code).toBe(2);
    expect(reporter.err).toMatch(
      /reporter\.yaml:4:13: scenario 'reporters': unknown reporter 'jsno'\. Did you mean 'json'\?/,
    );
    for (const r of [reading, mutant, reporter])
      expect(r.err).not.toMatch(/--reading|--mutant|--reporter/);
    const weights = await cli(
      'run',
      await write('weights.yaml', ['target: { name: memory }', 'weights: { Invok: 50 }']),
    );
    expect(weights.code).toBe(2);
    expect(weights.err).toMatch(
      /weights\.yaml:4:12: weights: unknown command 'Invok'\. Did you mean 'Invoke'\?/,
    );
    const event = await cli(
      'run',
      await write('event.yaml', [
        'target:',
        '  name: aws',
        '  endpoint: emulator',
        '  events:',
        "    idle-reclaim: { method: POST, url: '/control/{functionName}' }",
      ]),
    );
    expect(event.code).toBe(2);
    expect(event.err).toMatch(
      /event\.yaml:7:40: target event 'idle-reclaim': 'url' is not an absolute/,
    );
  });

  it('lists the mutant catalogue one per line, name first, then the profiles with their mutants', async () => {
    const r = await cli('mutants', '--list');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(MUTANTS.length + MUTANT_PROFILES.length);
    for (const [i, m] of MUTANTS.entries()) expect(lines[i]?.startsWith(`${m.name} `)).toBe(true);
    for (const [i, p] of MUTANT_PROFILES.entries()) {
      const line = lines[MUTANTS.length + i] ?? '';
      expect(line.startsWith(`${p.name} `)).toBe(true);
      expect(line).toContain(`profile: ${p.mutants.join(', ')}.`);
    }
  });
});

/** The rules of a read of an existing function: where a RevisionId that should have changed shows. */
const READ_RULES = [
  'get-pending-creating',
  'get-pending-restoring',
  'get-updating',
  'get-update-failed',
  'get-active',
  'get-inactive-idle',
  'get-inactive',
  'get-configuration-pending-creating',
  'get-configuration-pending-restoring',
  'get-configuration-updating',
  'get-configuration-update-failed',
  'get-configuration-active',
  'get-configuration-inactive-idle',
  'get-configuration-inactive',
];

/** For each mutant, the spec rules whose violation it causes (any of them may be named). */
const EXPECTED_RULES: Readonly<Record<string, readonly string[]>> = {
  'invoke-while-pending': ['invoke-pending-creating', 'invoke-pending-restoring'],
  'update-while-updating': ['update-code-in-progress', 'update-configuration-in-progress'],
  'publish-while-updating': ['publish-in-progress'],
  'tag-while-updating': ['tag-in-progress'],
  'invoke-runs-staged': ['invoke-during-update'],
  'failed-update-keeps-new': ['invoke-after-failed-update', 'invoke-active', 'update-fails'],
  'create-says-active': ['create'],
  'stuck-in-progress': ['update-completes'],
  'inactive-first-invoke-succeeds': ['invoke-inactive'],
  'static-revision-on-transition': READ_RULES,
  // The RevisionId a TagResource should have changed is seen unchanged by the next read.
  'tag-keeps-revision': READ_RULES,
  'list-carries-state': ['list-functions'],
  // The stored configuration shows at the next read of $LATEST (configRevision), or runs later.
  'refused-update-stored': [
    ...READ_RULES,
    'update-code',
    'invoke-active',
    'invoke-after-failed-update',
    'invoke-during-update',
    'update-completes',
  ],
  'image-refused-while-pending': ['invoke-pending-image-seed'],
  'create-has-last-update-status': ['create'],
  'pending-update-accepted': ['update-code-pending', 'update-code-pending-stale-revision'],
  'publish-duplicates-version': ['publish-unchanged'],
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
  'failed-update-sets-failed': [
    'get-updating',
    'get-update-failed',
    'get-configuration-updating',
    'get-configuration-update-failed',
    'invoke-after-failed-update',
    'update-fails',
  ],
  // The function ends Failed where Inactive (or still Pending) is expected: any rule of those states
  // can be the witness.
  'failed-reactivation-fails': [
    'reactivation-fails',
    'get-pending-creating',
    'get-pending-restoring',
    'get-updating',
    'get-update-failed',
    'get-active',
    'get-inactive-idle',
    'get-inactive',
    'get-configuration-pending-creating',
    'get-configuration-pending-restoring',
    'get-configuration-updating',
    'get-configuration-update-failed',
    'get-configuration-active',
    'get-configuration-inactive-idle',
    'get-configuration-inactive',
    'invoke-pending-restoring',
    'invoke-inactive',
    'update-code',
    'update-code-pending',
    'update-configuration',
    'update-configuration-pending',
    'update-code-inactive',
    'update-configuration-inactive',
    'publish',
    'publish-unchanged',
    'publish-inactive',
    'publish-inactive-unchanged',
    'publish-pending',
    'tag',
    'tag-inactive',
    'tag-pending',
  ],
  'image-deleted-invokes': ['invoke-failed-image'],
  'deleted-still-found': ['get-absent', 'get-configuration-absent'],
  // A stale RevisionId on a Pending function is refused with the same ResourceConflictException.
  'pending-conflict-wrong-type': [
    'update-code-pending',
    'update-configuration-pending',
    'publish-pending',
    'update-code-pending-stale-revision',
    'update-configuration-pending-stale-revision',
    'publish-pending-stale-revision',
  ],
  'create-active-at-once': ['create'],
  // Every answer that must carry a RevisionId.
  'no-revision-id': [
    'create',
    ...READ_RULES,
    'get-failed-image',
    'get-failed',
    'get-configuration-failed-image',
    'get-configuration-failed',
    'update-code',
    'update-configuration',
    'update-code-inactive',
    'update-configuration-inactive',
  ],
  // The update calls whose answer must say InProgress.
  'updates-complete-at-once': [
    'update-code',
    'update-configuration',
    'update-code-inactive',
    'update-configuration-inactive',
  ],
  // Every state refusal.
  'no-conflicts': [
    'invoke-pending-creating',
    'invoke-pending-restoring',
    'invoke-inactive',
    'invoke-failed-image',
    'invoke-failed',
    'update-code-pending',
    'update-code-failed',
    'update-code-in-progress',
    'update-configuration-pending',
    'update-configuration-failed',
    'update-configuration-in-progress',
    'publish-pending',
    'publish-failed',
    'publish-in-progress',
    'tag-in-progress',
  ],
  // The version's code or configuration (codeRevision/configRevision, versionCode/versionConfig).
  'publish-freezes-created': [
    'publish',
    'publish-unchanged',
    'publish-inactive',
    'publish-inactive-unchanged',
    'publish-after-version-deleted',
    'list-versions',
    'list-versions-unsettled',
    'get-version',
    'get-version-pending',
    'get-version-unsettled',
    'get-version-restoring',
    'get-configuration-version',
    'get-configuration-version-pending',
    'get-configuration-version-unsettled',
    'get-configuration-version-restoring',
    'invoke-version',
    'invoke-version-unsettled',
  ],
  // The refused configuration shows at the next read, update or invocation.
  'pending-refused-config-stored': [
    ...READ_RULES,
    'get-failed',
    'get-failed-image',
    'get-configuration-failed',
    'get-configuration-failed-image',
    'update-code',
    'update-code-inactive',
    'invoke-pending-image-seed',
    'invoke-active',
    'invoke-during-update',
    'invoke-after-failed-update',
    'publish',
    'provisioning-completes',
  ],
  'invoke-missing-answers-200': ['invoke-absent', 'invoke-type-absent'],
  // A version invoked after $LATEST moved on runs $LATEST's code.
  'version-runs-latest': ['invoke-version', 'invoke-version-unsettled'],
  // The deletion is accepted; an alias read after it finds the version it points at gone.
  'delete-aliased-version': ['delete-version-aliased', 'get-by-alias-other'],
  'alias-ignores-revision': ['update-alias-stale-revision'],
  'untag-keeps-revision': READ_RULES,
  'dry-run-invokes': ['invoke-dry-run', 'invoke-dry-run-not-active'],
  'failed-update-reports-successful': [
    'wait-updated-update-fails',
    'get-update-failed',
    'get-configuration-update-failed',
  ],
};

describe('lambda-conformance mutants', () => {
  it('runs the scenario it is given, its spec and target', async () => {
    const dir = await tempDir();
    const scenario = join(dir, 'mine.yaml');
    // Few runs of one short sequence: most mutants survive, which is what makes the exit 1.
    await writeFile(scenario, 'name: mine\ntarget: { name: memory }\nruns: 1\nmaxCommands: 2\n');
    const r = await cli('mutants', scenario, '--out', dir);
    expect(r.code).toBe(1);
    const matrix = JSON.parse(await readFile(join(dir, 'mutants.json'), 'utf8')) as {
      target: string;
      scenario: string;
      rows: { mutant: string; caught: boolean; runsToFailure?: number }[];
    };
    expect([matrix.target, matrix.scenario]).toEqual(['memory', scenario]);
    expect(matrix.rows.map((m) => m.mutant)).toEqual(MUTANTS.map((m) => m.name));
    expect(matrix.rows.some((m) => !m.caught)).toBe(true);
    expect(r.out).toMatch(/implementation mutants caught: \d+ \/ \d+/);
  });

  it('refuses two scenarios in one line', async () => {
    expect(await cli('mutants', 'a.yaml', 'b.yaml')).toEqual({
      code: 2,
      out: '',
      err: 'mutants: expected at most one scenario file, got 2: a.yaml b.yaml',
    });
  });

  it('prints the matrix, writes mutants.json and exits 0 with every mutant caught', async () => {
    const out = await tempDir();
    const r = await cli('mutants', '--runs', '1500', '--out', out);
    expect(r.code).toBe(0);
    const n = MUTANTS.length;
    expect(r.out).toMatch(new RegExp(`implementation mutants caught: ${n} / ${n}`));
    const matrix = JSON.parse(await readFile(join(out, 'mutants.json'), 'utf8')) as {
      target: string;
      scenario: string;
      rows: { mutant: string; caught: boolean; rule?: string; runsToFailure?: number }[];
    };
    expect(matrix.rows.map((m) => m.mutant)).toEqual(MUTANTS.map((m) => m.name));
    // The package's own default scenario, found from its location, not the working directory.
    expect([matrix.target, matrix.scenario]).toEqual([
      'memory',
      join(packagePaths().scenarios, 'default.yaml'),
    ]);
    for (const row of matrix.rows) {
      expect(row.caught, row.mutant).toBe(true);
      expect(row.runsToFailure).toBeGreaterThan(0);
    }
  });
});
