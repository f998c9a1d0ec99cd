import type { FunctionRecord, PublishedVersion } from './FunctionRecord.ts';
import { functionArn, parseFunctionRef, resolveQualifier } from './functionRef.ts';
import {
  functionNotFound,
  invalidParameter,
  resourceNotAnArn,
  TAGGABLE_ARN_PATTERN,
} from './lambdaErrors.ts';
import type { Ghost, SimulationCore } from './SimulationCore.ts';

/** A function and, when the reference named a published version, that version. */
export interface Found {
  readonly record: FunctionRecord;
  readonly version: PublishedVersion | undefined;
}

/** The unqualified ARN of `name` in the simulation's region and account. */
export function arnOf(core: SimulationCore, name: string): string {
  return functionArn(core.options.region, core.options.accountId, name);
}

/** Whether `qualifier` names a version (`$LATEST` or a number) rather than an alias. */
export function isVersionQualifier(qualifier: string): boolean {
  return qualifier === '$LATEST' || /^[0-9]+$/.test(qualifier);
}

/**
 * The version a qualifier addresses: itself for a version (or none), the version an alias points
 * at for an alias name; an alias the function does not have is a 404, as for a missing version.
 */
export function resolveAlias(
  record: FunctionRecord,
  qualifier: string | undefined,
): string | undefined {
  if (qualifier === undefined || isVersionQualifier(qualifier)) return qualifier;
  const alias = record.aliases.get(qualifier);
  if (alias === undefined) throw functionNotFound(`${record.arn}:${qualifier}`);
  return alias.functionVersion;
}

/**
 * Looks up a function reference (name or ARN, optional `:qualifier`) plus an explicit qualifier.
 * `$LATEST` or no qualifier gives the function itself, an alias the version it points at; an
 * unknown function, version or alias is a 404.
 */
export function findQualified(
  core: SimulationCore,
  name: string,
  qualifier: string | undefined,
): Found {
  const ref = parseFunctionRef(name);
  const resolved = resolveQualifier(ref, qualifier);
  const record = core.functions.get(ref.name);
  if (record === undefined) throw functionNotFound(arnOf(core, ref.name));
  const target = resolveAlias(record, resolved);
  if (target === undefined || target === '$LATEST') return { record, version: undefined };
  const version = record.versions.find((v) => v.version === target);
  if (version === undefined) throw functionNotFound(`${record.arn}:${target}`);
  return { record, version };
}

/** Looks up a function for a call on $LATEST; a version qualifier is a 400. */
export function findLatest(core: SimulationCore, name: string): FunctionRecord {
  const { record, version } = findQualified(core, name, undefined);
  if (version !== undefined) throw invalidParameter(`${name} must not carry a version qualifier.`);
  return record;
}

const TAGGABLE_ARN = new RegExp(`^${TAGGABLE_ARN_PATTERN}$`);

/**
 * Looks up the function a tagging call names. `Resource` must be a full function ARN: a bare name
 * or a partial ARN is a 400 `ValidationException`, as the service validates it. Tags live on
 * unqualified function ARNs only.
 */
export function findTaggable(core: SimulationCore, arn: string): FunctionRecord {
  if (!TAGGABLE_ARN.test(arn)) throw resourceNotAnArn(arn);
  if (parseFunctionRef(arn).qualifier !== undefined) {
    throw invalidParameter(`Tags are supported on unqualified function ARNs only: ${arn}`);
  }
  return findLatest(core, arn);
}

/**
 * The `deleted-still-found` mutant's answer for an unqualified read of a deleted function, if it
 * still has reads left; each answer uses one.
 */
export function readGhost(
  core: SimulationCore,
  name: string,
  qualifier: string | undefined,
): Ghost | undefined {
  const ref = parseFunctionRef(name);
  if (core.functions.has(ref.name) || resolveQualifier(ref, qualifier) !== undefined) {
    return undefined;
  }
  const ghost = core.ghosts.get(ref.name);
  if (ghost === undefined || ghost.remainingReads <= 0) return undefined;
  ghost.remainingReads -= 1;
  return ghost;
}
