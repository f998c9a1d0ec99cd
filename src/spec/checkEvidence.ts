import type { Issue } from '../errors/HarnessError.ts';
import type { LintFacts } from './analyzeSpec.ts';
import { IssueSink } from './IssueSink.ts';
import type { Citation, Evidence, Spec } from './Spec.ts';
import type { YPos } from './YNode.ts';

/** Something that must be grounded: a rule, a transition, a time bound or a reading. */
interface Grounded {
  /** As the readers name it: `rule 'create'`, `transition 'x' (its time bound)`, `reading 'seed'`. */
  readonly owner: string;
  readonly cite: readonly Citation[];
  /** Readings state no evidence kind: `null`. */
  readonly evidence: Evidence | undefined | null;
  readonly note: string | undefined;
  readonly pos: YPos;
}

const FILE_START: YPos = { line: 1, column: 1 };

const EVIDENCE_HINT =
  'Add `evidence: documented` (an AWS page says it), `recorded` (a recorded AWS answer shows it) or `inferred` (neither; state the assumption in `note`).';

function groundedParts(spec: Spec): Grounded[] {
  const out: Grounded[] = [];
  const at = (l: { line: number; column: number }): YPos => ({ line: l.line, column: l.column });
  for (const operation of spec.operations.values()) {
    for (const r of operation.rules) {
      const owner = `rule '${r.id}'`;
      out.push({ owner, cite: r.cite, evidence: r.evidence, note: r.note, pos: at(r.location) });
    }
  }
  for (const t of spec.transitions) {
    const owner = `transition '${t.id}'`;
    out.push({ owner, cite: t.cite, evidence: t.evidence, note: t.note, pos: at(t.location) });
    if (t.trigger.kind === 'async' && t.trigger.bound !== undefined) {
      const { bound } = t.trigger;
      out.push({
        owner: `${owner} (its time bound)`,
        cite: bound.cite,
        evidence: bound.evidence,
        note: bound.note,
        pos: at(bound.location),
      });
    }
  }
  for (const r of spec.readings.values()) {
    if (r.cite.length === 0) continue; // the implicit reading of a spec without `readings:`
    // Readings carry no location; the reader records where each is written (evidencePositions).
    out.push({
      owner: `reading '${r.id}'`,
      cite: r.cite,
      evidence: null,
      note: undefined,
      pos: FILE_START,
    });
  }
  return out;
}

function checkSources(spec: Spec, sink: IssueSink): void {
  for (const s of spec.sources.values()) {
    const wanted: Readonly<Record<string, string | undefined>> =
      s.kind === 'document'
        ? { url: s.url, copied: s.copied }
        : s.kind === 'recording'
          ? { repository: s.repository, path: s.path, commit: s.commit, url: s.url }
          : {};
    const keys = Object.keys(wanted).filter((k) => wanted[k] === undefined);
    if (keys.length === 0) continue;
    sink.report(
      'incomplete-source',
      s.location,
      `source '${s.id}': a ${s.kind} source needs ${keys.map((k) => `'${k}'`).join(' and ')}.`,
      s.kind === 'document'
        ? 'Give the page address and the date the local copy was made.'
        : 'Name the repository, the file in it, the commit read and its address.',
    );
  }
}

function checkOne(g: Grounded, spec: Spec, facts: LintFacts, sink: IssueSink): void {
  const kindOf = (c: Citation): string | undefined => spec.sources.get(c.source)?.kind;
  const documents = g.cite.filter((c) => c.kind === 'document' && kindOf(c) === 'document');
  const recordings = g.cite.filter((c) => c.kind === 'recording' && kindOf(c) === 'recording');
  const evidencePos = facts.evidencePositions.get(g.owner)?.pos ?? g.pos;
  if (documents.length + recordings.length === 0) {
    sink.report(
      'no-primary-citation',
      evidencePos,
      `${g.owner}: cites no primary source.`,
      'Cite an AWS page (a `document` source, quoted verbatim) or a recording of real AWS answers.',
    );
  }
  if (g.evidence === null) return;
  if (g.evidence === undefined) {
    sink.report('missing-evidence', evidencePos, `${g.owner}: no 'evidence'.`, EVIDENCE_HINT);
    return;
  }
  // Without a primary citation nothing can support the evidence: one issue says it all.
  if (documents.length + recordings.length === 0) return;
  if (g.evidence === 'documented' && documents.length === 0) {
    sink.report(
      'unsupported-evidence',
      evidencePos,
      `${g.owner}: 'documented' but no AWS page is quoted.`,
      'Quote the page that says it, or change the evidence kind.',
    );
  }
  if (g.evidence === 'recorded' && recordings.length === 0) {
    sink.report(
      'unsupported-evidence',
      evidencePos,
      `${g.owner}: 'recorded' but no recording is cited.`,
      'Cite the recorded test and keys that show it, or change the evidence kind.',
    );
  }
  if (g.evidence === 'inferred' && (g.note === undefined || g.note.trim() === '')) {
    sink.report(
      'unsupported-evidence',
      evidencePos,
      `${g.owner}: 'inferred' without a note.`,
      'State the assumption in `note`: what is assumed, and that no page or recording shows it.',
    );
  }
}

/**
 * The linter's evidence checks (issue 14): every rule, transition and time bound states its
 * evidence kind and cites a primary source that supports it (`missing-evidence`,
 * `unsupported-evidence`, `no-primary-citation`); no citation names a research summary
 * (`secondary-source`); document sources give their address and copy date, recordings their
 * repository, path and commit (`incomplete-source`); no quote is a list lead-in or heading ending
 * with a colon (`quote-lead-in`). Every issue is located at the YAML it concerns.
 */
export function checkEvidence(spec: Spec, facts: LintFacts): Issue[] {
  const sink = new IssueSink(spec.file);
  checkSources(spec, sink);
  for (const c of facts.citations) {
    if (facts.sourceKinds.get(c.source) !== 'summary') continue;
    sink.report(
      'secondary-source',
      c.pos,
      `${c.owner}: '${c.source}' is a summary, not a primary source.`,
      'Cite the AWS page it quotes, or the recording it describes.',
    );
  }
  for (const q of facts.quotes) {
    if (!q.quote.trimEnd().endsWith(':')) continue;
    sink.report(
      'quote-lead-in',
      q.pos,
      `${q.owner}: the quote "${q.quote}" is a lead-in or heading, not a statement.`,
      'Quote the sentence that says it (with the list it introduces, when it introduces one).',
    );
  }
  for (const g of groundedParts(spec)) checkOne(g, spec, facts, sink);
  return [...sink.issues];
}
