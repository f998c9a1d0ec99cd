/**
 * Test helpers for the spec and scenario loaders: a small valid spec, text edits that must apply,
 * and the line:column of a needle, so tests can state where an issue must point without counting
 * lines by hand.
 * @internal
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Issue } from '../errors/HarnessError.ts';
import { SpecError } from '../errors/HarnessError.ts';
import type { IssueCode } from '../errors/issueCodes.ts';
import { parseSpec } from './parseSpec.ts';

/**
 * A small spec that loads and lints clean but for its document source, which declares neither `url`
 * nor `copied` (`incomplete-source`; the lint tests add them and a local copy). @internal
 */
export const MINI_SPEC = `version: 1
title: Mini lifecycle
sources:
  doc: { title: A document }
  rec:
    title: Recorded answers
    kind: recording
    repository: owner/recordings
    path: tests/answers.snapshot.json
    commit: 0123456789abcdef
    url: https://example.com/recordings
readings:
  default: one
  one:
    description: The first reading.
    cite: [{ source: doc, quote: "Reading one." }]
  two:
    description: The second reading.
    cite: [{ source: doc, quote: "Reading two." }]
fields:
  state: { values: [Absent, Pending, Active], initial: Absent }
  lastUpdateStatus: { values: [none, Successful], initial: none }
  liveCode: { type: int, initial: 0 }
inputs:
  code: { type: int, min: 1, max: 3 }
  revisionId: { values: [none, stale] }
events: [idle-reclaim]
operations:
  CreateFunction:
    inputs: [code]
    rules:
      - id: create-existing
        when: { state: { not: Absent } }
        expect: { error: ResourceConflictException, status: 409 }
        cite: [{ source: doc, quote: "Already exists." }]
        evidence: documented
      - id: create
        when: { state: Absent }
        expect: ok
        effects: { state: Pending, liveCode: input.code, revisionId: fresh }
        observe: { State: Pending, RevisionId: present }
        cite: [{ source: doc, quote: "Created." }]
        evidence: documented
  UpdateFunctionCode:
    inputs: [code, revisionId]
    rules:
      - id: update-absent
        when: { state: Absent }
        expect: { error: ResourceNotFoundException, status: 404 }
        cite: [{ source: doc, quote: "Not found." }]
        evidence: documented
      - id: update-stale
        when: { input.revisionId: stale }
        expect: { error: PreconditionFailedException, status: 412, message: "/Revision Id/" }
        cite:
          - { source: doc, quote: "Stale." }
          - source: rec
            test: TestAnswers::test_stale
            keys: [stale_exception]
            recorded: "25-11-2025, 02:39:11"
            shows: A stale RevisionId is refused with 412.
        evidence: recorded
      - id: update
        when: { state: [Pending, Active] }
        expect: ok
        effects: { liveCode: input.code, revisionId: fresh }
        cite: [{ source: doc, quote: "Updated." }]
        evidence: documented
transitions:
  - id: provisioning-completes
    from: { state: Pending }
    to: { state: Active, lastUpdateStatus: Successful, revisionId: fresh }
    async:
      within: 15m
      evidence: inferred
      note: A bound for tests.
      cite: [{ source: doc, quote: "Active." }]
    cite: [{ source: doc, quote: "Active." }]
    evidence: documented
  - id: idle-reclaim
    from: { state: Active }
    to: { state: Pending }
    event: idle-reclaim
    cite: [{ source: doc, quote: "Reclaimed." }]
    evidence: documented
`;

/** Applies text replacements in order; throws when one does not apply (so a test cannot rot). @internal */
export function edit(
  text: string,
  ...replacements: readonly (readonly [string, string])[]
): string {
  let out = text;
  for (const [from, to] of replacements) {
    if (!out.includes(from)) throw new Error(`edit: '${from}' not found`);
    out = out.replace(from, to);
  }
  return out;
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. @internal */
export function positionOf(
  text: string,
  needle: string,
  nth = 0,
): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i += 1) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`positionOf: '${needle}' #${nth} not found`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

/**
 * Serialises a JSON-like value as block-style YAML (strings double-quoted with JSON escapes, which
 * YAML accepts), so property tests can feed the loaders arbitrary structures without `yaml`. @internal
 */
export function toYaml(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const next = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value.map((item) => `\n${indent}- ${toYaml(item, next).replace(/^\n\s*/, '')}`).join('');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return entries.map(([k, v]) => `\n${indent}${JSON.stringify(k)}: ${toYaml(v, next)}`).join('');
}

/** One broken-spec case: edits to {@link MINI_SPEC}, the issue code, where it must point, what it says. @internal */
export interface IssueCase {
  readonly code: IssueCode;
  readonly edits: readonly (readonly [string, string])[];
  /** The text the issue must point at (first occurrence after the edits, or the `nth`). */
  readonly at: string;
  readonly nth?: number;
  /** A fragment of `message hint`. */
  readonly says: string;
}

/** The issues `parseSpec` reports for `text` (throws when it loads, or throws something else). @internal */
export function specIssues(text: string): readonly Issue[] {
  try {
    parseSpec(text, 'mini.yaml');
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a SpecError');
}

/** The local copy of the mini spec's source `doc`: every quote of {@link MINI_SPEC} occurs in it. */
export const MINI_SPEC_SOURCE =
  'Intro.\n\nThe function is **Created.** Then\n`Active.` Reading one. Reading two.\nAlready   exists. Not found.\nStale. Updated. Reclaimed.\n';

/**
 * Writes {@link MINI_SPEC_SOURCE} as `doc.md` in `dir`, and returns a writer of the mini spec (its
 * source's local copy declared, after `edits`) as `dir/name`: for tests that lint files.
 */
export async function miniSpecFiles(
  dir: string,
): Promise<
  (name: string, ...edits: (readonly [string, string])[]) => Promise<{ file: string; text: string }>
> {
  await writeFile(join(dir, 'doc.md'), MINI_SPEC_SOURCE);
  return async (name, ...edits) => {
    const text = edit(
      MINI_SPEC,
      [
        'doc: { title: A document }',
        'doc: { title: A document, url: https://example.com/doc, copied: "2026-11-30", file: doc.md }',
      ],
      ...edits,
    );
    const file = join(dir, name);
    await writeFile(file, text);
    return { file, text };
  };
}
