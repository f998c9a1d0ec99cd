import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import { renderDiagram } from '../spec/renderDiagram.ts';
import { cli } from './cli.testkit.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

describe('lambda-conformance diagram', () => {
  it('prints the diagram, or writes it to --out (fenced for .md)', async () => {
    const spec = await loadSpec('spec/lambda-lifecycle.yaml');
    const printed = await cli('diagram', 'spec/lambda-lifecycle.yaml');
    expect(printed.code).toBe(0);
    expect(printed.out).toBe(renderDiagram(spec).trimEnd());
    const dir = await tempDir('diagram-');
    try {
      const file = join(dir, 'states.md');
      const written = await cli('diagram', 'spec/lambda-lifecycle.yaml', '--out', file);
      expect(written.code).toBe(0);
      expect(written.out).toBe(`diagram: wrote ${file}`);
      expect(await readFile(file, 'utf8')).toBe(`\`\`\`mermaid\n${renderDiagram(spec)}\`\`\`\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the issues for a bad or missing spec and for a bad command line', async () => {
    const missing = await cli('diagram', 'nope.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('nope.yaml:1:1: cannot read the spec: no such file. Check the path.');
    const none = await cli('diagram');
    expect(none.code).toBe(2);
    expect(none.err).toBe('diagram: usage: lambda-conformance diagram <spec.yaml> [--out file]');
    const noValue = await cli('diagram', 'spec/lambda-lifecycle.yaml', '--out');
    expect(noValue.code).toBe(2);
    expect(noValue.err).toBe('--out: expected a value (--out FILE), got nothing.');
  });
});
