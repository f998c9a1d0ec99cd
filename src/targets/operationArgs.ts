import { HarnessError } from '../errors/HarnessError.ts';
import type { SessionBook } from './SessionBook.ts';
import { INVOCATION_TYPES } from '../lambda/LambdaApi.ts';
import type { InvocationType } from '../lambda/LambdaApi.ts';
import type { Operation, PackageType } from '../lambda/Operation.ts';
import { excerpt } from '../errors/excerpt.ts';

/**
 * Reading an Operation's abstract arguments, shared by every target that maps operations to Lambda
 * requests, so that all targets accept and refuse exactly the same arguments.
 */
function badArgs(op: Operation, detail: string): HarnessError {
  return new HarnessError('INVALID_OPERATION_ARGS', `${op.name}(${op.fn}): ${detail}`);
}

/** A numeric argument (`code`, `config`). */
export function numberArg(op: Operation, key: string): number {
  const value = op.args[key];
  if (typeof value !== 'number') {
    throw badArgs(
      op,
      `argument '${key}' must be a number, got ${value === undefined ? 'nothing' : excerpt(JSON.stringify(value) ?? String(value))}`,
    );
  }
  return value;
}

/**
 * The function environment for the `config` argument: configuration revision N is the variable
 * `CONFORMANCE_CONFIG=N`, which the conformance handler reports back as `ranConfig`.
 */
export function configEnvironment(op: Operation): { Variables: Record<string, string> } {
  return { Variables: { CONFORMANCE_CONFIG: String(numberArg(op, 'config')) } };
}

/** The `packageType` argument. */
export function packageTypeArg(op: Operation): PackageType {
  const value = op.args['packageType'];
  if (value !== 'Zip' && value !== 'Image') {
    throw badArgs(op, `argument 'packageType' must be 'Zip' or 'Image', got ${String(value)}`);
  }
  return value;
}

/**
 * `{ RevisionId }` for `revisionId: 'stale'` (the value `staleRevision` picks for the function),
 * nothing when the argument is absent or `none`.
 */
export function revisionArg(
  op: Operation,
  staleRevision: (fn: string) => string,
): { RevisionId?: string } {
  const value = op.args['revisionId'];
  if (value === undefined || value === 'none') return {};
  if (value !== 'stale') {
    throw badArgs(op, `argument 'revisionId' must be 'none' or 'stale', got ${String(value)}`);
  }
  return { RevisionId: staleRevision(op.fn) };
}

/**
 * The one tag key TagResource sets (its value counts up per session, so every TagResource changes
 * the function's tags) and UntagResource removes.
 */
export const TAG_KEY = 'conformance-tag';

/**
 * The `invocationType` argument of Invoke; an Invoke without one (as imported traces write a
 * RequestResponse invocation) is `RequestResponse`, the API's default.
 */
export function invocationTypeArg(op: Operation): InvocationType {
  const value = op.args['invocationType'];
  if (value === undefined) return 'RequestResponse';
  const known = INVOCATION_TYPES.find((t) => t === value);
  if (known === undefined) {
    throw badArgs(
      op,
      `argument 'invocationType' must be ${INVOCATION_TYPES.join(', ')}, got ${String(value)}`,
    );
  }
  return known;
}

/**
 * The `publish` argument of CreateFunction and UpdateFunctionCode: `{ Publish: true }` for `yes`
 * (the call also publishes a version), nothing for `no` or no argument.
 */
export function publishArg(op: Operation): { Publish?: true } {
  const value = op.args['publish'];
  if (value === undefined || value === 'no') return {};
  if (value !== 'yes') {
    throw badArgs(op, `argument 'publish' must be 'no' or 'yes', got ${String(value)}`);
  }
  return { Publish: true };
}

/**
 * The name of the one alias each function may have: what CreateAlias, GetAlias, UpdateAlias and
 * DeleteAlias address and a `qualifier: alias` stands for.
 */
export const ALIAS_NAME = 'conformance-alias';

/**
 * The `Qualifier` a `qualifier` argument stands for: nothing for `none` (or no argument: $LATEST,
 * unqualified); for `version`, the latest published version of the function the session knows
 * (`latestVersion`, the number a publishing answer gave), or `1` when it knows none; for `alias`,
 * {@link ALIAS_NAME}.
 */
export function qualifierArg(
  op: Operation,
  latestVersion: (fn: string) => string | undefined,
): { Qualifier?: string } {
  const value = op.args['qualifier'];
  if (value === undefined || value === 'none') return {};
  if (value === 'alias') return { Qualifier: ALIAS_NAME };
  if (value !== 'version') {
    throw badArgs(
      op,
      `argument 'qualifier' must be 'none', 'version' or 'alias', got ${String(value)}`,
    );
  }
  return { Qualifier: latestVersion(op.fn) ?? '1' };
}

/**
 * The `FunctionVersion` an `aliasTarget` argument (CreateAlias, UpdateAlias) stands for: `$LATEST`
 * for `latest`; for `version`, the latest published version the session knows (`1` when none).
 */
export function aliasTargetArg(
  op: Operation,
  latestVersion: (fn: string) => string | undefined,
): string {
  const value = op.args['aliasTarget'];
  if (value === 'latest') return '$LATEST';
  if (value !== 'version') {
    throw badArgs(
      op,
      `argument 'aliasTarget' must be 'version' or 'latest', got ${value === undefined ? 'nothing' : String(value)}`,
    );
  }
  return latestVersion(op.fn) ?? '1';
}

/**
 * The `Qualifier` an SDK waiter polls with: the latest published version the session knows (`1`
 * when it knows none) for PublishedVersionActive, none for the others (they poll $LATEST).
 */
export function waiterQualifier(op: Operation, book: SessionBook): string | undefined {
  if (op.name !== 'WaitPublishedVersionActive') return undefined;
  return book.latestVersion(op.fn) ?? '1';
}
