/**
 * An HTTP answer of the emulator, built by a route and written by the server. Routes return data
 * instead of writing to the socket, so they are plain functions that tests can call directly.
 */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Omitted for an empty body (204). */
  readonly body?: string | Uint8Array;
}

/** A JSON answer (`application/json`). */
export function jsonReply(status: number, value: unknown): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  };
}

/** An answer with no body, e.g. DeleteFunction's 204. */
export function emptyReply(status: number): Reply {
  return { status, headers: {} };
}

// Error shapes whose message member is lowercase `message` in the service model
// (spec/sources/lambda-facts.md §2.3); every other Lambda error uses capitalised `Message`.
const LOWERCASE_MESSAGE = new Set([
  'ResourceConflictException',
  'ResourceNotReadyException',
  'InvalidParameterValueException',
  'TooManyRequestsException',
  'PreconditionFailedException',
  'CodeArtifactUserPendingException',
  'CodeArtifactUserFailedException',
  'CodeArtifactUserDeletedException',
  'RequestTooLargeException',
  'UnsupportedMediaTypeException',
  'CodeStorageExceededException',
  'AliasLimitExceededException',
  'InvalidRequestContentException',
]);

/** The member name the service model gives the message of error `type`: `message` or `Message`. */
export function messageMember(type: string): 'message' | 'Message' {
  return LOWERCASE_MESSAGE.has(type) || type.startsWith('CodeArtifactUser') ? 'message' : 'Message';
}

/**
 * A Lambda error answer as the SDK parses it (spec/sources/lambda-facts.md §5.4): header
 * `x-amzn-ErrorType: <type>` and a JSON body `{"Type": …, "message" | "Message": …}` with the model's
 * member casing. `Type` is `User` for 4xx answers and `Service` for 5xx.
 */
export function errorReply(
  type: string,
  status: number,
  message: string,
  extra: { readonly headers?: Readonly<Record<string, string>>; readonly body?: object } = {},
): Reply {
  const body = {
    Type: status >= 500 ? 'Service' : 'User',
    [messageMember(type)]: message,
    ...extra.body,
  };
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-ErrorType': type,
      ...extra.headers,
    },
    body: JSON.stringify(body),
  };
}
