import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRules } from '../api/listRules.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

/** The part of vitest's JSON report these tests read. */
interface VitestJson {
  readonly testResults: readonly {
    readonly name: string;
    readonly assertionResults: readonly {
      readonly ancestorTitles: readonly string[];
      readonly title: string;
      readonly status: string;
      readonly failureMessages: readonly string[];
    }[];
  }[];
}

const CONFIG = 'src/vitest/fixtures/vitest.fixture.config.ts';

/**
 * Runs the fixtures (`src/vitest/fixtures/*.fixture.ts`) in a child vitest, as a user's own vitest
 * run would, with the JSON reporter; each fixture's run also writes its run.json under `out`.
 */
function runFixtures(out: string): Promise<{ code: number | null; stderr: string }> {
  // The child is a vitest of its own, not a worker of this one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
  );
  const args = ['node_modules/vitest/vitest.mjs', 'run', '--config', CONFIG, '--reporter=json'];
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...args, `--outputFile=${join(out, 'results.json')}`],
      { env: { ...env, LC_FIXTURE_OUT: out }, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        done({ code: error === null ? 0 : (error.code as number), stderr }),
    );
  });
}

let out = '';
let results: VitestJson;
beforeAll(async () => {
  out = await tempDir('lc-vitest-');
  const { code, stderr } = await runFixtures(out);
  // 1: the mutant fixture has a failing test; anything else is a broken fixture run.
  expect(code, stderr).toBe(1);
  results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as VitestJson;
}, 120_000);

function fixture(name: string) {
  const file = results.testResults.find((r) => r.name === resolve(`src/vitest/fixtures/${name}`));
  if (file === undefined) throw new Error(`no results for ${name}`);
  return file.assertionResults;
}

async function recordOf(name: string): Promise<RunRecord> {
  return JSON.parse(await readFile(join(out, name, 'run.json'), 'utf8')) as RunRecord;
}

describe('describeConformance in a vitest run', () => {
  it('declares one test per spec rule, grouped by operation, transitions apart', () => {
    const rules = listRules('scenarios/default.yaml');
    const tests = fixture('mutant.fixture.ts');
    // And the harness's `run` test, which fails a run that proved nothing.
    expect(tests.map((t) => t.title)).toEqual([...rules.map((r) => r.id), 'run']);
    const invoke = tests.find((t) => t.title === 'invoke-pending-creating');
    expect(invoke?.ancestorTitles).toEqual(['memory with invoke-while-pending', 'Invoke']);
    const transition = rules.find((r) => r.kind === 'transition');
    const transitionTest = tests.find((t) => t.title === transition?.id);
    expect(transitionTest?.ancestorTitles[1]).toBe('transitions');
  });

  it('fails exactly the rule the mutant divergence names, with quote and replay', async () => {
    const record = await recordOf('mutant');
    expect(record.verdict).toBe('divergence');
    const named = record.divergences.map((d) => d.ruleId);
    const tests = fixture('mutant.fixture.ts');
    const failed = tests.filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.title).sort()).toEqual([...named].sort());
    // Planned sequences also reach a restoring function, which the same bug answers.
    expect(named).toContain('invoke-pending-creating');
    expect(
      named.every((id) => ['invoke-pending-creating', 'invoke-pending-restoring'].includes(id)),
    ).toBe(true);
    const message =
      failed.find((t) => t.title === 'invoke-pending-creating')?.failureMessages[0] ?? '';
    expect(message).toContain(
      'Forbidden operation accepted: expected error ResourceConflictException',
    );
    expect(message).toContain('quote: “Lambda does not invoke a function during pending state.”');
    expect(message).toContain('replay: npx lambda-conformance run scenarios/default.yaml');
    expect(message).toContain('--mutant invoke-while-pending');
  });

  it('passes the exercised rules and skips, at run time, the ones never exercised', async () => {
    const record = await recordOf('mutant');
    const tests = fixture('mutant.fixture.ts');
    const status = new Map(tests.map((t) => [t.title, t.status]));
    const named = new Set(record.divergences.map((d) => d.ruleId));
    for (const c of record.coverage) {
      if (named.has(c.id)) continue;
      expect([c.id, status.get(c.id)]).toEqual([c.id, c.exercised > 0 ? 'passed' : 'skipped']);
    }
    // Spec-directed generation exercises every rule in 300 runs: a rule is skipped only if not.
    expect(tests.some((t) => t.status === 'skipped')).toBe(
      record.coverage.some((c) => c.exercised === 0),
    );
  });

  it('passes a rule whose divergence is baselined, and the baseline that is not stale', async () => {
    const record = await recordOf('baselined');
    expect(record.divergences.map((d) => [d.ruleId, d.baselined])).toEqual([['create', true]]);
    const tests = fixture('baselined.fixture.ts');
    expect(tests.filter((t) => t.status === 'failed')).toEqual([]);
    const status = (title: string): string | undefined =>
      tests.find((t) => t.title === title)?.status;
    expect([status('create'), status('baseline')]).toEqual(['passed', 'passed']);
  });

  it('fails nothing on the faithful target, and passes its coverage gate', async () => {
    const record = await recordOf('faithful');
    expect(record.verdict).toBe('conformant');
    const tests = fixture('faithful.fixture.ts');
    expect(tests.filter((t) => t.status === 'failed')).toEqual([]);
    expect(tests.filter((t) => t.status === 'passed').length).toBeGreaterThan(50);
    const gate = tests.find((t) => t.title === 'coverage-gate');
    expect([gate?.ancestorTitles[1], gate?.status]).toEqual(['harness', 'passed']);
    expect(record.coverageGate?.passed).toBe(true);
  });
});

describe('describeConformance against a dead endpoint', () => {
  it('fails its `run` test with the cause and passes no rule', async () => {
    const record = await recordOf('dead-endpoint');
    expect(record.verdict).toBe('inconclusive');
    const tests = fixture('dead-endpoint.fixture.ts');
    expect(tests.filter((t) => t.status === 'passed')).toEqual([]);
    const run = tests.find((t) => t.title === 'run');
    expect(run?.status).toBe('failed');
    expect(run?.failureMessages[0]).toMatch(
      /^ConformanceFailure: the conformance run was inconclusive: no operation was checked/,
    );
  });
});
