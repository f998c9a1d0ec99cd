import { parseArgs } from 'node:util';
import { HarnessError } from '../../errors/HarnessError.ts';
import { cleanupLeftovers } from './cleanupLeftovers.ts';
import type { CleanupOptions } from './cleanupLeftovers.ts';
import { parseDuration } from './parseDuration.ts';

/** The usage line of `lambda-conformance cleanup`. */
export const CLEANUP_USAGE =
  'usage: lambda-conformance cleanup [--endpoint URL] [--region R] [--profile P] [--older-than 1h | --run ID...] [--allow-account ID]... [--prefix lc]';

const OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'older-than': { type: 'string' },
  run: { type: 'string', multiple: true },
  'allow-account': { type: 'string', multiple: true },
  prefix: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function flagMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(text)?.[1];
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    const known = Object.keys(OPTIONS).map((k) => `--${k}`);
    return `unknown option ${flag}; expected one of ${known.join(', ')}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
    return `option ${flag} expects a value`;
  }
  return text.split('\n')[0] ?? text;
}

/**
 * `lambda-conformance cleanup`: deletes functions interrupted runs left behind (see
 * {@link cleanupLeftovers}): older than `--older-than` (default 1h), or of the runs `--run` names,
 * whatever their age. Exit 0 when the clean-up ran (even if nothing was found), 2 for bad
 * flags or a harness error (a refused account, a failed listing), with a one-line message.
 */
export async function runCleanup(
  args: readonly string[],
  io: CleanupOptions['io'],
  overrides: Partial<CleanupOptions> = {},
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`cleanup: ${flagMessage(error)}`);
    io.err(CLEANUP_USAGE);
    return 2;
  }
  if (values.help === true) {
    io.out(CLEANUP_USAGE);
    return 0;
  }
  const runs = values.run ?? [];
  if (runs.length > 0 && values['older-than'] !== undefined) {
    io.err('cleanup: give --run (that run, whatever its age) or --older-than, not both');
    return 2;
  }
  const bad = runs.find((run) => !/^[A-Za-z0-9_-]+$/.test(run));
  if (bad !== undefined) {
    io.err(`cleanup: --run expects a run id (letters, digits, - or _), got '${bad.slice(0, 60)}'`);
    return 2;
  }
  const olderThanText = values['older-than'] ?? '1h';
  const olderThanMs = parseDuration(olderThanText);
  if (olderThanMs === undefined) {
    io.err(`cleanup: --older-than expects a duration like 30m, 1h or 2d, got '${olderThanText}'`);
    return 2;
  }
  const options: CleanupOptions = {
    ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }),
    ...(values.region === undefined ? {} : { region: values.region }),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
    ...(values.prefix === undefined ? {} : { namePrefix: values.prefix }),
    allowAccounts: values['allow-account'] ?? [],
    ...(runs.length > 0 ? { runs } : {}),
    ...overrides,
    olderThanMs,
    io,
  };
  try {
    const count = await cleanupLeftovers(options);
    io.out(`cleanup: deleted ${String(count)} function${count === 1 ? '' : 's'}`);
    return 0;
  } catch (error) {
    if (error instanceof HarnessError) {
      io.err(`cleanup: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
