import { runHandler } from '../handler/runHandler.ts';
import { runImageHandler } from '../handler/runImageHandler.ts';
import type { InvocationType, InvokeResponse } from '../../lambda/LambdaApi.ts';
import type { Deployment } from './Deployment.ts';
import type { FunctionRecord } from './FunctionRecord.ts';
import {
  codeArtifactPending,
  functionNotFound,
  invalidRequestContent,
  notInvocable,
} from './lambdaErrors.ts';
import { has } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';
import { activate, beginProvisioning, renewRevision } from './transitions.ts';

function run(deployment: Deployment, payload: string, executedVersion: string): InvokeResponse {
  const { code, settings } = deployment;
  const result =
    code.kind === 'Zip'
      ? runHandler(code.zip, settings.environment, payload)
      : runImageHandler(code.imageUri, settings.environment, payload);
  const response: InvokeResponse = {
    StatusCode: 200,
    ExecutedVersion: executedVersion,
    Payload: result.payload,
  };
  if (result.functionError !== undefined) response.FunctionError = result.functionError;
  return response;
}

function mayInvokePending(core: SimulationCore, record: FunctionRecord): boolean {
  if (record.packageType === 'Zip') return has(core, 'invoke-while-pending');
  // The seed: "While the state is Pending, you can invoke the function" — said of the optimisation
  // after an image is uploaded, so only while the function is being created, not while it is
  // restoring after Inactive ("Lambda rejects the first invocation … until Lambda re-optimizes").
  if (record.state.reasonCode !== 'Creating') return false;
  return core.options.imagePendingInvoke === 'allow' && !has(core, 'image-refused-while-pending');
}

function mayInvokeFailed(core: SimulationCore, record: FunctionRecord): boolean {
  return (
    record.packageType === 'Image' &&
    record.state.reasonCode === 'ImageDeleted' &&
    has(core, 'image-deleted-invokes')
  );
}

function invokeLatest(
  core: SimulationCore,
  record: FunctionRecord,
  payload: string,
): InvokeResponse {
  // "Invocations continue to use the function's previous code and configuration until the update
  // completes."
  const deployment =
    has(core, 'invoke-runs-staged') && record.staged !== undefined ? record.staged : record.live;
  // Every state answers, and nothing changes (an Inactive function stays Inactive).
  if (has(core, 'no-conflicts')) return run(deployment, payload, '$LATEST');
  switch (record.state.state) {
    case 'Active':
      return run(deployment, payload, '$LATEST');
    case 'Pending':
      if (mayInvokePending(core, record)) return run(deployment, payload, '$LATEST');
      throw notInvocable('Pending');
    case 'Failed':
      if (mayInvokeFailed(core, record)) return run(deployment, payload, '$LATEST');
      throw notInvocable('Failed');
    case 'Inactive':
      if (has(core, 'inactive-first-invoke-succeeds')) {
        activate(core, record);
        return run(deployment, payload, '$LATEST');
      }
      // "When you try to invoke a function that is inactive, the invocation fails and Lambda sets
      // the function to pending state until the function resources are recreated."
      beginProvisioning(core, record, 'Restoring', core.options.timing.reactivateMs);
      renewRevision(core, record);
      throw codeArtifactPending();
  }
}

function invokeSync(
  core: SimulationCore,
  record: FunctionRecord,
  qualifier: string | undefined,
  payload: string,
): InvokeResponse {
  if (qualifier === undefined || qualifier === '$LATEST') {
    return invokeLatest(core, record, payload);
  }
  const version = record.versions.find((v) => v.version === qualifier);
  if (version === undefined) throw functionNotFound(`${record.arn}:${qualifier}`);
  if (version.state !== 'Active') throw notInvocable(version.state);
  // A version is a snapshot: it runs its own code, not $LATEST's.
  const deployment = has(core, 'version-runs-latest') ? record.live : version.deployment;
  return run(deployment, payload, version.version);
}

/**
 * Invoke of `$LATEST` or a published version of `record`.
 *
 * `RequestResponse`: runs the conformance handler with the live code and environment when the
 * state allows it, else throws the documented refusal; an Inactive function's first invocation
 * starts its reactivation and fails. `Event` ("Invoke the function asynchronously … The API
 * response only includes a status code."): the same run and the same refusals (this simulation
 * runs a queued event at once), answered 202 without the result. `DryRun` ("Validate parameter
 * values and verify that the user or role has permission to invoke the function."): runs nothing
 * and changes nothing; the function only has to exist (the version, for a qualifier): 204.
 */
export function invokeFunction(
  core: SimulationCore,
  record: FunctionRecord,
  qualifier: string | undefined,
  payload: string,
  invocationType: InvocationType = 'RequestResponse',
): InvokeResponse {
  try {
    JSON.parse(payload);
  } catch (error) {
    throw invalidRequestContent(error instanceof Error ? error.message : String(error));
  }
  if (invocationType === 'DryRun' && !has(core, 'dry-run-invokes')) {
    const isLatest = qualifier === undefined || qualifier === '$LATEST';
    if (!isLatest && !record.versions.some((v) => v.version === qualifier)) {
      throw functionNotFound(`${record.arn}:${qualifier}`);
    }
    return { StatusCode: 204, ExecutedVersion: isLatest ? '$LATEST' : qualifier, Payload: '' };
  }
  const result = invokeSync(core, record, qualifier, payload);
  if (invocationType !== 'Event') return result;
  return { StatusCode: 202, ExecutedVersion: result.ExecutedVersion, Payload: '' };
}
