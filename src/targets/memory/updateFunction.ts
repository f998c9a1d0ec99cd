import type {
  FunctionConfiguration,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '../../lambda/LambdaApi.ts';
import { applySettingsChange, imageCode, zipCode } from './Deployment.ts';
import type { FunctionCode } from './Deployment.ts';
import { latestDeployment } from './FunctionRecord.ts';
import type { FunctionRecord } from './FunctionRecord.ts';
import { checkRevision, refusalOf } from './guards.ts';
import { invalidParameter } from './lambdaErrors.ts';
import { publishOnCall } from './publishVersion.ts';
import { latestConfiguration } from './renderConfiguration.ts';
import { has } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';
import { acceptUpdate } from './transitions.ts';

function codeOf(record: FunctionRecord, req: UpdateFunctionCodeRequest): FunctionCode {
  if (record.packageType === 'Image') {
    if (req.ImageUri === undefined || req.ZipFile !== undefined) {
      throw invalidParameter(
        'Please provide ImageUri when updating a function with packageType Image.',
      );
    }
    return imageCode(req.ImageUri);
  }
  if (req.ZipFile === undefined || req.ImageUri !== undefined) {
    throw invalidParameter('Please provide ZipFile when updating a function with packageType Zip.');
  }
  return zipCode(req.ZipFile);
}

/**
 * UpdateFunctionCode: refused while Pending, Failed or an update is InProgress (409), or with a
 * stale RevisionId (412); otherwise the new code is staged, LastUpdateStatus is InProgress, and it
 * goes live after `updateMs` (the previous code stays live if an `update-failure` is armed). With
 * `Publish`, the new code is also published as a version and answered (see `publishOnCall`).
 */
export function updateFunctionCode(
  core: SimulationCore,
  record: FunctionRecord,
  req: UpdateFunctionCodeRequest,
): FunctionConfiguration {
  const code = codeOf(record, req);
  const refusal = refusalOf(core, record, 'UpdateFunctionCode');
  if (refusal !== undefined) throw refusal.error;
  checkRevision(core, record.revisionId, req.RevisionId);
  const deployment = { code, settings: latestDeployment(record).settings };
  acceptUpdate(core, record, deployment);
  if (req.Publish === true) {
    return publishOnCall(core, record, deployment);
  }
  return latestConfiguration(record);
}

/**
 * UpdateFunctionConfiguration: the same acceptance rules as {@link updateFunctionCode}; the given
 * members replace the current ones (`Environment.Variables` as a whole).
 */
export function updateFunctionConfiguration(
  core: SimulationCore,
  record: FunctionRecord,
  req: UpdateFunctionConfigurationRequest,
): FunctionConfiguration {
  const refusal = refusalOf(core, record, 'UpdateFunctionConfiguration');
  if (refusal !== undefined) {
    if (refusal.cause === 'in-progress' && has(core, 'refused-update-stored')) {
      const staged = latestDeployment(record);
      record.staged = { code: staged.code, settings: applySettingsChange(staged.settings, req) };
    }
    if (refusal.cause === 'pending' && has(core, 'pending-refused-config-stored')) {
      const { live } = record;
      record.live = { code: live.code, settings: applySettingsChange(live.settings, req) };
    }
    throw refusal.error;
  }
  checkRevision(core, record.revisionId, req.RevisionId);
  const current = latestDeployment(record);
  acceptUpdate(core, record, {
    code: current.code,
    settings: applySettingsChange(current.settings, req),
  });
  return latestConfiguration(record);
}
