import { describe, expect, it } from 'vitest';
import { conformantRecord, divergentRecord, tinySpec } from './fixtures.testkit.ts';
import { GithubActionsReporter } from './GithubActionsReporter.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import type { Spec } from '../spec/Spec.ts';
import { captureTerminal, reportContext } from './terminal.testkit.ts';

function annotate(
  record: RunRecord,
  env: Record<string, string> = {},
  spec: Spec = tinySpec,
): string[] {
  const terminal = captureTerminal({ env });
  new GithubActionsReporter().finish(record, reportContext(terminal, '/nowhere', spec));
  expect(terminal.output.err).toBe('');
  return terminal.output.out === '' ? [] : terminal.output.out.replace(/\n$/, '').split('\n');
}

describe('the github-actions reporter', () => {
  it('matches the reviewed annotations of a run with divergences', async () => {
    await expect(`${annotate(divergentRecord).join('\n')}\n`).toMatchFileSnapshot(
      '__snapshots__/github-actions-divergent.txt',
    );
  });

  it('prints one error per new divergence at the line of the broken rule in the spec', () => {
    const errors = annotate(divergentRecord).filter((l) => l.startsWith('::error file=spec/'));
    // invoke-pending-creating is at line 20 of the tiny spec, update-code-in-progress at 30; the
    // baselined divergence (update-completes) is no error.
    expect(errors.map((l) => /^::error (file=[^,]*,line=\d+,col=\d+)/.exec(l)?.[1])).toEqual([
      'file=spec/tiny.yaml,line=20,col=3',
      'file=spec/tiny.yaml,line=30,col=3',
    ]);
    expect(errors[0]).toContain(
      'title=lambda-conformance%3A Forbidden operation accepted — invoke-pending-creating::',
    );
  });

  it('says what was expected and observed, quotes the rule and gives the replay, on escaped lines', () => {
    const line = annotate(divergentRecord).find((l) => l.includes('invoke-pending-creating::'));
    const message = line?.slice(line.indexOf('::', 2) + 2) ?? '';
    expect(message).not.toContain('\n');
    const lines = message.split('%0A');
    expect(lines[0]).toBe(
      'Forbidden operation accepted: expected error ResourceConflictException (409) /following state: Pending/, observed ok {ranCode: 1, StatusCode: 200}',
    );
    expect(lines).toContain(
      '“Lambda does not invoke a function during pending state.” — function-states',
    );
    expect(lines.some((l) => l.startsWith('Replay: npx lambda-conformance'))).toBe(true);
  });

  it('marks a baselined divergence as a notice, inconclusive steps as warnings, a failed gate as an error', () => {
    const lines = annotate(divergentRecord);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(1);
    expect(
      lines.filter((l) => l.startsWith('::warning title=lambda-conformance%3A inconclusive::')),
    ).toEqual([
      '::warning title=lambda-conformance%3A inconclusive::GetFunction(fn1): TooManyRequestsException after 5 retries',
      '::warning title=lambda-conformance%3A inconclusive::Invoke(fn0): TooManyRequestsException after 5 retries',
    ]);
    expect(
      lines.filter((l) =>
        l.startsWith('::error title=lambda-conformance%3A coverage gate failed::'),
      ),
    ).toHaveLength(1);
  });

  it('points at the spec relative to GITHUB_WORKSPACE when the spec path is absolute', () => {
    const spec: Spec = {
      ...tinySpec,
      operations: new Map(
        [...tinySpec.operations].map(([name, op]) => [
          name,
          {
            ...op,
            rules: op.rules.map((r) => ({
              ...r,
              location: { ...r.location, file: '/work/repo/spec/mine.yaml' },
            })),
          },
        ]),
      ),
    };
    const lines = annotate(divergentRecord, { GITHUB_WORKSPACE: '/work/repo' }, spec);
    expect(lines.some((l) => l.startsWith('::error file=spec/mine.yaml,line=20,col=3,'))).toBe(
      true,
    );
  });

  it('prints nothing for a conformant run', () => {
    expect(annotate(conformantRecord)).toEqual([]);
  });
});
