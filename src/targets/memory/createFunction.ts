import type { CreateFunctionRequest, FunctionConfiguration } from '../../lambda/LambdaApi.ts';
import { applySettingsChange, DEFAULT_SETTINGS, imageCode, zipCode } from './Deployment.ts';
import type { FunctionCode } from './Deployment.ts';
import { lastModifiedAt } from './FunctionRecord.ts';
import type { FunctionRecord } from './FunctionRecord.ts';
import { functionArn, parseFunctionRef } from './functionRef.ts';
import { functionAlreadyExists, invalidParameter } from './lambdaErrors.ts';
import { publishOnCall } from './publishVersion.ts';
import { latestConfiguration } from './renderConfiguration.ts';
import { has, now } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';
import { beginProvisioning } from './transitions.ts';

function codeOf(req: CreateFunctionRequest): FunctionCode {
  const packageType = req.PackageType ?? 'Zip';
  if (packageType === 'Image') {
    if (req.Code.ImageUri === undefined || req.Code.ZipFile !== undefined) {
      throw invalidParameter(
        'Please provide ImageUri when creating a function with PackageType Image.',
      );
    }
    return imageCode(req.Code.ImageUri);
  }
  if (req.Code.ZipFile === undefined || req.Code.ImageUri !== undefined) {
    throw invalidParameter('Please provide ZipFile when creating a function with PackageType Zip.');
  }
  if (req.Runtime === undefined || req.Handler === undefined) {
    throw invalidParameter(
      'Runtime and Handler are mandatory parameters for functions created with Zip Package Type.',
    );
  }
  return zipCode(req.Code.ZipFile);
}

/**
 * CreateFunction: a new function in State Pending ("The function is being created.", `Creating`)
 * with no LastUpdateStatus, Active with LastUpdateStatus `Successful` after `provisionMs` (or Failed
 * when a `provisioning-failure` is armed). A taken name is a 409. With `Publish`, version 1 is
 * published with the created code and answered (see `publishOnCall`).
 */
export function createFunction(
  core: SimulationCore,
  req: CreateFunctionRequest,
): FunctionConfiguration {
  const ref = parseFunctionRef(req.FunctionName);
  if (ref.qualifier !== undefined) {
    throw invalidParameter(`FunctionName ${req.FunctionName} must not carry a qualifier.`);
  }
  if (req.Role === '') throw invalidParameter('Role is a mandatory parameter.');
  const { name } = ref;
  if (core.functions.has(name)) throw functionAlreadyExists(name);
  const code = codeOf(req);
  const settings = applySettingsChange(DEFAULT_SETTINGS, req);
  const record: FunctionRecord = {
    name,
    arn: functionArn(core.options.region, core.options.accountId, name),
    packageType: code.kind,
    role: req.Role,
    runtime: code.kind === 'Zip' ? req.Runtime : undefined,
    handler: code.kind === 'Zip' ? req.Handler : undefined,
    live: { code, settings },
    created: { code, settings },
    staged: undefined,
    state: { state: 'Pending' },
    update: has(core, 'create-has-last-update-status') ? { status: 'Successful' } : undefined,
    revisionId: core.revisions.next(),
    lastModified: lastModifiedAt(now(core)),
    tags: { ...(req.Tags ?? {}) },
    versions: [],
    aliases: new Map(),
    nextVersion: 1,
    provisioningFailureArmed: false,
    updateFailureArmed: false,
    acceptedUpdates: 0,
    provisionTicket: 0,
    updateTicket: 0,
  };
  core.functions.set(name, record);
  core.ghosts.delete(name);
  if (has(core, 'create-active-at-once')) {
    // No provisioning at all: Active, and "Successful" as after creation completes.
    record.state = { state: 'Active' };
    record.update = { status: 'Successful' };
  } else {
    beginProvisioning(core, record, 'Creating', core.options.timing.provisionMs);
  }
  if (req.Publish === true) {
    const version = publishOnCall(core, record, record.live);
    // Recorded (test_publish_version_on_create): version 1's configuration, with the function's
    // unqualified ARN.
    version.FunctionArn = record.arn;
    return version;
  }
  const config = latestConfiguration(record);
  if (has(core, 'create-says-active')) {
    // Only the answer lies; the function itself still provisions.
    config.State = 'Active';
    delete config.StateReason;
    delete config.StateReasonCode;
  }
  return config;
}
