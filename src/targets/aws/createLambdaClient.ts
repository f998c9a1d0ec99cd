import { LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaClientConfig } from '@aws-sdk/client-lambda';
import type { ResolvedAwsTargetOptions } from './AwsTargetOptions.ts';
import { withoutNodeVersionWarning } from './withoutNodeVersionWarning.ts';

/**
 * The one `LambdaClient` a target (or a cleanup) uses. `maxAttempts: 1` switches the SDK's own
 * retries off: the SDK would silently retry 5xx answers of mutating calls
 * (spec/sources/lambda-facts.md §5.5), which may apply them twice; `LambdaCaller` retries instead,
 * knowing which calls are safe.
 */
export function createLambdaClient(options: ResolvedAwsTargetOptions): LambdaClient {
  const config: LambdaClientConfig = { maxAttempts: 1 };
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.region !== undefined) config.region = options.region;
  if (options.profile !== undefined) config.profile = options.profile;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  return withoutNodeVersionWarning(() => new LambdaClient(config));
}
