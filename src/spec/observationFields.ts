import { excerpt } from '../errors/excerpt.ts';
import type { Condition } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import { readCondition } from './readCondition.ts';
import { didYouMean } from './didYouMean.ts';
import { readEntries } from './readNode.ts';
import type { YNode } from './YNode.ts';

/**
 * The observation vocabulary: what targets report for a successful call (src/targets/observeResponse.ts)
 * and `observe:` may constrain. spec/README.md documents the same list; a test keeps them in step.
 */
export const OBSERVATION_FIELDS = {
  State: 'FunctionConfiguration.State of the response (Create, Get*, Update*, PublishVersion).',
  StateReasonCode: 'FunctionConfiguration.StateReasonCode (Creating, Restoring, …).',
  LastUpdateStatus: 'FunctionConfiguration.LastUpdateStatus (InProgress, Successful, Failed).',
  LastUpdateStatusReasonCode: 'FunctionConfiguration.LastUpdateStatusReasonCode.',
  RevisionId: 'FunctionConfiguration.RevisionId ($LATEST’s; never reported for PublishVersion).',
  Version: 'FunctionConfiguration.Version (`$LATEST`, or the published version number).',
  PackageType: 'FunctionConfiguration.PackageType (Zip or Image).',
  StatusCode: 'Invoke: the HTTP status of the invocation (200).',
  ExecutedVersion: 'Invoke: the version that ran.',
  FunctionError: 'Invoke: present when the handler failed (Unhandled, Handled).',
  ranCode: 'Invoke: the code revision the conformance handler reports it ran.',
  ranConfig: 'Invoke: the configuration revision the conformance handler reports it ran.',
  versionCount: 'ListVersionsByFunction: published versions, $LATEST excluded.',
  listed: 'ListFunctions: whether the function appears in the list.',
  stateFieldsListed:
    'ListFunctions: whether any listed function carries State/LastUpdateStatus members.',
} as const;

/** One of {@link OBSERVATION_FIELDS}. */
export type ObservationField = keyof typeof OBSERVATION_FIELDS;

const NAMES: readonly string[] = Object.keys(OBSERVATION_FIELDS);

/**
 * Reads `observe:`: observation field → scalar | list | `{ not: … }` | `absent` | `present` |
 * `$field` | `input.x`. A key outside the vocabulary is an `unknown-observation-field` issue.
 */
export function readObserve(
  node: YNode,
  ctx: ReadContext,
  scope: Scope,
): Record<string, Condition> | undefined {
  const entries = readEntries(node, ctx.sink, scope.where, "'observe'");
  if (entries === undefined) return undefined;
  const out: Record<string, Condition> = {};
  let ok = true;
  for (const entry of entries) {
    if (!NAMES.includes(entry.key)) {
      ok = false;
      ctx.sink.report(
        'unknown-observation-field',
        entry.keyPos,
        `${scope.where}: unknown observation field '${excerpt(entry.key)}'.`,
        didYouMean(entry.key, NAMES),
      );
      continue;
    }
    const condition = readCondition(entry.value, undefined, false, ctx, scope);
    if (condition === undefined) ok = false;
    else out[entry.key] = condition;
  }
  return ok ? out : undefined;
}
