import { DeleteFunctionCommand } from '@aws-sdk/client-lambda';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ResolvedAwsTargetOptions } from './AwsTargetOptions.ts';
import type { LambdaCaller } from './LambdaCaller.ts';

/** What deleting needs. */
export interface DeleteDeps {
  readonly client: LambdaClient;
  readonly caller: LambdaCaller;
  readonly options: Pick<ResolvedAwsTargetOptions, 'retry' | 'sleep'>;
}

/**
 * Deletes functions as cleanup: counted against the API budget but never refused, not tied to the
 * run's signal (so it works after an abort), retried after 5xx and network failures (a repeated
 * delete only answers 404), and retried while the service answers 409 (a function still being
 * created or updated). A 404 means already gone. Returns one `name: reason` per function that could
 * not be deleted.
 */
export async function deleteOwnedFunctions(
  deps: DeleteDeps,
  names: readonly string[],
): Promise<string[]> {
  const failures: string[] = [];
  const { maxAttempts, baseDelayMs, maxDelayMs } = deps.options.retry;
  for (const name of names) {
    let reason: string | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const outcome = await deps.caller.call(
        'DeleteFunction',
        (abortSignal) =>
          deps.client.send(new DeleteFunctionCommand({ FunctionName: name }), { abortSignal }),
        { idempotent: true, cleanup: true },
      );
      if (outcome.kind === 'ok' || (outcome.kind === 'error' && outcome.status === 404)) {
        reason = undefined;
        break;
      }
      reason =
        outcome.kind === 'error'
          ? `${outcome.type} (${String(outcome.status)}): ${outcome.message}`
          : outcome.reason;
      if (outcome.kind !== 'error' || outcome.status !== 409) break;
      if (attempt < maxAttempts)
        await deps.options.sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
    }
    if (reason !== undefined) failures.push(`${name}: ${reason}`);
  }
  return failures;
}
