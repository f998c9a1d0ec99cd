/**
 * Error types every AWS service answers about the request or the caller, never about a resource
 * (the Common Errors of the AWS API references, and the JSON protocols' authentication errors): a
 * bad signature, unknown credentials, a denied permission, a failed input validation. The Lambda
 * service model does not declare them, but under a 4xx status they are the service's well-formed
 * answer to the harness's own request: the aws target passes them on as error observations and the
 * runner takes them as setup errors (`setupRefusal`), never as lifecycle divergences.
 */
export const AWS_CLIENT_ERRORS: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredTokenException',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'NotAuthorized',
  'OptInRequired',
  'RequestExpired',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'ValidationError',
  'ValidationException',
]);
