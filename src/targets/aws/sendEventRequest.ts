import type { InjectOutcome } from '../Target.ts';
import type { EventRequest } from './AwsTargetOptions.ts';

/**
 * What came of an event request: an {@link InjectOutcome}, where `unanswered` marks an
 * inconclusive one that got no HTTP answer at all (refused, reset, timed out, aborted).
 */
export type EventOutcome =
  | Exclude<InjectOutcome, { readonly kind: 'inconclusive' }>
  | { readonly kind: 'inconclusive'; readonly reason: string; readonly unanswered?: true };

/** The values an event request template may use. */
export interface EventVariables {
  readonly functionName: string;
  readonly functionArn: string;
  readonly region: string;
  readonly event: string;
  /** The Lambda endpoint the target talks to (no trailing `/`); empty on real AWS. */
  readonly endpoint: string;
}

/** Longest part of an answer's body quoted in an outcome. */
const BODY_EXCERPT = 300;

/**
 * Replaces `{functionName}`, `{functionArn}`, `{region}`, `{event}` and `{endpoint}` in every
 * string of `value`.
 *
 * @internal Exported for tests only.
 */
export function expandTemplate(value: unknown, vars: EventVariables): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\{(functionName|functionArn|region|event|endpoint)\}/g,
      (_all, key: string) => String(vars[key as keyof EventVariables]),
    );
  }
  if (Array.isArray(value)) return value.map((v) => expandTemplate(v, vars));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandTemplate(v, vars)]));
  }
  return value;
}

/**
 * Sends the HTTP request that makes an emulator inject an environment event (scenario
 * `target.events`) and says what came of it, naming the event, the request and the answer: a 2xx
 * is `applied`; a 4xx is `refused` (the environment says the event did not apply, e.g. 404 for a
 * function that does not exist yet); a 5xx or a timeout is `inconclusive` (it may have applied),
 * and so is no answer at all (refused, reset, aborted), marked `unanswered` so that the caller can
 * tell whether the endpoint went away. The request is abandoned after `timeoutMs`, or at once when
 * `signal` (the run's) aborts. Never throws.
 */
export async function sendEventRequest(
  request: EventRequest,
  vars: EventVariables,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<EventOutcome> {
  const url = String(expandTemplate(request.url, vars));
  const what = `event ${vars.event} for ${vars.functionName}: ${request.method} ${url}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  const init: RequestInit = {
    method: request.method,
    signal: signal === undefined ? timeout : AbortSignal.any([timeout, signal]),
  };
  if (request.body !== undefined) {
    init.body = JSON.stringify(expandTemplate(request.body, vars));
    init.headers = { 'content-type': 'application/json' };
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, init);
    text = await response.text().catch(() => '');
  } catch (error) {
    // fetch says only 'fetch failed'; its cause names the network error.
    const cause = error instanceof Error ? error.cause : undefined;
    const detail = [error, cause]
      .filter((e): e is Error => e instanceof Error)
      .map((e) => e.message)
      .join(': ');
    return {
      kind: 'inconclusive',
      reason: `${what} failed: ${detail || String(error)}`,
      unanswered: true,
    };
  }
  if (response.ok) return { kind: 'applied' };
  const answer = `${what} answered ${String(response.status)}: ${text.slice(0, BODY_EXCERPT)}`;
  return response.status >= 400 && response.status < 500
    ? { kind: 'refused', detail: answer }
    : { kind: 'inconclusive', reason: answer };
}
