import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBaseline } from '../baseline/Baseline.ts';
import { parseBaseline } from '../baseline/loadBaseline.ts';
import type { Divergence, RunRecord } from '../runner/RunRecord.ts';
import { MUTANT_PROFILES } from '../targets/memory/mutantProfiles.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';
import { functionExistsAt } from './divergenceTrace.testkit.ts';

/**
 * One gap of the `naive` profile: the mutant, the rules of the spec a divergence it causes may
 * rightly be blamed on, and what the blamed expectation must say for the divergence to show this
 * gap (several gaps share rules: `create` breaks both on State and on RevisionId).
 *
 * The naive function is never Pending (created Active) and never has an update in progress (done at
 * once), so no rule of those states is a right name for any of its divergences.
 */
interface Gap {
  readonly mutant: string;
  readonly rules: readonly string[];
  readonly shows: RegExp;
}

const GAPS: readonly Gap[] = [
  {
    mutant: 'create-active-at-once',
    rules: ['create'],
    shows: /State: expected Pending, observed Active/,
  },
  {
    // Every answer of an existing function that must carry a RevisionId, in the states the naive
    // function can be in (Active, Inactive, Failed, after a failed update).
    mutant: 'no-revision-id',
    rules: [
      'create',
      'get-active',
      'get-update-failed',
      'get-inactive-idle',
      'get-inactive',
      'get-failed-image',
      'get-failed',
      'get-configuration-active',
      'get-configuration-update-failed',
      'get-configuration-inactive-idle',
      'get-configuration-inactive',
      'get-configuration-failed-image',
      'get-configuration-failed',
      'update-code',
      'update-configuration',
      'update-code-inactive',
      'update-configuration-inactive',
    ],
    shows: /RevisionId: expected present, observed absent/,
  },
  {
    // The update calls whose answer must say InProgress.
    mutant: 'updates-complete-at-once',
    rules: [
      'update-code',
      'update-configuration',
      'update-code-inactive',
      'update-configuration-inactive',
    ],
    shows: /LastUpdateStatus: expected InProgress, observed (Successful|Failed)/,
  },
  {
    // The state refusals of the states the naive function reaches: Failed, and Invoke while Inactive.
    mutant: 'no-conflicts',
    rules: [
      'update-code-failed',
      'update-configuration-failed',
      'publish-failed',
      'invoke-failed-image',
      'invoke-failed',
      'invoke-inactive',
      // An Invoke of an Inactive function succeeds and leaves it Inactive: it is never restored, so
      // every rule of the restoring function it should have become is broken.
      'invoke-pending-restoring',
      'get-pending-restoring',
      'get-configuration-pending-restoring',
      'list-functions-pending',
      'wait-active-pending-restoring',
      // An update with Publish of an Inactive function answers with the new version's
      // configuration, which does not show that $LATEST stayed Inactive (never restored): the
      // next sign is FunctionActiveV2 timing out on a function that must be Active by then.
      'wait-active',
      // Invoking an Inactive function through an alias of $LATEST is invoking it.
      'invoke-by-alias-latest-inactive',
    ],
    shows: /the operation succeeded/,
  },
  {
    // Rightly an *-absent rule: the function does not exist.
    mutant: 'invoke-missing-answers-200',
    rules: [
      'invoke-absent',
      'invoke-type-absent',
      'invoke-version-absent',
      'invoke-by-alias-missing',
    ],
    shows: /the operation succeeded/,
  },
  {
    mutant: 'list-carries-state',
    rules: ['list-functions'],
    shows: /stateFieldsListed: expected false, observed true/,
  },
];

const RIGHT_RULES = new Set(GAPS.flatMap((g) => g.rules));

function shows(d: Divergence, gap: Gap): boolean {
  return gap.rules.includes(d.ruleId) && gap.shows.test(d.expectations[0]?.reason ?? '');
}

/** `rule|category`: what makes two divergences distinct. */
function keyOf(d: Divergence): string {
  return `${d.ruleId}|${d.category}`;
}

/** The default run (its fixed seed and flags) with `--mutant naive`, and any `extra` flags. */
async function naiveRun(extra: readonly string[] = []): Promise<RunRecord> {
  const out = await tempDir();
  const regressions = await tempDir();
  const r = await cli(
    'run',
    'scenarios/default.yaml',
    '--mutant',
    'naive',
    '--out',
    out,
    '--regressions',
    regressions,
    '--reporter',
    'json',
    // The scenario's 60 s budget is for people; here every run must end (a loaded machine took
    // longer, and the run stopped by the budget missed gaps).
    '--time-budget',
    '10m',
    ...extra,
  );
  expect(r.code, r.err).toBe(1);
  return readRecord(out);
}

describe('the naive profile in one default run', () => {
  let record: RunRecord;
  let written: string;

  beforeAll(async () => {
    written = join(await tempDir(), 'all.yaml');
    record = await naiveRun(['--write-baseline', written]);
  }, 300_000);

  it('names the mutants it expanded to', () => {
    const naive = MUTANT_PROFILES.find((p) => p.name === 'naive');
    expect(record.target.mutants).toEqual(naive?.mutants);
    expect(GAPS.map((g) => g.mutant).sort()).toEqual([...(naive?.mutants ?? [])].sort());
  });

  it('reports every gap, each divergence under a right rule, none twice', () => {
    expect(record.verdict).toBe('divergence');
    expect(record.stoppedBy).toBe('completed');
    for (const gap of GAPS) {
      expect(
        record.divergences.some((d) => shows(d, gap)),
        `${gap.mutant} is reported (rules ${gap.rules.join(', ')})`,
      ).toBe(true);
    }
    const wrong = record.divergences.filter((d) => !RIGHT_RULES.has(d.ruleId)).map(keyOf);
    expect(wrong).toEqual([]);
    const keys = record.divergences.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('blames no *-absent rule for a function that exists', () => {
    const absent = record.divergences.filter((d) => d.ruleId.endsWith('-absent'));
    expect(absent.map((d) => d.ruleId).sort()).toEqual([
      'invoke-absent',
      'invoke-type-absent',
      'invoke-version-absent',
    ]);
    for (const d of absent) {
      expect(functionExistsAt(d.trace, d.operation), d.trace.map((t) => t.command).join('; ')).toBe(
        false,
      );
    }
  });

  it('with a baseline of its first divergence only, reports the rest and no false alarm', async () => {
    const all = parseBaseline(await readFile(written, 'utf8'), written);
    expect(all.entries).toHaveLength(record.divergences.length);
    const [first, ...rest] = record.divergences;
    // Only the entry of the first divergence, in the file format --write-baseline writes.
    const [entry] = all.entries.map(({ line: _line, ...e }) => e);
    expect(entry?.rule).toBe(first?.ruleId);
    if (entry === undefined || first === undefined) return;
    const known = join(await tempDir(), 'first.yaml');
    await writeFile(known, formatBaseline([entry], known));

    const again = await naiveRun(['--baseline', known]);
    expect(again.baseline).toMatchObject({ known: 1, stale: [] });
    const baselined = again.divergences.filter((d) => d.baselined === true).map(keyOf);
    expect(baselined).toEqual([keyOf(first)]);
    const reported = again.divergences.filter((d) => d.baselined !== true);
    expect(reported.map(keyOf).sort()).toEqual(rest.map(keyOf).sort());
    expect(reported.filter((d) => !RIGHT_RULES.has(d.ruleId)).map(keyOf)).toEqual([]);
    for (const gap of GAPS.filter((g) => !shows(first, g))) {
      expect(
        reported.some((d) => shows(d, gap)),
        `${gap.mutant} is still reported`,
      ).toBe(true);
    }
  }, 300_000);
});
