import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../traces/checkTrace.ts';
import { parseTrace } from '../traces/readTrace.ts';
import type { TraceLine, TraceOpLine } from '../traces/TraceRecord.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Observation } from '../lambda/Observation.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

const DIR = 'traces/aws';
const files = (await readdir(DIR)).filter((f) => f.endsWith('.jsonl')).sort();
const spec = await loadSpec('spec/lambda-lifecycle.yaml');

async function linesOf(file: string): Promise<TraceLine[]> {
  return (await readFile(join(DIR, file), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TraceLine);
}

/** Checks edited lines in process; returns the verdict and the step verdicts with their rules. */
function check(lines: readonly TraceLine[], file: string) {
  const text = lines.map((l) => JSON.stringify(l)).join('\n');
  const result = checkTrace({
    spec,
    runs: parseTrace(text, file),
    file,
    unobservable: new Set(),
    commandLine: 'test',
  });
  return { verdict: result.record.verdict, steps: result.checks.flatMap((c) => c.steps) };
}

/** Every trace with `edit` applied to one op line at a time (where `edit` applies). */
async function edited(
  edit: (op: TraceOpLine, index: number, lines: readonly TraceLine[]) => Observation | undefined,
): Promise<{ file: string; line: number; verdict: string }[]> {
  const out: { file: string; line: number; verdict: string }[] = [];
  for (const file of files) {
    const lines = await linesOf(file);
    for (const [i, line] of lines.entries()) {
      if (line.type !== 'op') continue;
      const observation = edit(line, i, lines);
      if (observation === undefined) continue;
      const copy = lines.map((l, j) => (j === i ? { ...line, observation } : l));
      out.push({ file, line: i + 1, verdict: check(copy, file).verdict });
    }
  }
  return out;
}

describe('recorded real-AWS traces (traces/aws/)', () => {
  it('hold at least 15 imported sequences, each naming its recording and licence', async () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const [header] = await linesOf(file);
      expect(header?.type, file).toBe('run');
      if (header?.type !== 'run') continue;
      expect(header.target).toBe('aws');
      expect(header.source?.repo).toBe('localstack/localstack');
      expect(header.source?.license).toBe('Apache-2.0');
      expect(header.source?.key).toMatch(
        /^tests\/aws\/services\/lambda_\/test_lambda(_api)?\.py::/,
      );
      expect(header.source?.recorded).toMatch(/^20[0-9]{2}-[0-9]{2}-[0-9]{2}T/);
      expect(header.source?.path).toMatch(/\.snapshot\.json$/);
    }
  });

  it.each(files)('%s: check-trace finds it conformant', async (file) => {
    const out = await tempDir();
    const r = await cli('check-trace', join(DIR, file), '--out', out, '--reporter', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const record = await readRecord(out);
    expect(record.verdict).toBe('conformant');
    expect(record.operations).toBeGreaterThan(0);
  });

  it('cover creation, updates and conflicts, stale RevisionIds, versions, tags, images, deletion, lists and missing functions', async () => {
    const seen = new Set<string>();
    for (const file of files) {
      const { steps } = check(await linesOf(file), file);
      for (const s of steps) for (const rule of s.rules) seen.add(rule);
    }
    for (const rule of [
      'create',
      'get-active',
      'get-updating',
      'update-code',
      'update-configuration',
      'update-code-in-progress',
      'update-configuration-in-progress',
      'update-code-stale-revision',
      'update-configuration-stale-revision',
      'publish-stale-revision',
      'publish',
      'publish-unchanged',
      'list-versions',
      'tag',
      'tag-absent',
      'untag',
      'untag-absent',
      'list-tags',
      'list-tags-absent',
      'delete',
      'delete-absent',
      'get-absent',
      'get-configuration-absent',
      'list-functions',
      'invoke-active',
      'invoke-event',
      'invoke-dry-run',
    ]) {
      expect(seen, rule).toContain(rule);
    }
  });

  it('catch every edited State of $LATEST (Failed is reachable only through an environment event)', async () => {
    // PublishVersion answers with the version's configuration, not $LATEST's: left out.
    const results = await edited((op) =>
      op.operation !== 'PublishVersion' &&
      op.observation.kind === 'ok' &&
      typeof op.observation.fields['State'] === 'string'
        ? { ...op.observation, fields: { ...op.observation.fields, State: 'Failed' } }
        : undefined,
    );
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((r) => r.verdict !== 'divergence')).toEqual([]);
  });

  it('catch every edited error type', async () => {
    const results = await edited((op) =>
      op.observation.kind === 'error' ? { ...op.observation, type: 'ServiceException' } : undefined,
    );
    expect(results.length).toBeGreaterThan(8);
    expect(results.filter((r) => r.verdict !== 'divergence')).toEqual([]);
  });

  it('catch every edited error message the deciding rule words', async () => {
    const worded = (rules: readonly string[]): boolean =>
      rules.some((id) =>
        [...spec.operations.values()]
          .flatMap((o) => o.rules)
          .find((r) => r.id === id)
          ?.outcomes.some((o) => o.kind === 'error' && o.message !== undefined),
      );
    let count = 0;
    for (const file of files) {
      const lines = await linesOf(file);
      const { steps } = check(lines, file);
      for (const step of steps) {
        const s = step.step;
        if (s.type !== 'op' || s.observation.kind !== 'error' || !worded(step.rules)) continue;
        const copy = lines.map((l, j) =>
          j === s.line - 1 && l.type === 'op'
            ? { ...l, observation: { ...s.observation, message: 'edited' } }
            : l,
        );
        expect(check(copy, file).verdict, `${file}:${s.line}`).toBe('divergence');
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(6);
  });

  it('catch every accepted update whose RevisionId does not change', async () => {
    const previousRevision = (lines: readonly TraceLine[], index: number): string | undefined => {
      for (let j = index - 1; j >= 0; j--) {
        const l = lines[j];
        if (l?.type === 'op' && l.observation.kind === 'ok') {
          const rid = l.observation.fields['RevisionId'];
          if (typeof rid === 'string') return rid;
        }
      }
      return undefined;
    };
    const results = await edited((op, i, lines) => {
      const before = previousRevision(lines, i);
      return op.operation.startsWith('UpdateFunction') &&
        op.observation.kind === 'ok' &&
        typeof op.observation.fields['RevisionId'] === 'string' &&
        before !== undefined
        ? { ...op.observation, fields: { ...op.observation.fields, RevisionId: before } }
        : undefined;
    });
    expect(results.length).toBeGreaterThanOrEqual(8);
    expect(results.filter((r) => r.verdict !== 'divergence')).toEqual([]);
  });

  it('fail check-trace with exit 1 on an edited copy, naming the rule', async () => {
    const dir = await tempDir();
    const lines = await linesOf('function-lifecycle.jsonl');
    const last = lines.length - 1;
    const again = lines[last];
    if (again?.type !== 'op' || again.operation !== 'DeleteFunction') {
      throw new Error('expected the second DeleteFunction last');
    }
    // AWS refused to delete the deleted function (404); the copy says it deleted it again.
    lines[last] = { ...again, observation: { kind: 'ok', fields: {} } };
    const file = join(dir, 'edited.jsonl');
    await writeFile(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const r = await cli('check-trace', file, '--out', dir, '--reporter', 'json');
    expect(r.code).toBe(1);
    const record = await readRecord(dir);
    expect(record.divergences.map((d) => d.ruleId)).toContain('delete-absent');
  });
});
