import type { ResolvedAwsTargetOptions } from './AwsTargetOptions.ts';
import { sanitizeRunId } from './runLabels.ts';

function quote(arg: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that deletes what runs `runIds` left on the endpoint of `options`, whatever its age:
 * `lambda-conformance cleanup --endpoint URL --run ID`, plus the region, profile, name prefix and
 * allowed accounts the run used, so it can be pasted as is.
 */
export function cleanupCommand(
  options: Pick<
    ResolvedAwsTargetOptions,
    'endpoint' | 'region' | 'profile' | 'namePrefix' | 'allowAccounts'
  >,
  runIds: readonly string[],
): string {
  const args = ['lambda-conformance', 'cleanup'];
  if (options.endpoint !== undefined) args.push('--endpoint', options.endpoint);
  if (options.region !== undefined) args.push('--region', options.region);
  if (options.profile !== undefined) args.push('--profile', options.profile);
  if (options.namePrefix !== 'lc') args.push('--prefix', options.namePrefix);
  for (const account of options.allowAccounts) args.push('--allow-account', account);
  for (const runId of runIds) args.push('--run', sanitizeRunId(runId));
  return args.map(quote).join(' ');
}
