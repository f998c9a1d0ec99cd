/** The infrastructure faults the emulator can play, one request each. */
export type Fault = 'throttle' | 'serverError' | 'hang';

/** How many of the next Lambda API requests get each fault. */
export type FaultCounts = Readonly<Record<Fault, number>>;

/** Fault names in the order they are played. */
export const FAULTS: readonly Fault[] = ['throttle', 'serverError', 'hang'];

/**
 * Faults queued by `POST /_conformance/faults`: the next N Lambda API requests are answered with a
 * 429 (`throttle`), a 500 (`serverError`) or never (`hang`) instead of reaching the simulation.
 * Queued faults add up and are played throttles first, then server errors, then hangs. Control
 * requests never take a fault.
 */
export class FaultQueue {
  #counts: Record<Fault, number> = { throttle: 0, serverError: 0, hang: 0 };

  /** Queues more faults. */
  add(counts: Partial<FaultCounts>): void {
    for (const fault of FAULTS) this.#counts[fault] += counts[fault] ?? 0;
  }

  /** Takes the fault for the next Lambda API request, if one is queued. */
  take(): Fault | undefined {
    for (const fault of FAULTS) {
      if (this.#counts[fault] > 0) {
        this.#counts[fault] -= 1;
        return fault;
      }
    }
    return undefined;
  }

  /** The faults still queued. */
  pending(): FaultCounts {
    return { ...this.#counts };
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#counts = { throttle: 0, serverError: 0, hang: 0 };
  }
}
