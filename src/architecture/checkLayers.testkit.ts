import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import type { Layer } from './layers.ts';

/** A source file: its path relative to `src/` (with `/` separators) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/**
 * One relative import, both paths relative to `src/` (`to` starts with `../` when the import leaves
 * `src/`, e.g. the repository's `spec/`).
 */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
}

/** An import the layer table does not allow, or a file outside every layer. */
export interface Violation {
  readonly file: string;
  readonly fromLayer: string | undefined;
  readonly toLayer: string | undefined;
  readonly message: string;
}

/** Test files and test support, which the layering does not bind. */
export function isTestSupport(path: string): boolean {
  return /\.(test|testkit)\.ts$/.test(path) || path.split('/').includes('fixtures');
}

/** Every `.ts` file under `dir`, with paths relative to `dir`; test support too when asked. */
export function readSources(dir: string, options: { tests?: boolean } = {}): SourceFile[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
  return walk(dir)
    .map((file) => ({ path: relative(dir, file).split(sep).join('/'), file }))
    .filter(({ path }) => options.tests === true || !isTestSupport(path))
    .map(({ path, file }) => ({ path, text: readFileSync(file, 'utf8') }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

// Scanning is the slow part and every check walks the same files.
const scanned = new WeakMap<SourceFile, readonly ImportEdge[]>();

/**
 * The relative imports of a file: static `import … from`, `export … from`, side-effect `import '…'`
 * and dynamic `import('…')`, read by the TypeScript scanner, so imports named in comments or
 * strings do not count.
 */
export function importsOf(file: SourceFile): readonly ImportEdge[] {
  const cached = scanned.get(file);
  if (cached !== undefined) return cached;
  const dir = posix.dirname(file.path);
  const edges = ts
    .preProcessFile(file.text, true, true)
    .importedFiles.map((ref) => ref.fileName)
    .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'))
    .map((specifier) => ({ from: file.path, to: posix.join(dir, specifier), specifier }));
  scanned.set(file, edges);
  return edges;
}

/** The imports of a file between folders of `src/` (the ones the layering is about). */
function srcImportsOf(file: SourceFile): readonly ImportEdge[] {
  return importsOf(file).filter((edge) => !edge.to.startsWith('../'));
}

/** The folder of a path relative to `src/` (`''` for a file directly in `src/`). */
export function folderOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** The layer a path belongs to: the longest listed folder that contains it. */
export function layerOf(path: string, layers: readonly Layer[]): string | undefined {
  const folder = folderOf(path);
  return layers
    .map((layer) => layer.folder)
    .filter((name) => folder === name || folder.startsWith(`${name}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Every import of `files` that the table does not allow, and every file outside all layers. */
export function layerViolations(
  files: readonly SourceFile[],
  layers: readonly Layer[],
): Violation[] {
  const allowed = new Map(layers.map((layer) => [layer.folder, new Set(layer.mayImport)]));
  const out: Violation[] = [];
  for (const file of files) {
    const fromLayer = layerOf(file.path, layers);
    if (fromLayer === undefined) {
      out.push({
        file: file.path,
        fromLayer,
        toLayer: undefined,
        message: `src/${file.path}: folder '${folderOf(file.path)}' is in no layer; add it to LAYERS (src/architecture/layers.ts)`,
      });
      continue;
    }
    for (const edge of srcImportsOf(file)) {
      const toLayer = layerOf(edge.to, layers);
      if (toLayer === fromLayer || (toLayer !== undefined && allowed.get(fromLayer)?.has(toLayer)))
        continue;
      out.push({
        file: file.path,
        fromLayer,
        toLayer,
        message: `src/${file.path}: imports '${edge.specifier}' (${toLayer ?? 'no layer'}), which ${fromLayer} may not import`,
      });
    }
  }
  return out;
}

/**
 * The folder cycles among `files`: each strongly connected group of two or more folders (every
 * folder counts on its own here, subfolders too), sorted, as found by Tarjan's algorithm.
 */
export function folderCycles(files: readonly SourceFile[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file.path);
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const edge of srcImportsOf(file)) {
      const to = folderOf(edge.to);
      if (to !== from) targets.add(to);
    }
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      group.push(top);
      if (top === node) break;
    }
    if (group.length > 1) cycles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * Every file reachable from `start` through relative imports (`start` included), paths relative to
 * `src/`; `files` must hold every file that may be reached.
 */
export function reachableFiles(
  start: readonly string[],
  files: readonly SourceFile[],
): Set<string> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const seen = new Set<string>();
  const queue = [...start];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const file = byPath.get(path);
    if (file !== undefined) queue.push(...importsOf(file).map((edge) => edge.to));
  }
  return seen;
}
