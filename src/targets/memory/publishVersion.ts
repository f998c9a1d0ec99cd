import type { FunctionConfiguration, PublishVersionRequest } from '../../lambda/LambdaApi.ts';
import { sameDeployment } from './Deployment.ts';
import type { Deployment } from './Deployment.ts';
import { lastModifiedAt, latestDeployment } from './FunctionRecord.ts';
import type { FunctionRecord, PublishedVersion } from './FunctionRecord.ts';
import { checkRevision, refusalOf } from './guards.ts';
import { codeShaMismatch } from './lambdaErrors.ts';
import { versionConfiguration } from './renderConfiguration.ts';
import { has, now } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';
import { renewRevision } from './transitions.ts';

/**
 * PublishVersion of `record`'s $LATEST. Refused like the other guarded calls (Pending, Failed,
 * update InProgress), then a stale RevisionId (412), then a mismatched CodeSha256 (400).
 *
 * When the code and configuration equal those of the latest published version, that version is
 * answered and nothing is published. Otherwise version N+1 (numbers are never reused) is published,
 * Pending until `versionMs` has passed (Active at once when it is 0), and $LATEST gets a new
 * RevisionId.
 */
export function publishVersion(
  core: SimulationCore,
  record: FunctionRecord,
  req: PublishVersionRequest,
): FunctionConfiguration {
  const refusal = refusalOf(core, record, 'PublishVersion');
  if (refusal !== undefined) throw refusal.error;
  checkRevision(core, record.revisionId, req.RevisionId);
  // What $LATEST shows; without an update in progress (the faithful case) that is the live code.
  const shown = latestDeployment(record);
  if (req.CodeSha256 !== undefined && req.CodeSha256 !== shown.code.sha256) {
    throw codeShaMismatch(req.CodeSha256, shown.code.sha256);
  }
  const latest = record.versions.at(-1);
  if (
    latest !== undefined &&
    sameDeployment(latest.deployment, shown) &&
    !has(core, 'publish-duplicates-version')
  ) {
    return versionConfiguration(record, latest);
  }
  const deployment = has(core, 'publish-freezes-created') ? record.created : shown;
  const versionMs = core.options.timing.versionMs;
  const version = addVersion(core, record, deployment, req.Description, versionMs, versionMs === 0);
  renewRevision(core, record);
  return versionConfiguration(record, version);
}

/**
 * Publishes `deployment` as `record`'s next version (numbers are never reused): Active at once
 * when `activeAtOnce`, otherwise Pending until `pendingMs` has passed.
 */
export function addVersion(
  core: SimulationCore,
  record: FunctionRecord,
  deployment: Deployment,
  description: string | undefined,
  pendingMs: number,
  activeAtOnce: boolean,
): PublishedVersion {
  const version: PublishedVersion = {
    version: String(record.nextVersion),
    deployment,
    description: description ?? deployment.settings.description,
    lastModified: lastModifiedAt(now(core)),
    state: activeAtOnce ? 'Active' : 'Pending',
    revisionId: core.revisions.next(),
  };
  record.nextVersion += 1;
  record.versions.push(version);
  if (version.state === 'Pending') {
    core.timeline.schedule(now(core) + pendingMs, { kind: 'version-active', record, version });
  }
  return version;
}

/**
 * The `Publish` of CreateFunction and UpdateFunctionCode: once the call is accepted, `deployment`
 * (the code the call deployed) is published as the next version, Pending ("State": "Pending",
 * "StateReasonCode": "Creating", as recorded for both calls) for `versionMs`, whatever the
 * function's own provisioning or update does, and the answer is that version's configuration. When it equals the latest version's, nothing is published and the
 * latest version is answered, as PublishVersion does ("AWS Lambda doesn't publish a version if
 * the function's configuration and code haven't changed since the last version.").
 */
export function publishOnCall(
  core: SimulationCore,
  record: FunctionRecord,
  deployment: Deployment,
): FunctionConfiguration {
  const latest = record.versions.at(-1);
  if (latest !== undefined && sameDeployment(latest.deployment, deployment)) {
    return versionConfiguration(record, latest);
  }
  const pendingMs = core.options.timing.versionMs;
  return versionConfiguration(
    record,
    addVersion(core, record, deployment, undefined, pendingMs, false),
  );
}
