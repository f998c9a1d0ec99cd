import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  folderCycles,
  layerViolations,
  reachableFiles,
  readSources,
  type SourceFile,
} from './checkLayers.testkit.ts';
import { LAYERS, layerTableMarkdown } from './layers.ts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRODUCTION = readSources(SRC);
const EVERY_FILE = readSources(SRC, { tests: true });

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const messages = (files: readonly SourceFile[]) =>
  layerViolations(files, LAYERS).map((v) => v.message);

describe('the folder layering (src/architecture/layers.ts)', () => {
  it('lists each folder once, each importing only folders listed before it', () => {
    const seen: string[] = [];
    for (const layer of LAYERS) {
      expect(seen).not.toContain(layer.folder);
      for (const folder of layer.mayImport)
        expect(seen, `${layer.folder} → ${folder}`).toContain(folder);
      seen.push(layer.folder);
    }
  });

  it('every production file under src/ obeys the table', () => {
    // api → cli is held by its own test below ("api does not import cli"), which waits for the
    // one run pipeline; every other forbidden import fails here.
    const violations = layerViolations(PRODUCTION, LAYERS).filter(
      (v) => !(v.fromLayer === 'api' && v.toLayer === 'cli'),
    );
    expect(violations.map((v) => v.message)).toEqual([]);
  });

  it('has no folder cycle (every folder on its own, subfolders too)', () => {
    expect(folderCycles(PRODUCTION)).toEqual([]);
  });

  it('targets/aws reaches nothing in targets/memory, not even through other folders', () => {
    const aws = PRODUCTION.map((f) => f.path).filter(under('targets/aws'));
    expect(aws.length).toBeGreaterThan(0);
    const reached = [...reachableFiles(aws, PRODUCTION)].filter(under('targets/memory'));
    expect(reached).toEqual([]);
  });

  // Expected to fail until the one run pipeline (issue 11, item 2) removes api's imports of
  // src/cli/ (resolveRun.ts, runCommand.ts); the table already forbids them.
  it('api does not import cli', () => {
    const api = PRODUCTION.map((f) => f.path).filter(under('api'));
    expect(api.length).toBeGreaterThan(0);
    const reached = [...reachableFiles(api, PRODUCTION)].filter(under('cli'));
    expect(reached).toEqual([]);
  });

  it('prints as a Markdown table with one row per folder', () => {
    const lines = layerTableMarkdown().split('\n');
    expect(lines).toHaveLength(LAYERS.length + 2);
    expect(lines[2]).toBe(
      '| `errors/` | HarnessError, issues and how they print; didYouMean hints | — |',
    );
    expect(lines.find((l) => l.startsWith('| `targets/memory/`'))).toContain('`targets`, `lambda`');
  });
});

describe('the layering check fails on a planted forbidden import', () => {
  const plant = (path: string, text: string) => [...PRODUCTION, { path, text }];

  it('in each import form: static, type-only, export-from and dynamic', () => {
    const forms = {
      'targets/memory/planted.ts': "import { loadSpec } from '../../spec/loadSpec.ts';",
      'targets/aws/planted.ts': "export { createMemoryTarget } from '../memory/MemoryTarget.ts';",
      'targets/planted.ts': "const start = await import('../emulator/startEmulator.ts');",
      'lambda/planted.ts': "import type { Spec } from '../spec/Spec.ts';",
    };
    for (const [path, text] of Object.entries(forms)) {
      const found = messages(plant(path, text)).filter((m) => m.startsWith(`src/${path}:`));
      expect(found, path).toHaveLength(1);
    }
    expect(messages(plant('targets/aws/planted.ts', forms['targets/aws/planted.ts']))).toContain(
      "src/targets/aws/planted.ts: imports '../memory/MemoryTarget.ts' (targets/memory), which targets/aws may not import",
    );
  });

  it('and finds the folder cycle a backward import makes', () => {
    const files = plant(
      'spec/planted.ts',
      "import { FunctionMonitor } from '../monitor/Monitor.ts';",
    );
    expect(folderCycles(files)).toContainEqual(['monitor', 'spec']);
    expect(messages(files)).toContain(
      "src/spec/planted.ts: imports '../monitor/Monitor.ts' (monitor), which spec may not import",
    );
  });

  it('and names a folder that is in no layer', () => {
    const found = messages(plant('pipeline/executeRun.ts', 'export const x = 1;'));
    expect(found.filter((m) => m.startsWith('src/pipeline/'))).toEqual([
      "src/pipeline/executeRun.ts: folder 'pipeline' is in no layer; add it to LAYERS (src/architecture/layers.ts)",
    ]);
  });

  describe('on a tree read from disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };

    it('ignoring tests, test support and imports named in comments or strings', () => {
      write('errors/e.ts', 'export const e = 1;');
      write('spec/s.ts', "import { e } from '../errors/e.ts';\nexport const s = e;");
      write('lambda/ok.ts', "import { e } from '../errors/e.ts';\nexport const ok = e;");
      write(
        'lambda/bad.ts',
        [
          "// import { s } from '../spec/s.ts';",
          'const text = "import { s } from \'../spec/s.ts\'";',
          "export const bad = text + String(await import('../spec/s.ts'));",
        ].join('\n'),
      );
      write('lambda/bad.test.ts', "import { s } from '../spec/s.ts';");
      write('lambda/support.testkit.ts', "import { s } from '../spec/s.ts';");
      write('lambda/fixtures/f.ts', "import { s } from '../../spec/s.ts';");
      const files = readSources(root);
      expect(files.map((f) => f.path)).toEqual([
        'errors/e.ts',
        'lambda/bad.ts',
        'lambda/ok.ts',
        'spec/s.ts',
      ]);
      expect(messages(files)).toEqual([
        "src/lambda/bad.ts: imports '../spec/s.ts' (spec), which lambda may not import",
      ]);
      expect(folderCycles(files)).toEqual([]);
    });
  });
});

// A string literal naming a spec path: 'spec/…', '../spec', "src/spec/…", `spec/${x}`.
const SPEC_LITERAL = /['"`](?:[^'"`\n]*\/)?spec(?:\/[^'"`\n]*)?['"`]/;
const isSpecPath = (path: string) => path.startsWith('spec/') || path.startsWith('../spec/');

describe('the memory simulation is built from the documents, never from the spec', () => {
  const memory = EVERY_FILE.filter((f) => under('targets/memory')(f.path));

  it('nothing any file in src/targets/memory imports (tests included) comes from src/spec or spec/', () => {
    const reached = reachableFiles(
      memory.map((f) => f.path),
      EVERY_FILE,
    );
    expect([...reached].filter(isSpecPath)).toEqual([]);
  });

  it('no file in src/targets/memory names a spec path in a string (no reading spec/ at run time)', () => {
    expect(memory.filter((f) => SPEC_LITERAL.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('the check itself notices a spec import, a spec path, and follows imports out of the folder', () => {
    const planted: SourceFile[] = [
      ...EVERY_FILE,
      {
        path: 'targets/memory/a.test.ts',
        text: "import { loadSpec } from '../../spec/loadSpec.ts';",
      },
      {
        path: 'targets/memory/b.ts',
        text: "import text from '../../../spec/lambda-lifecycle.yaml';",
      },
    ];
    const reached = reachableFiles(['targets/memory/a.test.ts', 'targets/memory/b.ts'], planted);
    expect([...reached].filter(isSpecPath)).toEqual(
      expect.arrayContaining(['../spec/lambda-lifecycle.yaml', 'spec/loadSpec.ts', 'spec/Spec.ts']),
    );
    expect(SPEC_LITERAL.test("readFileSync('spec/lambda-lifecycle.yaml')")).toBe(true);
    expect(SPEC_LITERAL.test("readFileSync(join(root, 'spec'))")).toBe(true);
    expect(SPEC_LITERAL.test('// the spec is checked against it')).toBe(false);
    const walked = reachableFiles(
      memory.map((f) => f.path),
      EVERY_FILE,
    );
    expect(walked).toContain('targets/handler/runHandler.ts');
    expect(walked).toContain('lambda/LambdaApi.ts');
  });
});
