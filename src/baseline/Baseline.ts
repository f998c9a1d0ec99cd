import type { DivergenceCategory } from '../monitor/Verdict.ts';
import { runVerdict } from '../runner/buildRunRecord.ts';
import type { BaselineEntry, Divergence, RunRecord } from '../runner/RunRecord.ts';

/** A loaded baseline: its file (as named by the user) and its entries in file order. */
export interface Baseline {
  readonly file: string;
  readonly entries: readonly BaselineEntry[];
}

/** What applying a baseline to a run record did. */
export interface BaselineOutcome {
  /** The record with matching divergences marked `baselined` and the verdict recomputed. */
  readonly record: RunRecord;
  /** Entries for this target whose rule was not violated in this run: they fail the run. */
  readonly stale: readonly BaselineEntry[];
  /** Entries for this target past their `expires` date: they no longer suppress anything. */
  readonly expired: readonly BaselineEntry[];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** Whether an entry is about this run's target and mutants. */
function appliesTo(entry: BaselineEntry, record: RunRecord): boolean {
  return (
    (entry.target === undefined || entry.target === record.target.name) &&
    (entry.mutants === undefined || sameSet(entry.mutants, record.target.mutants))
  );
}

function matches(entry: BaselineEntry, d: Pick<Divergence, 'ruleId'> & { category?: string }) {
  return entry.rule === d.ruleId && (entry.category === undefined || entry.category === d.category);
}

/**
 * The rules a baseline lists as known for a target and its mutants today: the runner keeps
 * searching past divergences of these rules instead of stopping at them.
 */
export function knownRulesFor(
  baseline: Baseline,
  target: { readonly name: string; readonly mutants: readonly string[] },
  date: string = today(),
): Set<string> {
  return new Set(
    baseline.entries
      .filter(
        (e) =>
          (e.target === undefined || e.target === target.name) &&
          (e.mutants === undefined || sameSet(e.mutants, target.mutants)) &&
          (e.expires === undefined || e.expires >= date),
      )
      .map((e) => e.rule),
  );
}

/** An entry as messages name it: `known.yaml:4 (rule update-code-in-progress, target memory)`. */
export function describeEntry(file: string, entry: BaselineEntry): string {
  const facts = [`rule ${entry.rule}`];
  if (entry.category !== undefined) facts.push(`category ${entry.category}`);
  if (entry.target !== undefined) facts.push(`target ${entry.target}`);
  if (entry.mutants !== undefined) facts.push(`mutants ${entry.mutants.join(',') || 'none'}`);
  return `${file}:${entry.line} (${facts.join(', ')})`;
}

/** Today as `YYYY-MM-DD` (UTC), the form `expires` is compared with. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Applies a known-divergence baseline to a finished run. A divergence (or a regression replay that
 * still diverges) matching an unexpired entry for this target is marked `baselined` and no longer
 * fails the run: the verdict is derived again ({@link runVerdict}). An unexpired entry whose rule was not violated anywhere in this run (divergences,
 * regression replays, or any step counted in coverage) is stale. Staleness is only meaningful for
 * deterministic suites (a fixed seed): the runner stops at its first divergence.
 */
export function applyBaseline(
  record: RunRecord,
  baseline: Baseline,
  date: string = today(),
): BaselineOutcome {
  const forTarget = baseline.entries.filter((e) => appliesTo(e, record));
  const expired = forTarget.filter((e) => e.expires !== undefined && e.expires < date);
  const active = forTarget.filter((e) => !expired.includes(e));
  const divergences = record.divergences.map((d) =>
    d.baselined !== true && active.some((e) => matches(e, d)) ? { ...d, baselined: true } : d,
  );
  const regressions = record.regressions.map((r) =>
    r.observed === 'divergence' &&
    r.baselined !== true &&
    // A replay records its rule but not its category: the rule decides.
    r.ruleId !== undefined &&
    active.some((e) => e.rule === r.ruleId)
      ? { ...r, baselined: true }
      : r,
  );
  const violated = new Set<string>([
    ...record.divergences.map((d) => d.ruleId),
    ...record.regressions.flatMap((r) =>
      r.observed === 'divergence' && r.ruleId !== undefined ? [r.ruleId] : [],
    ),
    ...record.coverage.filter((c) => c.violated > 0).map((c) => c.id),
  ]);
  const stale = active.filter((e) => !violated.has(e.rule));
  const verdict = runVerdict({ ...record, divergences, regressions });
  const known = divergences.filter((d) => d.baselined === true).length;
  const report = { file: baseline.file, known, stale, expired };
  return {
    record: { ...record, divergences, regressions, verdict, baseline: report },
    stale,
    expired,
  };
}

/**
 * The placeholder `reason` of a written baseline entry, to be replaced by a real one.
 *
 * @internal Exported for tests only.
 */
export const PLACEHOLDER_REASON = 'TODO: why this divergence is accepted (link the issue)';

/**
 * A baseline listing this run's divergences (and still-diverging regression replays), one entry
 * per rule and category, for the run's target and mutants. Reasons, links and expiry dates of
 * entries in `previous` that match are kept; new entries get {@link PLACEHOLDER_REASON}.
 */
export function baselineOf(record: RunRecord, previous?: Baseline): Omit<BaselineEntry, 'line'>[] {
  const found: { ruleId: string; category?: DivergenceCategory }[] = [
    ...record.divergences,
    ...record.regressions.flatMap((r) =>
      r.observed === 'divergence' && r.ruleId !== undefined ? [{ ruleId: r.ruleId }] : [],
    ),
  ];
  const entries: Omit<BaselineEntry, 'line'>[] = [];
  for (const d of found) {
    if (
      entries.some(
        (e) => e.rule === d.ruleId && (d.category === undefined || e.category === d.category),
      )
    )
      continue;
    const kept = previous?.entries.find((e) => appliesTo(e, record) && matches(e, d));
    entries.push({
      rule: d.ruleId,
      ...(d.category !== undefined ? { category: d.category } : {}),
      target: record.target.name,
      ...(record.target.mutants.length > 0 ? { mutants: record.target.mutants } : {}),
      reason: kept?.reason ?? PLACEHOLDER_REASON,
      ...(kept?.link !== undefined ? { link: kept.link } : {}),
      ...(kept?.expires !== undefined ? { expires: kept.expires } : {}),
    });
  }
  return entries;
}

/** Baseline file text: JSON for a `.json` file, YAML (one mapping per entry) otherwise. */
export function formatBaseline(
  entries: readonly Omit<BaselineEntry, 'line'>[],
  file: string,
): string {
  if (file.endsWith('.json')) return `${JSON.stringify({ known: entries }, null, 2)}\n`;
  const lines = [
    '# Known divergences: `lambda-conformance run --baseline FILE` accepts them, fails on new ones',
    '# and on entries that no longer diverge (stale). Give every entry a real reason.',
  ];
  if (entries.length === 0) lines.push('known: []');
  else lines.push('known:');
  for (const e of entries) {
    // JSON strings are valid YAML double-quoted scalars.
    const fields = Object.entries(e).map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v)}`,
    );
    lines.push(...fields.map((f, i) => `${i === 0 ? '  - ' : '    '}${f}`));
  }
  return `${lines.join('\n')}\n`;
}
