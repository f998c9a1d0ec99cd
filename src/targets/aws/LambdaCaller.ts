import type { ApiBudget } from './ApiBudget.ts';
import type { RetryOptions } from './AwsTargetOptions.ts';
import { classifyFailure } from './classifyFailure.ts';
import { MalformedAnswer } from './MalformedAnswer.ts';
import type { Failure } from './classifyFailure.ts';

/** The outcome of one logical call after retries: never a thrown service or network error. */
export type CallOutcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | {
      readonly kind: 'error';
      readonly type: string;
      readonly status: number;
      readonly message: string;
    }
  | {
      readonly kind: 'inconclusive';
      readonly reason: string;
      /**
       * The request was cut off while the endpoint may still be working on it (a timeout or an
       * interruption): it may take effect later.
       */
      readonly inFlight?: boolean;
    };

/** How a call may be retried. */
export interface CallPolicy {
  /**
   * Whether a 5xx or network failure may be retried: true for reads, and for idempotent cleanup
   * deletes. A mutating call is never retried after such a failure (it may have been applied).
   * Throttling is always retried: a throttled request was not executed.
   */
  readonly idempotent: boolean;
  /** Cleanup requests are counted against the budget but never refused. */
  readonly cleanup?: boolean;
  /** The run's signal; cleanup calls pass none so they run even after an abort. */
  readonly signal?: AbortSignal | undefined;
  /**
   * A shorter per-request timeout (ms) than the caller's own, e.g. for a cleanup after Ctrl-C; a
   * function is asked again before each attempt (the time left of a cleanup shrinks).
   */
  readonly requestTimeoutMs?: number | (() => number | undefined) | undefined;
  /**
   * No retry starts after this time (ms since the epoch), and a backoff does not sleep past it:
   * a cleanup's deadline, asked before each retry (an interruption brings it forward).
   */
  readonly deadline?: () => number;
}

/** What a {@link LambdaCaller} needs. */
export interface LambdaCallerOptions {
  readonly budget: ApiBudget;
  readonly callTimeoutMs: number;
  readonly retry: Required<RetryOptions>;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1); default `Math.random`. */
  readonly random?: () => number;
  /**
   * Called after every request that got no HTTP answer (refused, reset, timed out) while the run
   * goes on, with since when (ms since the epoch) and for how many requests in a row none has.
   */
  readonly onSilence?: (silence: Silence) => void;
}

/** How long an endpoint has given no HTTP answer at all. */
export interface Silence {
  /** Since when (ms since the epoch) every request failed without an answer. */
  readonly since: number;
  /** How many requests in a row failed without an answer. */
  readonly requests: number;
  /** The last failure, e.g. `network error (ECONNREFUSED)`. */
  readonly detail: string;
}

/**
 * Sends Lambda API requests with a per-request timeout, the API budget, and jittered exponential
 * backoff ("full jitter", `Retry-After` honoured up to `maxDelayMs`). Only a well-formed Lambda
 * refusal (a documented error type, see `classifyFailure`) becomes `error`; every other answer
 * and every lost one is infrastructure trouble: retried when the SDK's retry classes allow it and
 * the call is safe to repeat, then `inconclusive` with the reason. Only `HarnessError` (budget) is
 * thrown.
 */
export class LambdaCaller {
  readonly #options: LambdaCallerOptions;
  #silentSince: number | undefined;
  #silentRequests = 0;

  constructor(options: LambdaCallerOptions) {
    this.#options = options;
  }

  /**
   * Since when (ms since the epoch) every request failed without any HTTP answer (refused, reset,
   * timed out); `undefined` while the endpoint answers, readable or not. Cleanup measures its
   * patience from here, so an endpoint that is gone costs one round of retries, not a deadline.
   */
  get silentSince(): number | undefined {
    return this.#silentSince;
  }

  /** Runs `send` (one HTTP request per invocation) for the call named `label`. */
  async call<T>(
    label: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
    policy: CallPolicy,
  ): Promise<CallOutcome<T>> {
    const { budget, retry } = this.#options;
    const requestTimeoutMs = (): number =>
      Math.min(
        this.#options.callTimeoutMs,
        (typeof policy.requestTimeoutMs === 'function'
          ? policy.requestTimeoutMs()
          : policy.requestTimeoutMs) ?? Number.POSITIVE_INFINITY,
      );
    let last = '';
    let retryAfter: number | undefined;
    let attempts = 0;
    // A function, so the check is not narrowed away between awaits.
    const runAborted = (): boolean => policy.signal?.aborted === true;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt += 1) {
      if (attempt > 1) {
        const until = policy.deadline?.();
        if (until !== undefined && Date.now() >= until) break;
        await this.#backoff(attempt - 1, retryAfter, policy.signal, until);
      }
      if (runAborted()) return aborted(label);
      attempts = attempt;
      budget.spend(label, policy.cleanup === true);
      const callTimeoutMs = requestTimeoutMs();
      const timeout = AbortSignal.timeout(callTimeoutMs);
      const signal =
        policy.signal === undefined ? timeout : AbortSignal.any([timeout, policy.signal]);
      let step: Step<T>;
      try {
        const value = await send(signal);
        this.#heard();
        step = { kind: 'done', outcome: { kind: 'ok', value } };
      } catch (error) {
        const failure = classifyFailure(error, {
          timedOut: timeout.aborted,
          aborted: runAborted(),
        });
        if (answered(error)) this.#heard();
        else if (!runAborted()) this.#unheard(failure);
        step = stepAfter(failure, label, policy, callTimeoutMs);
      }
      if (step.kind === 'done') return step.outcome;
      last = step.detail;
      retryAfter = step.retryAfterMs;
    }
    return {
      kind: 'inconclusive',
      reason: `${label}: ${last} after ${String(attempts)} attempt${attempts === 1 ? '' : 's'}`,
    };
  }

  /** The endpoint answered (any status, readable or not): it is there. */
  #heard(): void {
    this.#silentSince = undefined;
    this.#silentRequests = 0;
  }

  /** A request got no answer at all. */
  #unheard(failure: Failure): void {
    this.#silentSince ??= Date.now();
    this.#silentRequests += 1;
    const detail = 'detail' in failure ? failure.detail : failure.kind;
    this.#options.onSilence?.({
      since: this.#silentSince,
      requests: this.#silentRequests,
      detail,
    });
  }

  /**
   * Waits before a retry, never past `until` (ms since the epoch); stops waiting at once when
   * `signal` (the run's) aborts.
   */
  #backoff(
    attempt: number,
    retryAfterMs: number | undefined,
    signal: AbortSignal | undefined,
    until: number | undefined,
  ): Promise<void> {
    const { retry, sleep, random = Math.random } = this.#options;
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    const jittered = random() * ceiling;
    const delay = Math.min(
      retry.maxDelayMs,
      Math.max(jittered, retryAfterMs ?? 0),
      until === undefined ? Number.POSITIVE_INFINITY : Math.max(0, until - Date.now()),
    );
    if (signal === undefined) return sleep(delay);
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done);
      void sleep(delay).then(done);
    });
  }
}

/** Whether `error` comes from an HTTP answer (any status), not from a lost connection. */
function answered(error: unknown): boolean {
  if (error instanceof MalformedAnswer) return true;
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number';
}

function aborted(label: string): { kind: 'inconclusive'; reason: string } {
  return { kind: 'inconclusive', reason: `${label}: aborted, the run was interrupted` };
}

type Step<T> =
  | { readonly kind: 'done'; readonly outcome: CallOutcome<T> }
  | { readonly kind: 'retry'; readonly detail: string; readonly retryAfterMs: number | undefined };

function stepAfter<T>(
  failure: Failure,
  label: string,
  policy: CallPolicy,
  callTimeoutMs: number,
): Step<T> {
  switch (failure.kind) {
    case 'answer': {
      const { type, status, message } = failure;
      return { kind: 'done', outcome: { kind: 'error', type, status, message } };
    }
    case 'aborted':
      return { kind: 'done', outcome: { ...aborted(label), inFlight: true } };
    case 'timeout':
      return {
        kind: 'done',
        outcome: {
          kind: 'inconclusive',
          reason: `${label}: timeout after ${String(callTimeoutMs)}ms`,
          inFlight: true,
        },
      };
    case 'throttled':
      return { kind: 'retry', detail: failure.detail, retryAfterMs: failure.retryAfterMs };
    case 'transient':
      if (policy.idempotent)
        return { kind: 'retry', detail: failure.detail, retryAfterMs: undefined };
      return {
        kind: 'done',
        outcome: {
          kind: 'inconclusive',
          reason: `${label}: ${failure.detail}; not retried because the call may have been applied`,
        },
      };
  }
}
