import { MalformedAnswer } from './MalformedAnswer.ts';
import { AWS_CLIENT_ERRORS } from '../../lambda/clientErrors.ts';
import { DOCUMENTED_LAMBDA_ERRORS, isThrottling, isTransientErrorCode } from './retryClasses.ts';

/**
 * Why an SDK call failed, as the retry logic sees it. Only `answer` is judged against the spec:
 * - `answer`: a well-formed Lambda error answer, a JSON error of a type the Lambda API defines
 *   (409, 404, 412, ResourceNotReadyException 502, …), or a 4xx of a type every AWS service
 *   answers about the request or the caller (`AWS_CLIENT_ERRORS`: AccessDeniedException,
 *   ValidationException, …): a real observation.
 * - `throttled`: 429, or a throttling error type under any status: not executed, safe to retry.
 * - `transient`: anything else: a 5xx `ServiceException` or an undefined error type, an HTML,
 *   truncated or otherwise unreadable body under any status, a reset or refused connection. The
 *   request may or may not have been applied.
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
  /** Set by the SDK only on errors it built from a readable error answer. */
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** Longest excerpt of a message kept in a reason. */
const EXCERPT = 200;

function retryAfterMs(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The first line of `message`, cut short: the SDK appends hints, an HTML body can be long. */
function excerpt(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT)}…` : line;
}

/**
 * Classifies an error thrown by `LambdaClient.send` (or a {@link MalformedAnswer} thrown for a 2xx
 * body that is not the API's). `signals` tells whether the per-call timeout or the run's signal had
 * fired, which the SDK reports only as a generic `AbortError`.
 */
export function classifyFailure(
  error: unknown,
  signals: { readonly timedOut: boolean; readonly aborted: boolean },
): Failure {
  if (signals.aborted) return { kind: 'aborted' };
  if (signals.timedOut) return { kind: 'timeout' };
  if (error instanceof MalformedAnswer) {
    return { kind: 'transient', detail: `unreadable answer: ${error.message}` };
  }
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const fullMessage = typeof shape.message === 'string' ? shape.message : String(error);
  const message = excerpt(fullMessage);
  const status = shape.$metadata?.httpStatusCode;
  if (typeof status !== 'number') {
    const code = typeof shape.code === 'string' ? ` ${shape.code}` : '';
    return { kind: 'transient', detail: `network error (${name}${code}: ${message})` };
  }
  const at = `${name} (${String(status)})`;
  if (isThrottling(name, status)) {
    const after = retryAfterMs(shape.retryAfterSeconds);
    const detail = `throttled (${name}, ${String(status)})`;
    return after === undefined
      ? { kind: 'throttled', detail }
      : { kind: 'throttled', detail, retryAfterMs: after };
  }
  if (typeof shape.$fault !== 'string') {
    // The SDK could not read the answer (HTML from a load balancer, a cut body): no Lambda answer.
    return { kind: 'transient', detail: `unreadable answer, ${at}: ${message}` };
  }
  if (isTransientErrorCode(name) || name === 'ServiceException') {
    return { kind: 'transient', detail: `${at}: ${message}` };
  }
  const clientError = AWS_CLIENT_ERRORS.has(name) && status >= 400 && status < 500;
  if (!DOCUMENTED_LAMBDA_ERRORS.has(name) && !clientError) {
    return {
      kind: 'transient',
      detail: `${at}, an error type the Lambda API does not define: ${message}`,
    };
  }
  return { kind: 'answer', type: name, status, message: fullMessage };
}
