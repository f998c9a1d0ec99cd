import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { withCoverageGate, type RunRecord } from '../runner/RunRecord.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { conformantRecord, divergentRecord, tinySpec, withoutGate } from './fixtures.testkit.ts';
import { MarkdownReporter, type DiagramRenderer } from './MarkdownReporter.ts';
import { loadMermaid, type MermaidApi } from './dom.testkit.ts';
import { captureTerminal, normaliseTimes, reportContext } from './terminal.testkit.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

let outDir = '';
beforeEach(async () => {
  outDir = await tempDir('markdown-reporter-');
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/**
 * Snapshots use this stand-in for `renderDiagram`, which prints the marks it was given, so they
 * check what the reporter passes without depending on the diagram's layout (tested in src/spec).
 */
const stubDiagram: DiagramRenderer = (spec, marks) =>
  [
    'stateDiagram-v2',
    `  %% ${spec.file}`,
    `  %% violated: ${[...(marks.violated ?? [])].sort().join(', ')}`,
    `  %% unexercised: ${[...(marks.unexercised ?? [])].sort().join(', ')}`,
    '  [*] --> Absent',
    '',
  ].join('\n');

async function summary(
  record: RunRecord = divergentRecord,
  env: Record<string, string> = {},
  spec: Spec = tinySpec,
  diagram?: DiagramRenderer,
): Promise<string> {
  const terminal = captureTerminal({ env });
  const reporter = diagram === undefined ? new MarkdownReporter() : new MarkdownReporter(diagram);
  await reporter.finish(record, reportContext(terminal, join(outDir, 'reports'), spec));
  return readFile(join(outDir, 'reports', 'summary.md'), 'utf8');
}

function mermaidBlock(markdown: string): string {
  const match = /^```+mermaid\n([\s\S]*?)^```+$/m.exec(markdown);
  expect(match).not.toBeNull();
  return match?.[1] ?? '';
}

let mermaid: MermaidApi;
beforeAll(async () => {
  mermaid = await loadMermaid();
});

describe('markdown reporter', () => {
  it('writes only summary.md, matching the reviewed snapshot', async () => {
    const text = await summary(divergentRecord, {}, tinySpec, stubDiagram);
    expect(await readdir(join(outDir, 'reports'))).toEqual(['summary.md']);
    await expect(normaliseTimes(text, divergentRecord.startedAt)).toMatchFileSnapshot(
      '__snapshots__/summary-divergent.md',
    );
  });

  it('matches the reviewed snapshot for a conformant run', async () => {
    const text = await summary(conformantRecord, {}, tinySpec, stubDiagram);
    await expect(normaliseTimes(text, conformantRecord.startedAt)).toMatchFileSnapshot(
      '__snapshots__/summary-conformant.md',
    );
  });

  it('groups divergences by category with known ones in their own section', async () => {
    const text = await summary();
    const at = (s: string): number => text.indexOf(s);
    expect(at('### Divergences (2)')).toBeGreaterThan(0);
    expect(at('#### Forbidden operation accepted (1)')).toBeLessThan(at('#### Wrong error type'));
    expect(at('### Known divergences (1)')).toBeGreaterThan(at('#### Wrong error type'));
    expect(at('#### Too late or never (time bound) (1)')).toBeGreaterThan(
      at('### Known divergences'),
    );
  });

  it('shows quotes verbatim, escaped for Markdown and HTML, and no control characters', async () => {
    const text = await summary();
    expect(text).toContain(
      '> While "InProgress", it\'s refused: \\<ResourceConflictException\\> \\& 409 \\| "An update is in progress"',
    );
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
  });

  it('marks violated and never-exercised rules in the rules table', async () => {
    const text = await summary();
    expect(text).toContain(
      '| `invoke-pending-creating` | Invoke | documented | 5 | 1 | ❌ violated |',
    );
    expect(text).toContain(
      '| `create-existing` | CreateFunction | documented | 0 | 0 | ⏭️ never exercised |',
    );
    expect(text).toContain(
      '| `update-completes` | transition (async) | documented | 8 | 1 | ⚠️ known |',
    );
    expect(text).toContain('| `create` | CreateFunction | documented | 37 | 0 | ✅ passed |');
    expect(text).toContain(
      '| `update-code-in-progress` | UpdateFunctionCode | recorded | 4 | 1 | ❌ violated |',
    );
  });

  it('notes a failed coverage gate right under the run table, listing the unexercised rules', async () => {
    const text = await summary(withCoverageGate(conformantRecord, 95));
    expect(text.split('\n')[0]).toMatch(/^## ✅ Conformant: .* — ❌ coverage gate failed$/);
    expect(text).toContain(
      '| Coverage gate | ❌ failed: 88.9% of rules and transitions exercised, below the minimum 95% |',
    );
    expect(text).toContain(
      '| Tool | lambda-conformance 0.1.0 |\n\n### ❌ Coverage gate failed\n\n' +
        '88.9% of rules and transitions exercised, below the minimum 95%: the run fails (exit 1). ' +
        'Never exercised (1):\n\n- `idle-reclaim` — transition (event:idle-reclaim)\n\n### Rules (9)',
    );
  });

  it('has no gate row or note without a gate, and no note when it passed', async () => {
    const noGate = withoutGate(divergentRecord);
    expect(await summary(noGate)).not.toContain('Coverage gate');
    expect(await summary(conformantRecord)).not.toContain('Coverage gate failed');
  });

  it('marks violated (known included) and never-exercised rules on the diagram', async () => {
    const diagram = mermaidBlock(await summary(divergentRecord, {}, tinySpec, stubDiagram));
    expect(diagram).toContain(
      '%% violated: invoke-pending-creating, update-code-in-progress, update-completes\n',
    );
    expect(diagram).toContain('%% unexercised: create-existing, idle-reclaim\n');
    await expect(mermaid.parse(diagram)).resolves.toBeTruthy();
  });

  it('embeds a valid Mermaid diagram with violated and unexercised marks', async () => {
    const diagram = mermaidBlock(await summary());
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(diagram).toContain('✗ update-completes within 10m');
    expect(diagram).toContain('Active --> Inactive : idle-reclaim on idle-reclaim (not exercised)');
    await expect(mermaid.parse(diagram)).resolves.toBeTruthy();
  });

  it('embeds a valid Mermaid diagram of the shipped spec', async () => {
    const spec = await loadSpec('spec/lambda-lifecycle.yaml');
    const diagram = mermaidBlock(await summary(divergentRecord, {}, spec));
    await expect(mermaid.parse(diagram)).resolves.toBeTruthy();
  });

  it('proves the Mermaid check can fail', async () => {
    await expect(mermaid.parse('stateDiagram-v2\n  Active --> --> : broken')).rejects.toThrow();
  });

  it('appends the same text to GITHUB_STEP_SUMMARY when it is set', async () => {
    const stepSummary = join(outDir, 'step-summary.md');
    await writeFile(stepSummary, '# earlier step\n', 'utf8');
    const text = await summary(divergentRecord, { GITHUB_STEP_SUMMARY: stepSummary });
    expect(await readFile(stepSummary, 'utf8')).toBe(`# earlier step\n${text}`);
    expect(await readdir(join(outDir, 'reports'))).toEqual(['summary.md']);
  });

  it('leaves GITHUB_STEP_SUMMARY alone when it is empty', async () => {
    await summary(divergentRecord, { GITHUB_STEP_SUMMARY: '' });
    expect(await readdir(outDir)).toEqual(['reports']);
  });
});
