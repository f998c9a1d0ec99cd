import { STATE_FIELDS, type StateField } from '../../lambda/catalogue.ts';
import type { FunctionConfiguration, GetFunctionResponse } from '../../lambda/LambdaApi.ts';
import type { Deployment } from './Deployment.ts';
import { latestDeployment } from './FunctionRecord.ts';
import type { FunctionRecord, PublishedVersion } from './FunctionRecord.ts';

function base(
  record: FunctionRecord,
  deployment: Deployment,
  arn: string,
  version: string,
): FunctionConfiguration {
  const { code, settings } = deployment;
  const config: FunctionConfiguration = {
    FunctionName: record.name,
    FunctionArn: arn,
    Role: record.role,
    CodeSha256: code.sha256,
    CodeSize: code.size,
    Description: settings.description,
    Timeout: settings.timeout,
    MemorySize: settings.memorySize,
    LastModified: record.lastModified,
    Version: version,
    RevisionId: record.revisionId,
    PackageType: record.packageType,
  };
  if (record.runtime !== undefined) config.Runtime = record.runtime;
  if (record.handler !== undefined) config.Handler = record.handler;
  if (Object.keys(settings.environment).length > 0) {
    config.Environment = { Variables: { ...settings.environment } };
  }
  return config;
}

/** The $LATEST configuration, as GetFunctionConfiguration and the update calls answer it. */
export function latestConfiguration(record: FunctionRecord): FunctionConfiguration {
  const config = base(record, latestDeployment(record), record.arn, '$LATEST');
  const { state, update } = record;
  config.State = state.state;
  if (state.reason !== undefined) config.StateReason = state.reason;
  if (state.reasonCode !== undefined) config.StateReasonCode = state.reasonCode;
  if (update !== undefined) {
    config.LastUpdateStatus = update.status;
    if (update.reason !== undefined) config.LastUpdateStatusReason = update.reason;
    if (update.reasonCode !== undefined) config.LastUpdateStatusReasonCode = update.reasonCode;
  }
  return config;
}

/**
 * A published version's configuration: Pending ("The function is being created.", `Creating`, no
 * LastUpdateStatus, like a new function) until it is Active with LastUpdateStatus `Successful`.
 */
export function versionConfiguration(
  record: FunctionRecord,
  version: PublishedVersion,
): FunctionConfiguration {
  const config = base(
    record,
    version.deployment,
    `${record.arn}:${version.version}`,
    version.version,
  );
  config.Description = version.description;
  config.LastModified = version.lastModified;
  config.RevisionId = version.revisionId;
  config.State = version.state;
  if (version.state === 'Pending') {
    config.StateReason = 'The function is being created.';
    config.StateReasonCode = 'Creating';
  } else {
    config.LastUpdateStatus = 'Successful';
  }
  return config;
}

/** A ListFunctions entry: the configuration without its state members, except those `keep`s. */
export function listedConfiguration(
  config: FunctionConfiguration,
  keep: readonly StateField[] = [],
): Partial<FunctionConfiguration> {
  const listed: Partial<FunctionConfiguration> = { ...config };
  for (const field of STATE_FIELDS) {
    if (!keep.includes(field)) delete listed[field];
  }
  return listed;
}

/** GetFunction's `Code` member for a deployment. */
export function codeLocation(
  record: FunctionRecord,
  deployment: Deployment,
): GetFunctionResponse['Code'] {
  const { code } = deployment;
  if (code.kind === 'Image') return { RepositoryType: 'ECR', ImageUri: code.imageUri };
  // A presigned S3 URL in the service; the simulation serves no code, so a stable placeholder.
  const digest = encodeURIComponent(code.sha256);
  return {
    RepositoryType: 'S3',
    Location: `https://lambda-simulation.invalid/${record.name}/${digest}`,
  };
}

/**
 * Deletes every `RevisionId` member of a freshly rendered answer (configurations, GetFunction's
 * `Configuration`, `Versions`, `Functions`), in place: the `no-revision-id` mutant's answers.
 */
export function dropRevisionIds(answer: unknown): void {
  if (Array.isArray(answer)) {
    for (const item of answer) dropRevisionIds(item);
    return;
  }
  if (typeof answer !== 'object' || answer === null) return;
  const members = answer as Record<string, unknown>;
  delete members['RevisionId'];
  for (const value of Object.values(members)) dropRevisionIds(value);
}
