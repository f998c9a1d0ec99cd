import { HarnessError } from '../../errors/HarnessError.ts';
import type { EventRequest } from './AwsTargetOptions.ts';

/** An event request that got no HTTP answer at all (refused, reset, timed out, aborted). */
export class EventUnanswered extends HarnessError {
  override readonly name: string = 'EventUnanswered';
  constructor(message: string, cause: unknown) {
    super('EVENT_FAILED', message, { cause });
  }
}

/** The values an event request template may use. */
export interface EventVariables {
  readonly functionName: string;
  readonly functionArn: string;
  readonly region: string;
  readonly event: string;
}

/**
 * Replaces `{functionName}`, `{functionArn}`, `{region}` and `{event}` in every string of `value`.
 *
 * @internal Exported for tests only.
 */
export function expandTemplate(value: unknown, vars: EventVariables): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{(functionName|functionArn|region|event)\}/g, (_all, key: string) =>
      String(vars[key as keyof EventVariables]),
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
 * `target.events`). Anything but a 2xx answer is a HarnessError `EVENT_FAILED` naming the event,
 * the request and the answer: a run cannot go on believing an event happened; no answer at all is
 * {@link EventUnanswered}. The request is abandoned after `timeoutMs`, or at once when `signal`
 * (the run's) aborts.
 */
export async function sendEventRequest(
  request: EventRequest,
  vars: EventVariables,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
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
  try {
    response = await fetch(url, init);
  } catch (error) {
    // fetch says only 'fetch failed'; its cause names the network error.
    const cause = error instanceof Error ? error.cause : undefined;
    const detail = [error, cause]
      .filter((e): e is Error => e instanceof Error)
      .map((e) => e.message)
      .join(': ');
    throw new EventUnanswered(`${what} failed: ${detail}`, error);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    throw new HarnessError(
      'EVENT_FAILED',
      `${what} answered ${String(response.status)}: ${text.slice(0, 300)}; check the scenario's target.events`,
    );
  }
}
