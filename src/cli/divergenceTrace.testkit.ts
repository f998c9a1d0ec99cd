import type { TraceEntry } from '../runner/RunRecord.ts';

/** The logical function a trace command addresses: `Invoke(fn0)` → `fn0`. */
function functionOf(command: string): string | undefined {
  return /^\w+\((fn\d+)/.exec(command)?.[1];
}

/**
 * @internal Whether the function the `blamed` command addresses existed, as the target itself
 * answered, when that command last ran in `trace`: created by a CreateFunction answered ok, gone
 * after a DeleteFunction answered ok. What the monitor believed plays no part.
 */
export function functionExistsAt(trace: readonly TraceEntry[], blamed: string): boolean {
  const fn = functionOf(blamed);
  const at = trace.map((t) => t.command).lastIndexOf(blamed);
  if (fn === undefined || at < 0) throw new Error(`'${blamed}' is not a step of the trace`);
  let exists = false;
  for (const step of trace.slice(0, at)) {
    if (functionOf(step.command) !== fn || !step.observation.startsWith('ok')) continue;
    if (step.command.startsWith('CreateFunction(')) exists = true;
    if (step.command.startsWith('DeleteFunction(')) exists = false;
  }
  return exists;
}
