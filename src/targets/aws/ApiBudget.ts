import { HarnessError } from '../../errors/HarnessError.ts';

/**
 * The number of Lambda API requests a target may send, shared by all its sessions (retries count:
 * each is a request AWS bills and throttles). Cleanup requests are counted but never refused, so a
 * spent budget never leaves functions behind.
 */
export class ApiBudget {
  readonly limit: number;
  #used = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Requests sent so far. */
  get used(): number {
    return this.#used;
  }

  /**
   * Counts one request about to be sent for `what`; throws HarnessError `API_BUDGET_EXHAUSTED` when
   * the budget is spent, unless `cleanup` is set.
   */
  spend(what: string, cleanup = false): void {
    if (!cleanup && this.#used >= this.limit) {
      throw new HarnessError(
        'API_BUDGET_EXHAUSTED',
        `the run used its whole API budget (${String(this.limit)} Lambda API calls) before ${what}; raise the scenario's target.maxApiCalls or run fewer or shorter sequences`,
      );
    }
    this.#used += 1;
  }
}
