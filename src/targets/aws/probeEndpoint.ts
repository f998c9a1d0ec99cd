import { ListFunctionsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { HarnessError } from '../../errors/HarnessError.ts';

/** How long the probe waits for an endpoint's first answer. */
export const PROBE_TIMEOUT_MS = 3000;

/** The HTTP status of an SDK error, when the endpoint answered at all. */
function statusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return metadata?.httpStatusCode;
}

/**
 * Proves an endpoint answers before any sequence runs: one `ListFunctions` (at most one item)
 * within {@link PROBE_TIMEOUT_MS}. No answer, a network error or a 5xx is `TARGET_UNREACHABLE`
 * (the run ends inconclusive at once instead of generating against a dead endpoint); any other
 * answer, a refusal included, shows the endpoint is there and is left to the run to judge.
 */
export async function probeEndpoint(client: LambdaClient, endpoint: string): Promise<void> {
  try {
    await client.send(new ListFunctionsCommand({ MaxItems: 1 }), {
      abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
  } catch (error) {
    const status = statusOf(error);
    if (status !== undefined && status < 500) return;
    const reason =
      status !== undefined
        ? `HTTP ${status}`
        : error instanceof Error
          ? error.message.split('\n')[0]?.slice(0, 120) || error.name
          : String(error);
    throw new HarnessError(
      'TARGET_UNREACHABLE',
      `${endpoint}: the endpoint does not answer (${reason}); nothing was run.`,
    );
  }
}
