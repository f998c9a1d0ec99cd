import type { PackageType } from '../../lambda/Operation.ts';
import type { Deployment } from './Deployment.ts';

/** The four documented function states. */
export type FunctionState = 'Pending' | 'Active' | 'Inactive' | 'Failed';

/** The three documented `LastUpdateStatus` values. */
export type UpdateStatus = 'InProgress' | 'Successful' | 'Failed';

/** A `State` with its `StateReasonCode` and `StateReason` (absent when Active). */
export interface StateInfo {
  readonly state: FunctionState;
  readonly reasonCode?: string;
  readonly reason?: string;
}

/** A `LastUpdateStatus` with its reason members; absent before creation completes. */
export interface UpdateInfo {
  readonly status: UpdateStatus;
  readonly reasonCode?: string;
  readonly reason?: string;
}

/** A published version: frozen code and configuration, its own State and RevisionId. */
export interface PublishedVersion {
  readonly version: string;
  readonly deployment: Deployment;
  readonly description: string;
  readonly lastModified: string;
  state: 'Pending' | 'Active';
  revisionId: string;
}

/** An alias: a name for one version (or `$LATEST`), with a RevisionId of its own. */
export interface AliasRecord {
  readonly name: string;
  readonly arn: string;
  functionVersion: string;
  description: string;
  revisionId: string;
}

/**
 * Everything the simulation knows about one function. Mutable on purpose: only the simulation and
 * its transition helpers hold records, and every change goes through them.
 */
export interface FunctionRecord {
  readonly name: string;
  readonly arn: string;
  readonly packageType: PackageType;
  readonly role: string;
  readonly runtime: string | undefined;
  readonly handler: string | undefined;
  /** What invocations run. */
  live: Deployment;
  /** What the function was created with (what the `publish-freezes-created` mutant publishes). */
  readonly created: Deployment;
  /** An accepted update that is not live yet (while LastUpdateStatus is InProgress). */
  staged: Deployment | undefined;
  state: StateInfo;
  update: UpdateInfo | undefined;
  revisionId: string;
  lastModified: string;
  tags: Record<string, string>;
  versions: PublishedVersion[];
  /** The function's aliases, by name. */
  readonly aliases: Map<string, AliasRecord>;
  /** The next version number; never reused, even after a version is deleted. */
  nextVersion: number;
  provisioningFailureArmed: boolean;
  updateFailureArmed: boolean;
  acceptedUpdates: number;
  /** Bumped to cancel a scheduled provisioning or reactivation. */
  provisionTicket: number;
  /** Bumped to cancel a scheduled update completion. */
  updateTicket: number;
}

/** What $LATEST shows and what PublishVersion freezes: the staged revision if any, else the live. */
export function latestDeployment(record: FunctionRecord): Deployment {
  return record.staged ?? record.live;
}

/** Lambda's `LastModified` text for a clock value: `2019-07-17T23:10:15.832+0000`. */
export function lastModifiedAt(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
