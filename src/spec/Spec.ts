/**
 * The loaded, validated form of a lifecycle spec (spec/README.md documents the YAML). Everything the
 * monitor, the command generator, the linter and the reporters need, with source locations kept so
 * that a finding can point back at the YAML.
 */

/** A scalar value of a field, an input or an observed response member. */
export type Scalar = string | number | boolean;

/** 1-based position in the spec file. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * What a source is: an AWS `document` (a page; its local copy lets `lint` verify quotes), a
 * `recording` of real AWS answers (a file of recorded responses in a public repository), or a
 * `summary` written about the documents. Only documents and recordings are primary sources: `lint`
 * refuses citations of a summary.
 */
export type SourceKind = 'document' | 'recording' | 'summary';

/** A source the spec cites (`sources:`). */
export interface Source {
  readonly id: string;
  readonly title: string;
  readonly kind: SourceKind;
  readonly url?: string;
  /** When the local copy was made (documents): a date, or why it is not known. */
  readonly copied?: string;
  /** Recordings: `owner/name` of the repository, the file's path in it, and the commit read. */
  readonly repository?: string;
  readonly path?: string;
  readonly commit?: string;
  readonly location: Location;
}

/** A verbatim quote of a document source. */
export interface DocumentCitation {
  readonly kind: 'document';
  readonly source: string;
  readonly quote: string;
}

/**
 * Recorded real-AWS behaviour: a test of a recording source, the keys of its recorded answers that
 * show the rule, the date they were recorded (as the recording writes it) and what they show (a
 * description, not a quote).
 */
export interface RecordingCitation {
  readonly kind: 'recording';
  readonly source: string;
  readonly test: string;
  readonly keys: readonly string[];
  readonly recorded: string;
  readonly shows: string;
}

/** A citation of a primary source; every rule and transition carries at least one. */
export type Citation = DocumentCitation | RecordingCitation;

/**
 * What supports a rule or a time bound: `documented` (an AWS page says it), `recorded` (a recorded
 * real-AWS answer shows it) or `inferred` (neither: an assumption, stated in the `note`). A run with
 * strictness `documented` reports what breaks an inferred rule as information only.
 */
export type Evidence = 'documented' | 'recorded' | 'inferred';

/** The evidence kinds, in the order the language lists them. */
export const EVIDENCE_KINDS: readonly Evidence[] = ['documented', 'recorded', 'inferred'];

/** A way to read the documents where they contradict each other; a run chooses one. */
export interface Reading {
  readonly id: string;
  readonly description: string;
  readonly cite: readonly Citation[];
}

/** An abstract per-function field. `enum` fields take one of `values`; `int` fields are counters/revisions. */
export type FieldDecl =
  | {
      readonly name: string;
      readonly type: 'enum';
      readonly values: readonly string[];
      readonly initial: string;
      readonly description: string;
    }
  | {
      readonly name: string;
      readonly type: 'int';
      readonly initial: number;
      readonly description: string;
    };

/** An argument an operation takes; the generator draws it from `values` or from `min..max`. */
export type InputDecl =
  | { readonly name: string; readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly name: string; readonly type: 'int'; readonly min: number; readonly max: number };

/** Where a compared value comes from: another field of the same function, or an operation input. */
export type Ref =
  | { readonly from: 'field'; readonly name: string }
  | { readonly from: 'input'; readonly name: string };

/**
 * A constraint on one value.
 * - `in`: equals one of `values` (a single YAML scalar is a one-element list);
 * - `notIn`: `{ not: … }`;
 * - `equals`: equals the referenced field or input (`$liveCode`, `input.code`);
 * - `absent` / `present`: only in `observe`, the response member is missing / there.
 */
export type Condition =
  | { readonly kind: 'in'; readonly values: readonly Scalar[] }
  | { readonly kind: 'notIn'; readonly values: readonly Scalar[] }
  | { readonly kind: 'equals'; readonly ref: Ref }
  | { readonly kind: 'absent' }
  | { readonly kind: 'present' };

/** `when` / `from`: conditions on fields and inputs, plus the readings under which a rule applies. */
export interface Guard {
  readonly fields: Readonly<Record<string, Condition>>;
  readonly inputs: Readonly<Record<string, Condition>>;
  /** Empty = every reading. */
  readonly readings: readonly string[];
}

/** A new value for a field. `increment` adds `by` to an int field. */
export type ValueExpr =
  | { readonly kind: 'literal'; readonly value: Scalar }
  | { readonly kind: 'ref'; readonly ref: Ref }
  | { readonly kind: 'increment'; readonly by: number };

/**
 * What a rule or transition changes. `revisionId`: `fresh` = the function's RevisionId must differ
 * the next time it is observed, `maybe` = it may or may not, `same` (default) = it must not change.
 */
export interface Effects {
  readonly set: Readonly<Record<string, ValueExpr>>;
  readonly revisionId: 'same' | 'fresh' | 'maybe';
}

/** One outcome a rule allows. A rule with several allows any of them (the documents permit each). */
export type Outcome =
  | {
      readonly kind: 'ok';
      readonly effects: Effects;
      /** Observation field → constraint (values may reference fields: checked AFTER effects). */
      readonly observe: Readonly<Record<string, Condition>>;
    }
  | {
      readonly kind: 'error';
      /** Allowed error types; `'*'` = any error. */
      readonly types: readonly string[] | '*';
      /** Allowed HTTP statuses; `'*'` = any. */
      readonly statuses: readonly number[] | '*';
      /** Pattern the message must match, when the documents give the text. */
      readonly message?: RegExp;
      readonly effects: Effects;
    }
  | {
      /** The documents say nothing: whatever happens is recorded as information. */
      readonly kind: 'unspecified';
      readonly effects: Effects;
    };

/** One rule of an operation: the first rule whose `when` holds decides what is allowed. */
export interface Rule {
  readonly id: string;
  readonly operation: string;
  readonly when: Guard;
  readonly outcomes: readonly Outcome[];
  readonly cite: readonly Citation[];
  /** Undeclared evidence counts as `inferred`; `lint` refuses a rule without it. */
  readonly evidence?: Evidence;
  readonly note?: string;
  readonly location: Location;
}

/** A spec operation: the inputs the generator draws and the ordered rules. */
export interface OperationSpec {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly rules: readonly Rule[];
  readonly location: Location;
}

/** A transition the target makes by itself (`async`, within a time bound) or on an environment `event`. */
export interface Transition {
  readonly id: string;
  readonly from: Guard;
  readonly to: Effects;
  readonly trigger:
    | { readonly kind: 'async'; readonly withinMs: number; readonly bound?: TimeBound }
    | { readonly kind: 'event'; readonly event: string };
  readonly cite: readonly Citation[];
  /** Undeclared evidence counts as `inferred`; `lint` refuses a transition without it. */
  readonly evidence?: Evidence;
  readonly note?: string;
  readonly location: Location;
}

/** Where an async transition's `within` bound comes from (`async: { within, evidence, cite }`). */
export interface TimeBound {
  readonly evidence?: Evidence;
  readonly cite: readonly Citation[];
  readonly note?: string;
  readonly location: Location;
}

/** A loaded spec. `fields` always contains `state` and `lastUpdateStatus` (enum fields). */
export interface Spec {
  readonly file: string;
  /** SHA-256 (hex) of the spec text, so a run record names exactly what it checked. */
  readonly hash: string;
  readonly title: string;
  readonly sources: ReadonlyMap<string, Source>;
  readonly readings: ReadonlyMap<string, Reading>;
  readonly defaultReading: string;
  readonly fields: ReadonlyMap<string, FieldDecl>;
  readonly inputs: ReadonlyMap<string, InputDecl>;
  readonly events: readonly string[];
  readonly operations: ReadonlyMap<string, OperationSpec>;
  readonly transitions: readonly Transition[];
}
