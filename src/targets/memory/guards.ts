import type { LambdaApiError } from '../../lambda/LambdaApi.ts';
import type { FunctionRecord } from './FunctionRecord.ts';
import {
  invalidParameter,
  resourceInState,
  resourceStateMessage,
  revisionMismatch,
  updateInProgress,
} from './lambdaErrors.ts';
import { has } from './SimulationCore.ts';
import type { SimulationCore } from './SimulationCore.ts';

/** The control-plane calls whose acceptance depends on State and LastUpdateStatus. */
export type GuardedCall =
  'UpdateFunctionCode' | 'UpdateFunctionConfiguration' | 'PublishVersion' | 'TagResource';

/** Why a guarded call is refused: `cause` lets a caller tell an in-progress refusal apart. */
export interface Refusal {
  readonly cause: 'pending' | 'failed' | 'in-progress';
  readonly error: LambdaApiError;
}

const UPDATE_CALLS: readonly GuardedCall[] = ['UpdateFunctionCode', 'UpdateFunctionConfiguration'];

// Which mutant lets each call through while an update is InProgress.
const ACCEPTED_WHILE_UPDATING = {
  UpdateFunctionCode: 'update-while-updating',
  UpdateFunctionConfiguration: 'update-while-updating',
  PublishVersion: 'publish-while-updating',
  TagResource: 'tag-while-updating',
} as const;

function pendingRefusal(
  core: SimulationCore,
  record: FunctionRecord,
  call: GuardedCall,
): Refusal | undefined {
  const reasonCode = record.state.reasonCode ?? 'Creating';
  if (
    call === 'UpdateFunctionCode' &&
    reasonCode === 'Creating' &&
    has(core, 'pending-update-accepted')
  ) {
    return undefined;
  }
  if (UPDATE_CALLS.includes(call) && has(core, 'pending-conflict-wrong-type')) {
    const message = resourceStateMessage(record.arn, 'Pending', reasonCode);
    return { cause: 'pending', error: invalidParameter(message) };
  }
  // "Any invocations or other API actions that operate on the function will fail."
  return { cause: 'pending', error: resourceInState(record.arn, 'Pending', reasonCode) };
}

/**
 * Whether the function's State and LastUpdateStatus refuse `call`, and how. Pending refuses all
 * four; Failed refuses all but TagResource; an update InProgress refuses all four ("The following
 * operations fail: UpdateFunctionCode, UpdateFunctionConfiguration, PublishVersion, TagResource").
 * Active and Inactive otherwise accept. State conflicts come before RevisionId checks.
 */
export function refusalOf(
  core: SimulationCore,
  record: FunctionRecord,
  call: GuardedCall,
): Refusal | undefined {
  if (has(core, 'no-conflicts')) return undefined;
  const { state, reasonCode } = record.state;
  if (state === 'Pending') {
    const refusal = pendingRefusal(core, record, call);
    if (refusal !== undefined) return refusal;
  }
  if (state === 'Failed' && call !== 'TagResource') {
    const error = resourceInState(record.arn, 'Failed', reasonCode ?? 'InternalError');
    return { cause: 'failed', error };
  }
  if (record.update?.status === 'InProgress' && !has(core, ACCEPTED_WHILE_UPDATING[call])) {
    return { cause: 'in-progress', error: updateInProgress(record.arn) };
  }
  return undefined;
}

/** Throws the 412 when `given` is set and is not the function's latest RevisionId. */
export function checkRevision(
  core: SimulationCore,
  current: string,
  given: string | undefined,
): void {
  if (given === undefined || given === current || has(core, 'stale-revision-accepted')) return;
  throw revisionMismatch();
}
