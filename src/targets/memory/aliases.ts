import type {
  AliasConfiguration,
  CreateAliasRequest,
  UpdateAliasRequest,
} from '../../lambda/LambdaApi.ts';
import { isVersionQualifier } from './findFunction.ts';
import type { AliasRecord, FunctionRecord } from './FunctionRecord.ts';
import {
  aliasAlreadyExists,
  aliasCannotBeFound,
  aliasNotFound,
  functionNotFound,
  invalidParameter,
  revisionMismatch,
} from './lambdaErrors.ts';
import { has } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';

/**
 * Aliases, from the CreateAlias, GetAlias, UpdateAlias and DeleteAlias API references and the
 * answers LocalStack recorded from real AWS (test_lambda_api TestLambdaAlias and
 * TestLambdaRevisions::test_function_revisions_version_and_alias, 25-11-2025):
 * - an alias points at `$LATEST` or at a version that exists ("Function not found: <arn>:10"
 *   otherwise), and has a RevisionId of its own that every CreateAlias and UpdateAlias renews;
 *   $LATEST's and the versions' RevisionIds do not change ("create_alias does NOT change the
 *   revision id of $LATEST");
 * - UpdateAlias with a RevisionId that is not the alias's is a 412 ("Only update the alias if the
 *   revision ID matches the ID that's specified");
 * - none of the four is in the lists of operations that fail while a function is Pending or while
 *   an update is in progress: they work in every state of the function.
 */

// "Pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"
const ALIAS_NAME = /^(?![0-9]+$)[a-zA-Z0-9-_]{1,128}$/;

function checkName(name: string): void {
  if (!ALIAS_NAME.test(name)) {
    throw invalidParameter(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`,
    );
  }
}

/** `$LATEST` or an existing version of `record`; anything else is refused. */
function checkTarget(record: FunctionRecord, functionVersion: string): void {
  if (functionVersion === '$LATEST') return;
  if (!isVersionQualifier(functionVersion)) {
    throw invalidParameter(`Invalid function version ${functionVersion}.`);
  }
  if (!record.versions.some((v) => v.version === functionVersion)) {
    throw functionNotFound(`${record.arn}:${functionVersion}`);
  }
}

function render(alias: AliasRecord): AliasConfiguration {
  return {
    AliasArn: alias.arn,
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    RevisionId: alias.revisionId,
  };
}

/** CreateAlias: a new alias of `$LATEST` or an existing version; a taken name is a 409. */
export function createAlias(
  core: SimulationCore,
  record: FunctionRecord,
  req: CreateAliasRequest,
): AliasConfiguration {
  checkName(req.Name);
  const arn = `${record.arn}:${req.Name}`;
  if (record.aliases.has(req.Name)) throw aliasAlreadyExists(arn);
  checkTarget(record, req.FunctionVersion);
  const alias: AliasRecord = {
    name: req.Name,
    arn,
    functionVersion: req.FunctionVersion,
    description: req.Description ?? '',
    revisionId: core.revisions.next(),
  };
  record.aliases.set(alias.name, alias);
  return render(alias);
}

/** GetAlias: the alias as it is; an unknown one is a 404. */
export function getAlias(record: FunctionRecord, name: string): AliasConfiguration {
  const alias = record.aliases.get(name);
  if (alias === undefined) throw aliasCannotBeFound(`${record.arn}:${name}`);
  return render(alias);
}

/**
 * UpdateAlias: an unknown alias is a 404, a RevisionId that is not the alias's a 412, a version
 * that does not exist a 404; otherwise the alias points at the new version with a new RevisionId.
 */
export function updateAlias(
  core: SimulationCore,
  record: FunctionRecord,
  name: string,
  req: UpdateAliasRequest,
): AliasConfiguration {
  const alias = record.aliases.get(name);
  if (alias === undefined) throw aliasNotFound(`${record.arn}:${name}`);
  if (
    req.RevisionId !== undefined &&
    req.RevisionId !== alias.revisionId &&
    !has(core, 'alias-ignores-revision')
  ) {
    throw revisionMismatch();
  }
  if (req.FunctionVersion !== undefined) checkTarget(record, req.FunctionVersion);
  if (req.FunctionVersion !== undefined) alias.functionVersion = req.FunctionVersion;
  if (req.Description !== undefined) alias.description = req.Description;
  alias.revisionId = core.revisions.next();
  return render(alias);
}

/** DeleteAlias: removes the alias; an alias the function does not have is no error (204). */
export function deleteAlias(record: FunctionRecord, name: string): void {
  record.aliases.delete(name);
}

/** The names of `record`'s aliases that point at `version`. */
export function aliasesOf(record: FunctionRecord, version: string): string[] {
  return [...record.aliases.values()]
    .filter((a) => a.functionVersion === version)
    .map((a) => a.name);
}
