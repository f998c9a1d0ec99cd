import { createHash } from 'node:crypto';
import { HarnessError } from '../../errors/HarnessError.ts';
import { excerpt } from '../../errors/excerpt.ts';

/** Tag naming the run that created a function; `cleanup` and `close` rely on it. */
export const RUN_TAG = 'lambda-conformance:run';

/** Tag holding the ISO time a function was created; `cleanup --older-than` reads it. */
export const CREATED_TAG = 'lambda-conformance:created';

/**
 * Lambda's limit on an unqualified function name.
 *
 * @internal Exported for tests only.
 */
export const MAX_FUNCTION_NAME = 64;

const NAME_PART = /^[A-Za-z0-9_-]+$/;

/** `runId` with every character a function name may not hold replaced by `-`. */
export function sanitizeRunId(runId: string): string {
  return runId.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * The real name of logical function `fn` in run `runId`: `<prefix>-<runId>-<fn>`. When that is
 * longer than {@link MAX_FUNCTION_NAME}, the run id is replaced by 12 hex digits of its SHA-256, so
 * names stay unique per run and still start with `<prefix>-` (which `cleanup` looks for).
 */
export function realFunctionName(prefix: string, runId: string, fn: string): string {
  if (!NAME_PART.test(fn)) {
    throw new HarnessError(
      'INVALID_FUNCTION_NAME',
      `logical function '${excerpt(fn)}' must be letters, digits, - or _ (e.g. fn0)`,
    );
  }
  const full = `${prefix}-${sanitizeRunId(runId)}-${fn}`;
  if (full.length <= MAX_FUNCTION_NAME) return full;
  const hashed = createHash('sha256').update(runId).digest('hex').slice(0, 12);
  const short = `${prefix}-${hashed}-${fn}`;
  if (short.length <= MAX_FUNCTION_NAME) return short;
  throw new HarnessError(
    'INVALID_FUNCTION_NAME',
    `function name '${excerpt(short)}' is longer than ${String(MAX_FUNCTION_NAME)} characters; use a shorter namePrefix or logical name`,
  );
}

/** The tags every function a session creates carries. */
export function runTags(runId: string, createdAt: Date): Record<string, string> {
  return { [RUN_TAG]: sanitizeRunId(runId), [CREATED_TAG]: createdAt.toISOString() };
}

/** Whether `tags` mark a function as created by run `runId`. */
export function isTaggedBy(
  tags: Readonly<Record<string, string>> | undefined,
  runId: string,
): boolean {
  return tags?.[RUN_TAG] === sanitizeRunId(runId);
}
