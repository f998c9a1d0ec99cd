/**
 * Thrown (and caught by `LambdaCaller`) when the SDK read a 2xx answer but its body is not the one
 * the Lambda API defines for the operation: empty, truncated or not JSON where JSON is due. Such
 * an answer says nothing about the function, so it is infrastructure trouble, never an observation.
 */
export class MalformedAnswer extends Error {
  override readonly name = 'MalformedAnswer';

  constructor(
    /** The HTTP status of the answer. */
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}
