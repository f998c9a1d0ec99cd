/**
 * Why an SDK call failed, as the retry logic sees it:
 * - `answer`: the service answered with an error: a real observation (409, 404, 412, 502, …).
 * - `throttled`: 429 / `TooManyRequestsException`: the request was not executed, safe to retry.
 * - `transient`: 500/503/504 or a network failure: the request may or may not have been applied.
 * - `timeout`: the per-call timeout fired. `aborted`: the run was interrupted.
 */
export type Failure =
  | {
      readonly kind: 'answer';
      readonly type: string;
      readonly status: number;
      readonly message: string;
    }
  | { readonly kind: 'throttled'; readonly detail: string; readonly retryAfterMs?: number }
  | { readonly kind: 'transient'; readonly detail: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' };

/** What an SDK error carries that matters here; every member may be missing. */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly retryAfterSeconds?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const TRANSIENT_STATUS = new Set([500, 503, 504]);

function retryAfterMs(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Classifies an error thrown by `LambdaClient.send`. `signals` tells whether the per-call timeout or
 * the run's signal had fired, which the SDK reports only as a generic `AbortError`.
 */
export function classifyFailure(
  error: unknown,
  signals: { readonly timedOut: boolean; readonly aborted: boolean },
): Failure {
  if (signals.aborted) return { kind: 'aborted' };
  if (signals.timedOut) return { kind: 'timeout' };
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  const status = shape.$metadata?.httpStatusCode;
  if (typeof status !== 'number') {
    const code = typeof shape.code === 'string' ? ` ${shape.code}` : '';
    return { kind: 'transient', detail: `network error (${name}${code}: ${message})` };
  }
  if (status === 429 || name === 'TooManyRequestsException') {
    const after = retryAfterMs(shape.retryAfterSeconds);
    const detail = `throttled (${name}, ${String(status)})`;
    return after === undefined
      ? { kind: 'throttled', detail }
      : { kind: 'throttled', detail, retryAfterMs: after };
  }
  if (TRANSIENT_STATUS.has(status)) {
    return { kind: 'transient', detail: `${name} (${String(status)}): ${message}` };
  }
  return { kind: 'answer', type: name, status, message };
}
