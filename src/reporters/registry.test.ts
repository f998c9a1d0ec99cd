import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { HarnessError } from '../errors/HarnessError.ts';
import { createReporters, REPORTER_NAMES, withCiReporter } from './registry.ts';
import { divergentRecord, tinySpec } from './fixtures.testkit.ts';
import { captureTerminal, reportContext } from './terminal.testkit.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('createReporters', () => {
  it('builds a fresh reporter per name, in order, each name once', () => {
    const terminal = captureTerminal();
    const reporters = createReporters(['markdown', 'console', 'json', 'markdown'], terminal);
    expect(reporters.map((r) => r.name)).toEqual(['markdown', 'console', 'json']);
    const again = createReporters(['markdown'], terminal);
    expect(again[0]).not.toBe(reporters[0]);
  });

  it('knows console, json, junit, markdown and github-actions', () => {
    expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'markdown', 'github-actions']);
    const names = createReporters(REPORTER_NAMES, captureTerminal()).map((r) => r.name);
    expect(names).toEqual([...REPORTER_NAMES]);
  });

  it('only the console reporter has live progress', () => {
    const reporters = createReporters(REPORTER_NAMES, captureTerminal());
    const withProgress = reporters.filter((r) => r.onProgress !== undefined).map((r) => r.name);
    expect(withProgress).toEqual(['console']);
  });

  it('rejects an unknown name with UNKNOWN_REPORTER, a suggestion and the list', () => {
    const attempt = (): unknown => createReporters(['console', 'jsno'], captureTerminal());
    expect(attempt).toThrow(HarnessError);
    expect(attempt).toThrow(
      "unknown reporter 'jsno'. Did you mean 'json'? Known reporters: console, json, junit, markdown, github-actions.",
    );
    try {
      attempt();
    } catch (error) {
      expect((error as HarnessError).code).toBe('UNKNOWN_REPORTER');
    }
  });

  it('suggests case-insensitively', () => {
    expect(() => createReporters(['JUNTI'], captureTerminal())).toThrow("Did you mean 'junit'?");
  });

  it('lists every unknown name, without a suggestion when nothing is close', () => {
    const attempt = (): unknown => createReporters(['xml', 'markdwn'], captureTerminal());
    expect(attempt).toThrow(
      "unknown reporter 'xml'. Known reporters: console, json, junit, markdown, github-actions.\n" +
        "unknown reporter 'markdwn'. Did you mean 'markdown'? Known reporters: console, json, junit, markdown, github-actions.",
    );
  });
});

describe('withCiReporter', () => {
  it('adds github-actions in a GitHub Actions job, once, and nothing elsewhere', () => {
    const names = ['console', 'json'];
    expect(withCiReporter(names, { GITHUB_ACTIONS: 'true' })).toEqual([
      'console',
      'json',
      'github-actions',
    ]);
    expect(withCiReporter(['github-actions'], { GITHUB_ACTIONS: 'true' })).toEqual([
      'github-actions',
    ]);
    expect(withCiReporter(names, {})).toBe(names);
    expect(withCiReporter(names, { GITHUB_ACTIONS: 'false' })).toBe(names);
  });
});

describe('every reporter together', () => {
  it('reads a frozen record and writes one file each, no ANSI codes in any file', async () => {
    const outDir = await tempDir('reporters-');
    try {
      const record = deepFreeze(structuredClone(divergentRecord));
      const terminal = captureTerminal({ color: true });
      const ctx = reportContext(terminal, outDir, tinySpec);
      for (const reporter of createReporters(REPORTER_NAMES, terminal)) {
        await reporter.finish(record, ctx);
      }
      expect(record).toEqual(divergentRecord);
      const files = (await readdir(outDir)).sort();
      expect(files).toEqual(['junit.xml', 'run.json', 'summary.md']);
      for (const file of files) {
        expect(await readFile(join(outDir, file), 'utf8')).not.toContain('\u001b');
      }
      expect(terminal.output.out).toContain('\u001b[');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
