import { HarnessError } from '../errors/HarnessError.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { CleanupOptions } from '../targets/aws/cleanupLeftovers.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';
import { excerpt } from '../errors/excerpt.ts';

/** The options of `cleanup`: where to look, and how old a left-over function must be. */
interface CleanupFlags {
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly olderThanMs?: number;
  readonly allowAccounts?: readonly string[];
  readonly namePrefix?: string;
  readonly runs?: readonly string[];
}

/** `cleanup` waits this long before it counts a function as left behind, unless told otherwise. */
const DEFAULT_OLDER_THAN_MS = 3_600_000;

/** `cleanup`: the endpoint or account, and the age of what to delete. */
export const CLEANUP_SPEC: CommandSpec<CleanupFlags> = {
  options: {
    endpoint: {
      flag: 'endpoint',
      kind: 'text',
      value: 'URL',
      help: 'the Lambda endpoint (an emulator); default real AWS',
    },
    region: { flag: 'region', kind: 'text', value: 'R', help: 'the AWS region' },
    profile: { flag: 'profile', kind: 'text', value: 'P', help: 'the AWS profile' },
    olderThanMs: {
      flag: 'older-than',
      kind: 'duration',
      value: '1h',
      help: 'delete only functions created longer ago than this (30m, 1h30m, 2d; default 1h)',
    },
    runs: {
      flag: 'run',
      kind: 'list',
      value: 'ID',
      help: 'delete the functions of this run (repeatable), whatever their age; not with --older-than',
    },
    allowAccounts: RUN_OPTION_TABLE.allowAccounts,
    namePrefix: {
      flag: 'prefix',
      kind: 'text',
      value: 'lc',
      help: 'the first part of the function names runs create (default lc)',
    },
  },
  positionals: false,
  description:
    'Deletes functions interrupted runs left behind: named <prefix>-… and tagged by a run. Exit 0 when the clean-up ran.',
};

/**
 * `lambda-conformance cleanup`: deletes functions interrupted runs left behind (see
 * {@link cleanupLeftovers}). Exit 0 when the clean-up ran (even if nothing was found), 2 for a
 * harness error (a refused account, a failed listing) with a one-line message; bad flags throw a
 * one-line HarnessError (exit 2). `overrides` lets tests inject credentials and the STS call.
 */
export async function cleanupCommand(
  args: readonly string[],
  io: Io,
  overrides: Partial<CleanupOptions> = {},
): Promise<number> {
  const { values } = readArgv('cleanup', CLEANUP_SPEC, args);
  const runs = values.runs ?? [];
  if (runs.length > 0 && values.olderThanMs !== undefined) {
    throw new HarnessError(
      'BAD_FLAG',
      'cleanup: give --run (that run, whatever its age) or --older-than, not both.',
    );
  }
  const bad = runs.find((run) => !/^[A-Za-z0-9_-]+$/.test(run));
  if (bad !== undefined) {
    throw new HarnessError(
      'BAD_FLAG',
      `--run: expected a run id (letters, digits, - or _), got '${excerpt(bad)}'.`,
    );
  }
  const options: CleanupOptions = {
    ...values,
    allowAccounts: values.allowAccounts ?? [],
    ...(runs.length > 0 ? { runs } : {}),
    ...overrides,
    olderThanMs: values.olderThanMs ?? DEFAULT_OLDER_THAN_MS,
    io,
  };
  try {
    // The AWS SDK is loaded only here, so `cleanup --help` and bad flags never load it.
    const { cleanupLeftovers } = await import('../targets/aws/cleanupLeftovers.ts');
    const count = await cleanupLeftovers(options);
    io.out(`cleanup: deleted ${String(count)} function${count === 1 ? '' : 's'}\n`);
    return 0;
  } catch (error) {
    if (error instanceof HarnessError) {
      io.err(`cleanup: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
