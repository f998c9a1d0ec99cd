import type { Silence } from './LambdaCaller.ts';
import { connectProblem } from './probeEndpoint.ts';

/**
 * How long (ms) every request must have gone unanswered before the endpoint is tried for being
 * gone: longer than the short outages and lost answers that retries ride out.
 */
export const GONE_AFTER_MS = 5000;

/**
 * Watches an endpoint for going away mid-run. When a request gets no answer at all, a timer starts;
 * if no request has had an answer {@link GONE_AFTER_MS} later (`silentSince` says so), or when a
 * caller asks ({@link GoneWatch.confirm}), one TCP connection is tried. When none opens, the
 * endpoint is gone: {@link GoneWatch.signal} aborts with an Error naming the endpoint and why. An
 * endpoint that accepts connections is never gone (it may be slow; its answers are judged).
 * Without an endpoint (real AWS) nothing is watched.
 */
export class GoneWatch {
  readonly #endpoint: string | undefined;
  readonly #silentSince: () => number | undefined;
  readonly #controller = new AbortController();
  #probing: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastDetail = '';

  /** `silentSince`: since when every request failed without an answer (`LambdaCaller`). */
  constructor(endpoint: string | undefined, silentSince: () => number | undefined) {
    this.#endpoint = endpoint;
    this.#silentSince = silentSince;
  }

  /** Aborted once the endpoint is gone; its reason is an Error saying why. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Hears of a request that got no answer: starts the timer that tries the endpoint. */
  onSilence(silence: Silence): void {
    this.#lastDetail = silence.detail;
    if (this.#endpoint === undefined || this.#controller.signal.aborted) return;
    this.#schedule(silence.since);
  }

  /**
   * Tries the endpoint once (one try at a time) after `detail`, the trouble seen; resolves whether
   * it is gone (and aborts {@link GoneWatch.signal} when it is).
   */
  confirm(detail: string): Promise<boolean> {
    const endpoint = this.#endpoint;
    if (this.#controller.signal.aborted) return Promise.resolve(true);
    if (endpoint === undefined) return Promise.resolve(false);
    this.#probing ??= connectProblem(endpoint)
      .then((problem) => {
        if (problem === undefined) return false;
        this.#controller.abort(
          new Error(`${endpoint} stopped answering mid-run (${detail}; then ${problem})`),
        );
        return true;
      })
      .finally(() => {
        this.#probing = undefined;
      });
    return this.#probing;
  }

  /** Looks again when the silence that began at `since` has lasted {@link GONE_AFTER_MS}. */
  #schedule(since: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        const silent = this.#silentSince();
        // An answer came in between: the endpoint is there.
        if (silent === undefined) return;
        const lasted = Date.now() - silent;
        if (lasted < GONE_AFTER_MS) {
          this.#schedule(silent);
          return;
        }
        const seconds = (lasted / 1000).toFixed(1);
        void this.confirm(`no answer for ${seconds}s: ${this.#lastDetail}`);
      },
      Math.max(0, since + GONE_AFTER_MS - Date.now()),
    );
    // The watch never keeps the process alive by itself.
    this.#timer.unref();
  }
}
