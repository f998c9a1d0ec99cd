import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { HarnessError } from '../errors/HarnessError.ts';
import { excerpt } from '../errors/excerpt.ts';
import { TRACE_VERSION, type TraceLine } from './TraceRecord.ts';

/** The steps of one recorded run, each with the trace file line it came from. */
export type TraceStepLine = Exclude<TraceLine, { type: 'run' }> & { readonly line: number };

/** One recorded run: its `run` header and its steps in order. */
export interface TraceRun {
  readonly header: Extract<TraceLine, { type: 'run' }>;
  /** 1-based line of the header in the trace file. */
  readonly line: number;
  readonly steps: readonly TraceStepLine[];
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
  }),
  z.strictObject({
    kind: z.literal('error'),
    type: z.string(),
    status: z.number().int(),
    message: z.string(),
  }),
  z.strictObject({ kind: z.literal('inconclusive'), reason: z.string() }),
]);
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
    unobservable: z.array(z.string()).optional(),
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
    verdict: z.enum(['conformant', 'unspecified', 'inconclusive', 'divergence']),
    rules: z.array(z.string()),
  }),
  z.strictObject({ type: z.literal('wait'), run: z.string().min(1), at: time, ms: time }),
  z.strictObject({
    type: z.literal('inject'),
    run: z.string().min(1),
    at: time,
    event: z.string().min(1),
    fn: z.string().min(1),
  }),
]);

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid line';
  const where = issue.path.length > 0 ? `'${issue.path.join('.')}': ` : '';
  return excerpt(`${where}${issue.message}`, 200);
}

function bad(file: string, line: number, what: string): HarnessError {
  return new HarnessError('BAD_TRACE', `${file}:${line}: ${what}`);
}

/**
 * Parses a JSON Lines trace written by `run --record`. Every line is validated; the first bad one
 * is a {@link HarnessError} `BAD_TRACE` naming `file:line` and what was expected. Runs are grouped
 * by run id (their lines may interleave when runs were concurrent) in header order.
 *
 * @internal Exported for tests only.
 */
export function parseTrace(text: string, file: string): TraceRun[] {
  const runs = new Map<
    string,
    { header: TraceRun['header']; line: number; steps: TraceStepLine[] }
  >();
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw bad(
        file,
        lineNo,
        'not JSON: expected one JSON object per line (a trace of run --record)',
      );
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      throw bad(
        file,
        lineNo,
        `not a trace line: ${issueText(parsed.error)} (expected a 'run', 'op', 'wait' or 'inject' line of trace version ${TRACE_VERSION})`,
      );
    }
    const data = parsed.data as TraceLine;
    if (data.type === 'run') {
      if (runs.has(data.run)) throw bad(file, lineNo, `run '${excerpt(data.run)}' is opened twice`);
      runs.set(data.run, { header: data, line: lineNo, steps: [] });
      continue;
    }
    const run = runs.get(data.run);
    if (run === undefined) {
      throw bad(file, lineNo, `step of run '${excerpt(data.run)}' before its 'run' header line`);
    }
    run.steps.push({ ...data, line: lineNo });
  }
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
