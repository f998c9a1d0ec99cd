import type { FieldDecl, InputDecl, SourceKind } from './Spec.ts';
import type { IssueSink } from './IssueSink.ts';
import type { YPos } from './YNode.ts';

/**
 * What the spec readers share while they walk the YAML tree: the issue sink, the declarations read so
 * far (guards and effects are checked against them as they are read), and the facts only the linter
 * needs (where each quote and event is written).
 */

/** A quote as written in the spec, for quote verification. */
export interface QuoteRef {
  readonly source: string;
  readonly quote: string;
  /** Who cites it: `rule 'create'`, `transition 'x'`, `reading 'seed'`. */
  readonly owner: string;
  readonly pos: YPos;
}

/** A citation as written in the spec, for the evidence checks: whose, of which source, where. */
export interface CitationRef {
  readonly source: string;
  readonly owner: string;
  readonly pos: YPos;
}

/** Where a rule's, transition's or time bound's `evidence` (or the owner itself) is written. */
export interface EvidenceRef {
  /** `rule 'create'`, `transition 'x'`, `transition 'x' (its time bound)`. */
  readonly owner: string;
  /** The `evidence:` value, or the owner's position when it has none. */
  readonly pos: YPos;
}

/** A source's local copy (`file:`), as written (relative to the spec file). */
export interface SourceFile {
  readonly path: string;
  readonly pos: YPos;
}

/** The spec's declarations, as read so far. */
export interface Declarations {
  readonly fields: Map<string, FieldDecl>;
  readonly inputs: Map<string, InputDecl>;
  readonly sources: Set<string>;
  /** The kind of each declared source (documents, recordings, summaries). */
  readonly sourceKinds: Map<string, SourceKind>;
  readonly readings: Set<string>;
  readonly events: Set<string>;
  /**
   * Fields (`name`) and inputs (`input.name`) that are declared but could not be read: their own issue
   * is reported, so references to them are not reported again as unknown.
   */
  readonly unreadable: Set<string>;
}

/** Mutable state of one read of one spec. */
export interface ReadContext {
  readonly sink: IssueSink;
  readonly decl: Declarations;
  /** Rule and transition ids seen so far, with where each is defined (ids share one namespace). */
  readonly ids: Map<string, YPos>;
  readonly quotes: QuoteRef[];
  readonly citations: CitationRef[];
  readonly evidencePositions: Map<string, EvidenceRef>;
  readonly sourceFiles: Map<string, SourceFile>;
  readonly eventPositions: Map<string, YPos>;
  /** Where each value of `state` is declared, to point at a value nothing reaches. */
  readonly stateValuePositions: Map<string, YPos>;
}

/**
 * What a guard, effect or observation may refer to: the operation's inputs (`input.x`), or none for a
 * transition (`inputs: undefined`), which fires without an operation.
 */
export interface Scope {
  readonly where: string;
  readonly inputs: readonly string[] | undefined;
}

/** A fresh context for reading the spec into `sink`. */
export function newReadContext(sink: IssueSink): ReadContext {
  return {
    sink,
    decl: {
      fields: new Map(),
      inputs: new Map(),
      sources: new Set(),
      sourceKinds: new Map(),
      readings: new Set(),
      events: new Set(),
      unreadable: new Set(),
    },
    ids: new Map(),
    quotes: [],
    citations: [],
    evidencePositions: new Map(),
    sourceFiles: new Map(),
    eventPositions: new Map(),
    stateValuePositions: new Map(),
  };
}
