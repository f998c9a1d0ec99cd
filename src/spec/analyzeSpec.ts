import { createHash } from 'node:crypto';
import type { Issue } from '../errors/HarnessError.ts';
import type { OperationSpec, SourceKind, Spec } from './Spec.ts';
import { checkSpec } from './checkSpec.ts';
import { IssueSink } from './IssueSink.ts';
import { parseYaml } from './parseYaml.ts';
import type { CitationRef, EvidenceRef, QuoteRef, ReadContext, SourceFile } from './ReadContext.ts';
import { newReadContext } from './ReadContext.ts';
import { readEvents, readFields, readInputs } from './readFields.ts';
import { readMap, readNumber, readString } from './readNode.ts';
import { readOperations } from './readOperations.ts';
import { readReadings, readSources } from './readSources.ts';
import { readTransitions } from './readTransitions.ts';
import type { YNode, YPos } from './YNode.ts';

/**
 * What the linter needs beyond the spec: where quotes, citations, evidence, source files and
 * events are written, and the kind of every declared source.
 */
export interface LintFacts {
  readonly quotes: readonly QuoteRef[];
  readonly citations: readonly CitationRef[];
  readonly evidencePositions: ReadonlyMap<string, EvidenceRef>;
  readonly sourceKinds: ReadonlyMap<string, SourceKind>;
  readonly sourceFiles: ReadonlyMap<string, SourceFile>;
  readonly eventPositions: ReadonlyMap<string, YPos>;
}

/** The outcome of reading and checking a spec: the spec as far as it could be read, and every issue. */
export interface SpecAnalysis {
  /** Complete only when `issues` is empty. */
  readonly spec: Spec;
  readonly issues: readonly Issue[];
  readonly lint: LintFacts;
}

const TOP_KEYS = {
  required: ['version', 'title', 'sources', 'fields', 'operations'],
  optional: ['readings', 'inputs', 'events', 'transitions'],
  extensions: true,
};

function emptySpec(file: string, hash: string): Spec {
  const empty = new Map<never, never>();
  return {
    file,
    hash,
    title: '',
    sources: empty,
    readings: empty,
    defaultReading: '',
    fields: empty,
    inputs: empty,
    events: [],
    operations: empty,
    transitions: [],
  };
}

function readBody(root: YNode | undefined, ctx: ReadContext, file: string, hash: string): Spec {
  if (root === undefined) {
    ctx.sink.report(
      'wrong-type',
      { line: 1, column: 1 },
      'spec: the file is empty.',
      'Start from spec/lambda-lifecycle.yaml.',
    );
    return emptySpec(file, hash);
  }
  const map = readMap(root, ctx.sink, 'spec', 'the spec', TOP_KEYS);
  if (map === undefined) return emptySpec(file, hash);
  const versionNode = map['version'];
  const version =
    versionNode && readNumber(versionNode, ctx.sink, 'spec', "'version'", { integer: true });
  if (versionNode !== undefined && version !== undefined && version !== 1) {
    ctx.sink.report(
      'bad-value',
      versionNode.pos,
      `spec: unsupported version ${version}.`,
      'This harness reads `version: 1`.',
    );
  }
  const title = map['title'] && readString(map['title'], ctx.sink, 'spec', "'title'");
  const sources = readSources(map['sources'], ctx);
  const { readings, defaultReading } = readReadings(map['readings'], ctx);
  readFields(map['fields'], ctx);
  readInputs(map['inputs'], ctx);
  readEvents(map['events'], ctx);
  const before = ctx.sink.count;
  const operationsRead = readOperations(map['operations'], ctx);
  const transitionsRead = readTransitions(map['transitions'], ctx);
  const spec: Spec = {
    file,
    hash,
    title: title ?? '',
    sources,
    readings,
    defaultReading,
    fields: ctx.decl.fields,
    inputs: ctx.decl.inputs,
    events: [...ctx.decl.events],
    operations: new Map<string, OperationSpec>(
      operationsRead.map((o) => [o.operation.name, o.operation]),
    ),
    transitions: transitionsRead.transitions,
  };
  // The analyses need the declarations; a rule that failed to read would make them report false gaps.
  const declarationsClean = before === 0;
  const complete = operationsRead
    .filter((o) => o.complete && declarationsClean)
    .map((o) => o.operation.name);
  checkSpec(spec, ctx, new Set(complete), declarationsClean && ctx.sink.count === before);
  return spec;
}

/**
 * Parses and checks a spec, collecting every issue (YAML syntax, shape, references, and the
 * whole-spec analyses) instead of stopping at the first. Never throws for any input text.
 */
export function analyzeSpec(text: string, file: string): SpecAnalysis {
  const hash = createHash('sha256').update(text).digest('hex');
  const sink = new IssueSink(file);
  const ctx = newReadContext(sink);
  const parsed = parseYaml(text, file);
  sink.addAll(parsed.issues);
  // After a syntax error the tree may be cut short: reporting its shape would only add noise.
  const spec =
    parsed.issues.length > 0 ? emptySpec(file, hash) : readBody(parsed.root, ctx, file, hash);
  const lint = {
    quotes: ctx.quotes,
    citations: ctx.citations,
    evidencePositions: ctx.evidencePositions,
    sourceKinds: ctx.decl.sourceKinds,
    sourceFiles: ctx.sourceFiles,
    eventPositions: ctx.eventPositions,
  };
  return { spec, issues: sink.issues, lint };
}
