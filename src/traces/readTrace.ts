import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HarnessError } from '../errors/HarnessError.ts';
import { excerpt } from '../errors/excerpt.ts';
import { TRACE_VERSION, type TraceLine, type TraceRunLine } from './TraceRecord.ts';

/** The steps of one recorded run, each with the trace file line it came from. */
export type TraceStepLine = Exclude<TraceLine, { type: 'run' }> & { readonly line: number };

/** One recorded run: its `run` header and its steps in order. */
export interface TraceRun {
  readonly header: TraceRunLine;
  /** 1-based line of the header in the trace file. */
  readonly line: number;
  readonly steps: readonly TraceStepLine[];
}

/** One problem with one line of a trace file (1-based line). */
export interface TraceIssue {
  readonly line: number;
  readonly message: string;
}

/** Issues listed in one error before the rest are only counted. */
const MAX_LISTED_ISSUES = 50;

/**
 * The `BAD_TRACE` error for a list of issues: one `file:line: message` line each, in line order.
 */
export function traceIssuesError(file: string, issues: readonly TraceIssue[]): HarnessError {
  const sorted = [...issues].sort((a, b) => a.line - b.line);
  const shown = sorted.slice(0, MAX_LISTED_ISSUES).map((i) => `${file}:${i.line}: ${i.message}`);
  const more = sorted.length - shown.length;
  if (more > 0) shown.push(`${file}: … and ${more} more problems`);
  return new HarnessError('BAD_TRACE', shown.join('\n'));
}

const time = z.number().finite().nonnegative();
const timing = z.strictObject({
  provisionMs: time,
  updateMs: time,
  versionMs: time,
  reactivateMs: time,
});
const observation = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ok'),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    unrecorded: z.literal(true).optional(),
  }),
  z.strictObject({
    kind: z.literal('error'),
    type: z.string(),
    status: z.number().int(),
    message: z.string(),
  }),
  z.strictObject({ kind: z.literal('inconclusive'), reason: z.string() }),
]);
const source = z.strictObject({
  repo: z.string().min(1),
  commit: z.string().min(1).optional(),
  path: z.string().min(1),
  key: z.string().min(1),
  recorded: z.string().min(1),
  license: z.string().min(1),
  order: z.string().min(1),
  notes: z.array(z.string()),
});
const lineSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('run'),
    version: z.literal(TRACE_VERSION),
    run: z.string().min(1),
    target: z.string(),
    mutants: z.array(z.string()),
    reading: z.string(),
    spec: z.strictObject({ file: z.string(), hash: z.string() }),
    timing,
    seed: z.number().int().optional(),
    lane: z.number().int().nonnegative().optional(),
    shrink: z.literal(true).optional(),
    shrinkOf: z.string().min(1).optional(),
    unobservable: z.array(z.string()).optional(),
    source: source.optional(),
  }),
  z.strictObject({
    type: z.literal('op'),
    run: z.string().min(1),
    at: time,
    end: time,
    command: z.string(),
    operation: z.string().min(1),
    fn: z.string().min(1),
    args: z.record(z.string(), z.union([z.string(), z.number()])),
    observation,
    verdict: z.enum(['conformant', 'unspecified', 'inconclusive', 'divergence']).optional(),
    rules: z.array(z.string()).optional(),
  }),
  z.strictObject({ type: z.literal('wait'), run: z.string().min(1), at: time, ms: time }),
  z.strictObject({
    type: z.literal('inject'),
    run: z.string().min(1),
    at: time,
    event: z.string().min(1),
    fn: z.string().min(1),
    result: z.enum(['refused', 'inconclusive']).optional(),
    detail: z.string().optional(),
  }),
]);

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid line';
  const where = issue.path.length > 0 ? `'${issue.path.join('.')}': ` : '';
  return excerpt(`${where}${issue.message}`, 200);
}

/** Reads one line; returns the trace line or the problem with it. */
function readLine(raw: string): TraceLine | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'not JSON: expected one JSON object per line (a trace of run --record)';
  }
  const parsed = lineSchema.safeParse(value);
  if (!parsed.success) {
    return `not a trace line: ${issueText(parsed.error)} (expected a 'run', 'op', 'wait' or 'inject' line of trace version ${TRACE_VERSION})`;
  }
  return parsed.data as TraceLine;
}

/**
 * Parses a JSON Lines trace written by `run --record` (or `import`). Every line is validated and
 * every bad one is reported: a {@link HarnessError} `BAD_TRACE` lists each as `file:line` with
 * what was expected. Runs are grouped by run id (their lines may interleave when runs were
 * concurrent) in header order. What the lines say is checked against a spec by `validateTrace`.
 */
export function parseTrace(text: string, file: string): TraceRun[] {
  const runs = new Map<string, { header: TraceRunLine; line: number; steps: TraceStepLine[] }>();
  const issues: TraceIssue[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    const data = readLine(raw);
    if (typeof data === 'string') {
      issues.push({ line: lineNo, message: data });
      continue;
    }
    if (data.type === 'run') {
      if (runs.has(data.run)) {
        issues.push({ line: lineNo, message: `run '${excerpt(data.run)}' is opened twice` });
      } else {
        runs.set(data.run, { header: data, line: lineNo, steps: [] });
      }
      continue;
    }
    const run = runs.get(data.run);
    if (run === undefined) {
      issues.push({
        line: lineNo,
        message: `step of run '${excerpt(data.run)}' before its 'run' header line`,
      });
      continue;
    }
    run.steps.push({ ...data, line: lineNo });
  }
  if (issues.length > 0) throw traceIssuesError(file, issues);
  if (runs.size === 0) {
    throw new HarnessError(
      'BAD_TRACE',
      `${file}:1: no 'run' line: expected a JSON Lines trace written by 'run --record FILE.jsonl'`,
    );
  }
  return [...runs.values()];
}

/** Reads and parses a trace file; see {@link parseTrace}. A missing file is a `BAD_TRACE` error. */
export async function readTrace(file: string, shownAs: string = file): Promise<TraceRun[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new HarnessError('BAD_TRACE', `${shownAs}: cannot read the trace file: ${reason}`, {
      cause,
    });
  }
  return parseTrace(text, shownAs);
}
