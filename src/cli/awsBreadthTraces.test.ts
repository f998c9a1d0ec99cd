import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import { checkTrace } from '../traces/checkTrace.ts';
import { parseTrace } from '../traces/readTrace.ts';
import type { TraceLine } from '../traces/TraceRecord.ts';

const FILE = 'traces/aws/tag-lifecycle.jsonl';
const spec = await loadSpec('spec/lambda-lifecycle.yaml');

async function linesOf(file: string): Promise<TraceLine[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TraceLine);
}
const lines = await linesOf(FILE);

function check(edited: readonly TraceLine[], file = FILE) {
  const text = edited.map((l) => JSON.stringify(l)).join('\n');
  const result = checkTrace({
    spec,
    runs: parseTrace(text, file),
    file,
    unobservable: new Set(),
    commandLine: 'test',
  });
  return {
    verdict: result.record.verdict,
    steps: result.checks.flatMap((c) => c.steps),
    divergences: result.record.divergences,
  };
}

function revisionOf(line: TraceLine | undefined): string | undefined {
  if (line?.type !== 'op' || line.observation.kind !== 'ok') return undefined;
  const rid = line.observation.fields['RevisionId'];
  return typeof rid === 'string' ? rid : undefined;
}

describe('the recorded tag lifecycle (TestLambdaTags::test_tag_lifecycle)', () => {
  it('holds UntagResource and ListTags: each UntagResource of tags that are there gives $LATEST a new RevisionId', () => {
    const { verdict, steps } = check(lines);
    expect(verdict).toBe('conformant');
    const rules = new Set(steps.flatMap((s) => s.rules));
    for (const rule of ['tag', 'untag', 'list-tags', 'list-tags-absent']) {
      expect(rules, rule).toContain(rule);
    }
  });

  it('catches a copy in which the first UntagResource left the RevisionId unchanged', () => {
    const untag = lines.findIndex((l) => l.type === 'op' && l.operation === 'UntagResource');
    const readAfter = lines.findIndex(
      (l, i) => i > untag && l.type === 'op' && l.operation === 'GetFunction',
    );
    const readBefore = lines.findLastIndex(
      (l, i) => i < untag && l.type === 'op' && l.operation === 'GetFunction',
    );
    const before = revisionOf(lines[readBefore]);
    const after = lines[readAfter];
    expect(before).toBeDefined();
    expect(revisionOf(after)).not.toBe(before);
    if (after?.type !== 'op' || after.observation.kind !== 'ok' || before === undefined) return;
    const copy = lines.map((l, i) =>
      i === readAfter && after.observation.kind === 'ok'
        ? {
            ...after,
            observation: {
              ...after.observation,
              fields: { ...after.observation.fields, RevisionId: before },
            },
          }
        : l,
    );
    const { verdict, divergences } = check(copy);
    expect(verdict).toBe('divergence');
    // The read after the UntagResource shows the RevisionId it should have changed.
    expect(divergences.map((d) => d.expectations[0]?.reason)).toEqual([
      expect.stringContaining('RevisionId did not change'),
    ]);
  });
});

describe('the recorded Event and DryRun invocations (TestLambdaFeatures::test_invocation_type_*)', () => {
  it.each([
    ['traces/aws/invoke-event.jsonl', 'invoke-event', 202],
    ['traces/aws/invoke-dry-run.jsonl', 'invoke-dry-run', 204],
  ])('%s holds %s (%d), and a copy answered 200 is caught', async (file, rule, status) => {
    const recorded = await linesOf(file);
    const { verdict, steps } = check(recorded, file);
    expect(verdict).toBe('conformant');
    expect(steps.flatMap((s) => s.rules)).toContain(rule);
    const invoke = recorded.findIndex((l) => l.type === 'op' && l.operation === 'Invoke');
    const line = recorded[invoke];
    expect(line?.type === 'op' && line.observation).toEqual({
      kind: 'ok',
      fields: { StatusCode: status },
    });
    const copy = recorded.map((l, i) =>
      i === invoke && l.type === 'op'
        ? { ...l, observation: { kind: 'ok' as const, fields: { StatusCode: 200 } } }
        : l,
    );
    const edited = check(copy, file);
    expect(edited.verdict).toBe('divergence');
    expect(edited.divergences[0]?.expectations.map((e) => e.ruleId)).toContain(rule);
  });
});
