import { ListTagsCommand } from '@aws-sdk/client-lambda';
import { HarnessError } from '../../errors/HarnessError.ts';
import { ApiBudget } from './ApiBudget.ts';
import { resolveAwsTargetOptions } from './AwsTargetOptions.ts';
import type { AwsTargetOptions } from './AwsTargetOptions.ts';
import { checkAccount } from './checkAccount.ts';
import { createLambdaClient } from './createLambdaClient.ts';
import { deleteOwnedFunctions, describeNotDeleted, fixedBounds } from './deleteOwnedFunctions.ts';
import { LambdaCaller } from './LambdaCaller.ts';
import type { CallOutcome } from './LambdaCaller.ts';
import { listAllFunctions } from './listAll.ts';
import { formatDuration } from '../../text/duration.ts';
import type { Io } from '../../text/Io.ts';
import { retryUntil } from './retryUntil.ts';
import { CREATED_TAG, RUN_TAG, sanitizeRunId } from './runLabels.ts';

/** Options of {@link cleanupLeftovers}: where to look, which functions, and where to print. */
export interface CleanupOptions extends AwsTargetOptions {
  /** Only functions created longer ago than this (ms) are deleted; ignored when `runs` is given. */
  readonly olderThanMs: number;
  /**
   * Only functions of these runs (their `lambda-conformance:run` tag), whatever their age: what a
   * run that could not clean up names in its message. Empty or omitted: every run, by age.
   */
  readonly runs?: readonly string[];
  /** Where each deleted (or undeletable) function is reported, one line each. */
  readonly io: Io;
  /** @internal Current time (ms since the epoch); default `Date.now`. */
  readonly now?: () => number;
}

function why(outcome: Exclude<CallOutcome<unknown>, { kind: 'ok' }>): string {
  return outcome.kind === 'error' ? `${outcome.type}: ${outcome.message}` : outcome.reason;
}

/**
 * Deletes functions runs left behind: those whose name starts with `<namePrefix>-` AND whose tags
 * carry `lambda-conformance:run` and either one of `runs`, or (no `runs`) a
 * `lambda-conformance:created` time older than `olderThanMs`. Anything else, tagged or not, is left
 * alone. Real AWS needs an allowed account, exactly as runs do. Listing, tag reads and deletes are
 * retried with backoff for the aws target's `cleanupTimeoutMs`. Prints one line per deleted
 * function and one error line per function it could not read or delete; returns how many were
 * deleted. A listing that still fails is a HarnessError `CLEANUP_FAILED`.
 */
export async function cleanupLeftovers(options: CleanupOptions): Promise<number> {
  const resolved = resolveAwsTargetOptions(options);
  await checkAccount(resolved);
  const client = createLambdaClient(resolved);
  const caller = new LambdaCaller({
    budget: new ApiBudget(resolved.maxApiCalls),
    callTimeoutMs: resolved.callTimeoutMs,
    retry: resolved.retry,
    sleep: resolved.sleep,
  });
  const policy = { idempotent: true, cleanup: true } as const;
  const now = (options.now ?? Date.now)();
  const deadline = Date.now() + resolved.cleanupTimeoutMs;
  const pacing = { deadline, retry: resolved.retry, sleep: resolved.sleep };
  const settled = (o: CallOutcome<unknown>): boolean => o.kind !== 'inconclusive';
  const runs = new Set((options.runs ?? []).map(sanitizeRunId));
  try {
    const listed = await retryUntil(
      () => listAllFunctions(client, caller, policy),
      settled,
      pacing,
    );
    if (listed.kind !== 'ok') {
      throw new HarnessError('CLEANUP_FAILED', `cleanup could not list functions: ${why(listed)}`);
    }
    let deleted = 0;
    for (const fn of listed.value) {
      const name = fn.FunctionName ?? '';
      const arn = fn.FunctionArn;
      if (!name.startsWith(`${resolved.namePrefix}-`) || arn === undefined) continue;
      const tags = await retryUntil(
        () =>
          caller.call(
            'ListTags',
            (abortSignal) => client.send(new ListTagsCommand({ Resource: arn }), { abortSignal }),
            policy,
          ),
        settled,
        pacing,
      );
      if (tags.kind !== 'ok') {
        // A function that is gone meanwhile is no leftover.
        if (tags.kind === 'inconclusive')
          options.io.err(`could not read the tags of ${name}: ${why(tags)}`);
        continue;
      }
      const run = tags.value.Tags?.[RUN_TAG];
      const created = Date.parse(tags.value.Tags?.[CREATED_TAG] ?? '');
      if (run === undefined) continue;
      if (
        runs.size > 0
          ? !runs.has(run)
          : Number.isNaN(created) || now - created <= options.olderThanMs
      ) {
        continue;
      }
      const failures = await deleteOwnedFunctions(
        { client, caller, options: resolved },
        [name],
        fixedBounds(deadline),
      );
      if (failures.length > 0) {
        options.io.err(`could not delete ${failures.map(describeNotDeleted).join('; ')}\n`);
        continue;
      }
      deleted += 1;
      const age = Number.isNaN(created)
        ? 'created at an unknown time'
        : `created ${new Date(created).toISOString()}, ${formatDuration(now - created)} ago`;
      options.io.out(`deleted ${name} (run ${run}, ${age})\n`);
    }
    return deleted;
  } finally {
    client.destroy();
  }
}
