import * as lambdaSdk from '@aws-sdk/client-lambda';

// The SDK's own retry classes (smithy `service-error-classification`, constants.ts), copied because
// that package is not a dependency of this project. A throttled request was not executed.
const THROTTLING_ERROR_CODES: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Whether an answer with HTTP `status` and error type `name` is throttling, under any status. */
export function isThrottling(name: string, status: number): boolean {
  return status === 429 || THROTTLING_ERROR_CODES.has(name);
}

/** Whether error type `name` is one the SDK's retry classes call transient (a request timeout). */
export function isTransientErrorCode(name: string): boolean {
  return TRANSIENT_ERROR_CODES.has(name);
}

const base = lambdaSdk.LambdaServiceException;

/**
 * Error types the Lambda API defines: the exceptions its service model (and so the SDK) declares,
 * e.g. `ResourceConflictException` or `ResourceNotReadyException` (502). `ServiceException` is one,
 * but it says the service failed, not what it thinks of the request.
 */
export const DOCUMENTED_LAMBDA_ERRORS: ReadonlySet<string> = new Set(
  Object.entries(lambdaSdk)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof base)
    .map(([name]) => name),
);
