import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { STSClientConfig } from '@aws-sdk/client-sts';
import { HarnessError } from '../../errors/HarnessError.ts';
import type { ResolvedAwsTargetOptions } from './AwsTargetOptions.ts';
import { withoutNodeVersionWarning } from './withoutNodeVersionWarning.ts';

/** The account of the configured credentials, from STS GetCallerIdentity. */
export async function stsCallerAccount(options: ResolvedAwsTargetOptions): Promise<string> {
  const config: STSClientConfig = {};
  if (options.region !== undefined) config.region = options.region;
  if (options.profile !== undefined) config.profile = options.profile;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  const sts = withoutNodeVersionWarning(() => new STSClient(config));
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(options.callTimeoutMs),
    });
    if (identity.Account === undefined) throw new Error('GetCallerIdentity returned no Account');
    return identity.Account;
  } finally {
    sts.destroy();
  }
}

/**
 * Refuses real AWS accounts the run was not allowed to touch. With a custom endpoint (an emulator)
 * nothing is checked and STS is never called. Otherwise the account of the credentials must be in
 * `allowAccounts`, else HarnessError `ACCOUNT_NOT_ALLOWED`; failing to identify it is
 * `AWS_IDENTITY_FAILED`. Returns the account on real AWS, `undefined` for an endpoint.
 */
export async function checkAccount(options: ResolvedAwsTargetOptions): Promise<string | undefined> {
  if (options.endpoint !== undefined) return undefined;
  let account: string;
  try {
    account = await (options.getCallerAccount ?? (() => stsCallerAccount(options)))();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new HarnessError(
      'AWS_IDENTITY_FAILED',
      `could not identify the AWS account (STS GetCallerIdentity): ${detail}. Configure credentials and a region (AWS_PROFILE, AWS_REGION), or give an --endpoint for an emulator`,
      { cause: error },
    );
  }
  if (!options.allowAccounts.includes(account)) {
    throw new HarnessError(
      'ACCOUNT_NOT_ALLOWED',
      `refusing to use AWS account ${account}: it is not allowed for this run. The harness creates and deletes Lambda functions there; if that is intended, pass --allow-account ${account} or list it in the scenario's target.allowAccounts`,
    );
  }
  return account;
}
