/**
 * How long (ms) the memory target may keep the event loop to itself. Its sessions answer at once
 * (promises that resolve in the same turn), so a run of them never lets Node handle a signal, a
 * timer (the time budget) or I/O. Every this many milliseconds a call waits for one `setImmediate`
 * first: SIGINT then stops a run within a few tens of milliseconds, for well under 1% of its time.
 *
 * @internal Exported for tests only.
 */
export const TURN_MS = 20;

/** When the event loop last had a turn; shared by every session, since the loop is the process's. */
let lastTurn = performance.now();

function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      lastTurn = performance.now();
      resolve();
    });
  });
}

/**
 * Runs `work` and resolves with its result, after letting the event loop have a turn when the
 * memory target has kept it for {@link TURN_MS} or more. What `work` throws becomes a rejection.
 */
export function afterTurn<T>(work: () => T): Promise<T> {
  if (performance.now() - lastTurn < TURN_MS) {
    return new Promise((resolve) => {
      resolve(work());
    });
  }
  return nextTurn().then(work);
}
