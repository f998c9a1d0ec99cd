import { invalidParameter } from './lambdaErrors.ts';

/** A function name with an optional qualifier (`$LATEST` or a version number). */
export interface FunctionRef {
  readonly name: string;
  readonly qualifier: string | undefined;
}

// The model's pattern; length is left to the 256-character limit of the whole reference.
const NAME = /^[a-zA-Z0-9-_.]+$/;
const QUALIFIER = /^(\$LATEST|[0-9]+|[a-zA-Z0-9-_]+)$/;

/** The unqualified ARN of function `name`. */
export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/**
 * Reads a `FunctionName` as Lambda accepts it: a name, a partial ARN (`<account>:function:<name>`)
 * or a full ARN, each optionally followed by `:<qualifier>`. Anything else is a 400, like the
 * service's input validation.
 */
export function parseFunctionRef(ref: string): FunctionRef {
  const parts = ref.split(':');
  let rest: string[];
  if (parts[0] === 'arn') {
    if (
      parts.length < 7 ||
      parts[1] !== 'aws' ||
      parts[2] !== 'lambda' ||
      parts[5] !== 'function'
    ) {
      throw invalidParameter(`${ref} is not a Lambda function ARN`);
    }
    rest = parts.slice(6);
  } else if (parts[1] === 'function') {
    rest = parts.slice(2);
  } else {
    rest = parts;
  }
  const [name, qualifier, ...extra] = rest;
  if (name === undefined || !NAME.test(name) || extra.length > 0 || ref.length > 256) {
    throw invalidParameter(
      `1 validation error detected: Value '${ref}' at 'functionName' failed to satisfy constraint: Member must be a function name or ARN`,
    );
  }
  if (qualifier !== undefined && !QUALIFIER.test(qualifier)) {
    throw invalidParameter(`Invalid qualifier '${qualifier}' in ${ref}`);
  }
  return { name, qualifier };
}

/**
 * Merges the qualifier in a name with an explicit one; Lambda rejects the call when they differ.
 */
export function resolveQualifier(
  ref: FunctionRef,
  explicit: string | undefined,
): string | undefined {
  if (explicit === undefined) return ref.qualifier;
  if (ref.qualifier !== undefined && ref.qualifier !== explicit) {
    throw invalidParameter(
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  return explicit;
}
