import type { Deployment } from './Deployment.ts';
import { lastModifiedAt } from './FunctionRecord.ts';
import type { FunctionRecord } from './FunctionRecord.ts';
import { has, now } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';
import type { TimedTransition } from './Timeline.ts';

// The texts Lambda reports with each reason code (spec/sources/lambda-facts.md §3.5); `Restoring`
// and the failure texts are not recorded anywhere, so they are plain descriptions.
const CREATING = 'The function is being created.';
const RESTORING = 'The function is being restored.';
const IDLE = 'The function is currently idle.';
const PROVISIONING_FAILED = 'Lambda failed to provision the resources for the function.';
const UPDATE_FAILED = 'Lambda failed to apply the update to the function.';

/** Gives the function a new RevisionId: every accepted change and every transition does. */
export function renewRevision(core: SimulationCore, record: FunctionRecord): void {
  record.revisionId = core.revisions.next();
}

/** Pending with `Creating` or `Restoring`, and the provisioning scheduled after `delayMs`. */
export function beginProvisioning(
  core: SimulationCore,
  record: FunctionRecord,
  reasonCode: 'Creating' | 'Restoring',
  delayMs: number,
): void {
  record.state = {
    state: 'Pending',
    reasonCode,
    reason: reasonCode === 'Creating' ? CREATING : RESTORING,
  };
  record.provisionTicket += 1;
  core.timeline.schedule(now(core) + delayMs, {
    kind: 'provisioned',
    record,
    ticket: record.provisionTicket,
  });
}

/** Stages `deployment` as an accepted update: LastUpdateStatus InProgress until `updateMs`. */
export function acceptUpdate(
  core: SimulationCore,
  record: FunctionRecord,
  deployment: Deployment,
): void {
  record.staged = deployment;
  record.update = { status: 'InProgress', reasonCode: 'Creating', reason: CREATING };
  record.lastModified = lastModifiedAt(now(core));
  record.acceptedUpdates += 1;
  record.updateTicket += 1;
  renewRevision(core, record);
  if (has(core, 'updates-complete-at-once')) {
    // Done before the call answers: the answer already says Successful (or Failed).
    finishUpdate(core, record, deployment);
    return;
  }
  if (has(core, 'stuck-in-progress') && record.acceptedUpdates % 2 === 0) return;
  core.timeline.schedule(now(core) + core.options.timing.updateMs, {
    kind: 'updated',
    record,
    ticket: record.updateTicket,
  });
}

function finishProvisioning(core: SimulationCore, record: FunctionRecord): void {
  const restoring = record.state.reasonCode === 'Restoring';
  if (!record.provisioningFailureArmed) {
    record.state = { state: 'Active' };
    // "This is first set to `Successful` after function creation completes."
    record.update ??= { status: 'Successful' };
    return;
  }
  record.provisioningFailureArmed = false;
  if (restoring && !has(core, 'failed-reactivation-fails')) {
    // "If Lambda fails to recreate the resources, the function is set to the inactive state."
    record.state = { state: 'Inactive', reasonCode: 'Idle', reason: IDLE };
  } else {
    record.state = { state: 'Failed', reasonCode: 'InternalError', reason: PROVISIONING_FAILED };
  }
}

function finishUpdate(core: SimulationCore, record: FunctionRecord, staged: Deployment): void {
  record.staged = undefined;
  if (!record.updateFailureArmed) {
    record.live = staged;
    record.update = { status: 'Successful' };
    return;
  }
  record.updateFailureArmed = false;
  // "Lambda aborts the update and the function's previous code and configuration remain available."
  if (has(core, 'failed-update-keeps-new')) record.live = staged;
  record.update = has(core, 'failed-update-reports-successful')
    ? { status: 'Successful' }
    : { status: 'Failed', reasonCode: 'InternalError', reason: UPDATE_FAILED };
  if (has(core, 'failed-update-sets-failed')) {
    record.state = { state: 'Failed', reasonCode: 'InternalError', reason: UPDATE_FAILED };
  }
}

function apply(core: SimulationCore, transition: TimedTransition): void {
  const { record } = transition;
  // A deleted (or deleted and recreated) function's leftovers do nothing.
  if (core.functions.get(record.name) !== record) return;
  switch (transition.kind) {
    case 'provisioned':
      if (transition.ticket !== record.provisionTicket || record.state.state !== 'Pending') return;
      finishProvisioning(core, record);
      break;
    case 'updated':
      if (transition.ticket !== record.updateTicket || record.staged === undefined) return;
      finishUpdate(core, record, record.staged);
      break;
    case 'version-active': {
      const { version } = transition;
      if (!record.versions.includes(version) || version.state !== 'Pending') return;
      version.state = 'Active';
      if (!has(core, 'static-revision-on-transition')) version.revisionId = core.revisions.next();
      return;
    }
  }
  if (!has(core, 'static-revision-on-transition')) renewRevision(core, record);
}

/** Applies every transition due by now, in time order. Called before every simulation call. */
export function settle(core: SimulationCore): void {
  const at = now(core);
  for (let next = core.timeline.takeDue(at); next !== undefined; next = core.timeline.takeDue(at)) {
    apply(core, next);
  }
}

/** `idle-reclaim`: an Active function with no update in progress becomes Inactive. */
export function reclaimIdle(core: SimulationCore, record: FunctionRecord): void {
  if (record.state.state !== 'Active' || record.update?.status === 'InProgress') return;
  record.state = { state: 'Inactive', reasonCode: 'Idle', reason: IDLE };
  renewRevision(core, record);
}

/** `image-deleted`: an Image function that is not Failed fails and stops any provisioning. */
export function deleteImage(core: SimulationCore, record: FunctionRecord): void {
  if (record.packageType !== 'Image' || record.state.state === 'Failed') return;
  record.state = {
    state: 'Failed',
    reasonCode: 'ImageDeleted',
    reason: "The function's container image no longer exists.",
  };
  record.provisionTicket += 1;
  renewRevision(core, record);
}

/** The Active state a successful reactivation (or a mutant's shortcut) leaves. */
export function activate(core: SimulationCore, record: FunctionRecord): void {
  record.state = { state: 'Active' };
  renewRevision(core, record);
}
