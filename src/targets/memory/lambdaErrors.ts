import { LambdaApiError } from '../../lambda/LambdaApi.ts';

// Every text below is the service's own wording as recorded in spec/sources/lambda-facts.md §2;
// the simulation only fills in names and states.
const CANNOT = 'The operation cannot be performed at this time.';

/** 404 for a function (or version) that does not exist. */
export function functionNotFound(arn: string): LambdaApiError {
  return new LambdaApiError('ResourceNotFoundException', 404, `Function not found: ${arn}`);
}

/** 409 for CreateFunction with a name that is taken. */
export function functionAlreadyExists(name: string): LambdaApiError {
  return new LambdaApiError('ResourceConflictException', 409, `Function already exist: ${name}`);
}

/** 409 for Invoke when the function's state does not allow it. */
export function notInvocable(state: string): LambdaApiError {
  return new LambdaApiError(
    'ResourceConflictException',
    409,
    `${CANNOT} The function is currently in the following state: ${state}`,
  );
}

/** The text of a control-plane refusal because of the function's State. */
export function resourceStateMessage(arn: string, state: string, reasonCode: string): string {
  return `${CANNOT} The resource ${arn} is currently in the following state: '${state}'. StateReasonCode: '${reasonCode}'`;
}

/** 409 for a control-plane call refused because of the function's State. */
export function resourceInState(arn: string, state: string, reasonCode: string): LambdaApiError {
  return new LambdaApiError(
    'ResourceConflictException',
    409,
    resourceStateMessage(arn, state, reasonCode),
  );
}

/** 409 for a control-plane call refused while LastUpdateStatus is InProgress. */
export function updateInProgress(unqualifiedArn: string): LambdaApiError {
  return new LambdaApiError(
    'ResourceConflictException',
    409,
    `${CANNOT} An update is in progress for resource: ${unqualifiedArn}`,
  );
}

/** 412 for a RevisionId that is not the latest. */
export function revisionMismatch(): LambdaApiError {
  return new LambdaApiError(
    'PreconditionFailedException',
    412,
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
  );
}

/** 409 for the first invocation of an Inactive function. */
export function codeArtifactPending(): LambdaApiError {
  return new LambdaApiError(
    'CodeArtifactUserPendingException',
    409,
    'Lambda is initializing your function. It will be ready to invoke shortly.',
  );
}

/** 400 for a request the service rejects as malformed. */
export function invalidParameter(message: string): LambdaApiError {
  return new LambdaApiError('InvalidParameterValueException', 400, message);
}

/** 400 for an invocation payload that is not JSON. */
export function invalidRequestContent(detail: string): LambdaApiError {
  return new LambdaApiError(
    'InvalidRequestContentException',
    400,
    `Could not parse request body into json: ${detail}`,
  );
}

/** 400 for PublishVersion with a CodeSha256 that is not the current one. */
export function codeShaMismatch(given: string, actual: string): LambdaApiError {
  return invalidParameter(
    `CodeSHA256 (${given}) is different from current CodeSHA256 in $LATEST (${actual}). Please try again with the CodeSHA256 in $LATEST.`,
  );
}

/**
 * The pattern TagResource, UntagResource and ListTags hold `Resource` to, as the service's input
 * validation quotes it: a full function ARN, never a bare name.
 */
export const TAGGABLE_ARN_PATTERN =
  'arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

/** 400 `ValidationException` for a tagging call whose `Resource` is not a function ARN. */
export function resourceNotAnArn(resource: string): LambdaApiError {
  return new LambdaApiError(
    'ValidationException',
    400,
    `1 validation error detected: Value '${resource}' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: ${TAGGABLE_ARN_PATTERN}`,
  );
}

/** 409 for CreateAlias with a name the function already has (recorded wording). */
export function aliasAlreadyExists(aliasArn: string): LambdaApiError {
  return new LambdaApiError('ResourceConflictException', 409, `Alias already exists: ${aliasArn}`);
}

/** 404 for GetAlias of an alias that does not exist (recorded wording). */
export function aliasCannotBeFound(aliasArn: string): LambdaApiError {
  return new LambdaApiError('ResourceNotFoundException', 404, `Cannot find alias arn: ${aliasArn}`);
}

/** 404 for UpdateAlias of an alias that does not exist (recorded wording). */
export function aliasNotFound(aliasArn: string): LambdaApiError {
  return new LambdaApiError('ResourceNotFoundException', 404, `Alias not found: ${aliasArn}`);
}

/** 409 for DeleteFunction of a version an alias references. */
export function versionAliased(aliases: readonly string[]): LambdaApiError {
  return new LambdaApiError(
    'ResourceConflictException',
    409,
    `Unable to delete version because the following aliases reference it: [${aliases.join(', ')}]`,
  );
}
