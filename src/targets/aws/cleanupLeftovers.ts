import { ListTagsCommand } from '@aws-sdk/client-lambda';
import { HarnessError } from '../../errors/HarnessError.ts';
import { ApiBudget } from './ApiBudget.ts';
import { resolveAwsTargetOptions } from './AwsTargetOptions.ts';
import type { AwsTargetOptions } from './AwsTargetOptions.ts';
import { checkAccount } from './checkAccount.ts';
import { createLambdaClient } from './createLambdaClient.ts';
import { deleteOwnedFunctions } from './deleteOwnedFunctions.ts';
import { LambdaCaller } from './LambdaCaller.ts';
import { listAllFunctions } from './listAll.ts';
import { formatDuration } from '../../text/duration.ts';
import type { Io } from '../../text/Io.ts';
import { CREATED_TAG, RUN_TAG } from './runLabels.ts';

/** Options of {@link cleanupLeftovers}: where to look, how old, and where to print. */
export interface CleanupOptions extends AwsTargetOptions {
  /** Only functions created longer ago than this (ms) are deleted. */
  readonly olderThanMs: number;
  /** Where each deleted (or undeletable) function is reported, one line each. */
  readonly io: Io;
  /** @internal Current time (ms since the epoch); default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Deletes functions an interrupted run left behind: those whose name starts with `<namePrefix>-`
 * AND whose tags carry `lambda-conformance:run` and a `lambda-conformance:created` time older than
 * `olderThanMs`. Anything else, tagged or not, is left alone. Real AWS needs an allowed account,
 * exactly as runs do. Prints one line per deleted function and returns how many were deleted;
 * a listing that fails is a HarnessError `CLEANUP_FAILED`.
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
  try {
    const listed = await listAllFunctions(client, caller, policy);
    if (listed.kind !== 'ok') {
      const why = listed.kind === 'error' ? `${listed.type}: ${listed.message}` : listed.reason;
      throw new HarnessError('CLEANUP_FAILED', `cleanup could not list functions: ${why}`);
    }
    let deleted = 0;
    for (const fn of listed.value) {
      const name = fn.FunctionName ?? '';
      const arn = fn.FunctionArn;
      if (!name.startsWith(`${resolved.namePrefix}-`) || arn === undefined) continue;
      const tags = await caller.call(
        'ListTags',
        (abortSignal) => client.send(new ListTagsCommand({ Resource: arn }), { abortSignal }),
        policy,
      );
      if (tags.kind !== 'ok') continue;
      const run = tags.value.Tags?.[RUN_TAG];
      const created = Date.parse(tags.value.Tags?.[CREATED_TAG] ?? '');
      if (run === undefined || Number.isNaN(created) || now - created <= options.olderThanMs) {
        continue;
      }
      const failures = await deleteOwnedFunctions({ client, caller, options: resolved }, [name]);
      if (failures.length > 0) {
        options.io.err(`could not delete ${failures.join('; ')}\n`);
        continue;
      }
      deleted += 1;
      options.io.out(
        `deleted ${name} (run ${run}, created ${new Date(created).toISOString()}, ${formatDuration(now - created)} ago)\n`,
      );
    }
    return deleted;
  } finally {
    client.destroy();
  }
}
