import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const SPEC_DIRS = [join(ROOT, 'src', 'spec'), join(ROOT, 'spec')];
const THIS_FILE = fileURLToPath(import.meta.url);

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
// A string literal naming a spec path: 'spec/…', '../spec', "src/spec/…", `spec/${x}`.
const SPEC_LITERAL = /['"`](?:[^'"`\n]*\/)?spec(?:\/[^'"`\n]*)?['"`]/;

function sourcesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

function specifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].flatMap((m) =>
    m[1] === undefined ? [] : [m[1]],
  );
}

function isUnderSpec(path: string): boolean {
  return SPEC_DIRS.some((dir) => !relative(dir, path).startsWith('..'));
}

/** Every file reachable from `start` through relative imports, `start` included. */
function reachable(start: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
    }
  }
  return seen;
}

describe('the memory simulation is built from the documents, never from the spec', () => {
  const own = sourcesIn(HERE).filter((file) => file !== THIS_FILE);

  it('no file in src/targets/memory, nor anything it imports, comes from src/spec or spec/', () => {
    const offenders = [...reachable(own)].filter(isUnderSpec).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('no file in src/targets/memory names a spec path in a string (no reading spec/ at run time)', () => {
    const offenders = own.filter((file) => SPEC_LITERAL.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the check itself notices a spec import and a spec path', () => {
    const probe = "import { loadSpec } from '../spec/loadSpec.ts';";
    const [spec] = [...probe.matchAll(SPECIFIER)].map((m) => m[1]);
    expect(isUnderSpec(resolve(HERE, spec ?? ''))).toBe(true);
    expect(SPEC_LITERAL.test("readFileSync('spec/lambda-lifecycle.yaml')")).toBe(true);
    expect(SPEC_LITERAL.test("readFileSync(join(root, 'spec'))")).toBe(true);
    expect(SPEC_LITERAL.test('// the spec is checked against it')).toBe(false);
    // The walk follows imports out of this folder (the handler, the shared target types).
    const walked = [...reachable(own)].map((f) => relative(ROOT, f));
    expect(walked).toContain(join('src', 'targets', 'handler', 'runHandler.ts'));
    expect(walked).toContain(join('src', 'targets', 'LambdaApi.ts'));
  });
});
