import type { Capabilities, SessionContext, Target, TargetSession } from '../Target.ts';
import type { PackageType } from '../../lambda/Operation.ts';
import { HarnessError } from '../../errors/HarnessError.ts';
import { CONFORMANCE_ROLE } from '../conformanceRole.ts';
import { ApiBudget } from './ApiBudget.ts';
import { AwsSession } from './AwsSession.ts';
import { resolveAwsTargetOptions } from './AwsTargetOptions.ts';
import type { AwsTargetOptions } from './AwsTargetOptions.ts';
import { checkAccount } from './checkAccount.ts';
import { cleanupCommand } from './cleanupCommand.ts';
import { trackLeftBehind } from '../leftBehind.ts';
import { createLambdaClient } from './createLambdaClient.ts';
import { FunctionArns } from './FunctionArns.ts';
import { LambdaCaller } from './LambdaCaller.ts';
import { GoneWatch } from './GoneWatch.ts';
import { probeEndpoint } from './probeEndpoint.ts';

/** The `aws` target: a {@link Target} plus the checks and clean-up a run needs around it. */
export interface AwsTarget extends Target {
  /**
   * Checks before any function is created: on real AWS (no endpoint), the account must be allowed
   * (`ACCOUNT_NOT_ALLOWED`) and a role given (`ROLE_REQUIRED`); an endpoint must answer
   * (`TARGET_UNREACHABLE`). Memoized; `open` runs it too.
   */
  preflight(): Promise<void>;
  /** Lambda API requests sent so far by all sessions. */
  readonly apiCalls: number;
  /** Releases the SDK client's connections. */
  dispose(): void;
}

/**
 * Creates the `aws` target over `@aws-sdk/client-lambda`, against real AWS or any endpoint (an
 * emulator). Options are resolved here once; a bad one throws HarnessError at once.
 */
export function createAwsTarget(options: AwsTargetOptions = {}): AwsTarget {
  const resolved = resolveAwsTargetOptions(options);
  const client = createLambdaClient(resolved);
  const budget = new ApiBudget(resolved.maxApiCalls);
  // The watch reads the caller's silence when its timer fires, by then the caller exists.
  const watch = new GoneWatch(resolved.endpoint, () => caller.silentSince);
  const caller = new LambdaCaller({
    budget,
    callTimeoutMs: resolved.callTimeoutMs,
    retry: resolved.retry,
    sleep: resolved.sleep,
    onSilence: (silence) => watch.onSilence(silence),
  });
  const role = resolved.role ?? (resolved.endpoint === undefined ? undefined : CONFORMANCE_ROLE);
  const packageTypes: PackageType[] = resolved.imageUris.length > 0 ? ['Zip', 'Image'] : ['Zip'];
  const capabilities: Capabilities = {
    virtualTime: false,
    events: [...resolved.events.keys()],
    packageTypes,
    observesCode: resolved.observesCode,
  };
  const arns = new FunctionArns();
  // Sessions that may still leave functions behind, for a forced exit (a second Ctrl-C).
  const sessions = new Set<AwsSession>();
  const untrack = trackLeftBehind(() => {
    const names: string[] = [];
    const runIds: string[] = [];
    for (const session of sessions) {
      const left = session.mayLeaveBehind();
      if (left.length === 0) continue;
      names.push(...left);
      runIds.push(session.runId);
    }
    return names.length === 0 ? undefined : { names, command: cleanupCommand(resolved, runIds) };
  });
  let checked: Promise<void> | undefined;
  const preflight = (): Promise<void> => {
    checked ??= (async () => {
      if (role === undefined) {
        throw new HarnessError(
          'ROLE_REQUIRED',
          "the aws target needs an execution role on real AWS: set the scenario's target.role (or --role) to an IAM role ARN Lambda can assume",
        );
      }
      const account = await checkAccount(resolved);
      if (account !== undefined) arns.knowAccount(account);
      if (resolved.endpoint !== undefined) await probeEndpoint(resolved.endpoint);
    })();
    return checked;
  };
  return {
    name: 'aws',
    capabilities,
    gone: watch.signal,
    preflight,
    get apiCalls() {
      return budget.used;
    },
    dispose: () => {
      untrack();
      client.destroy();
    },
    async open(ctx: SessionContext): Promise<TargetSession> {
      await preflight();
      const session = new AwsSession(
        {
          client,
          caller,
          options: resolved,
          role: role ?? '',
          arns,
          isGone: (detail) => watch.confirm(detail),
          // Cleaned up without leftovers, a session has nothing more to tell a forced exit.
          onClosed: (closed) => {
            if (closed.mayLeaveBehind().length === 0) sessions.delete(closed);
          },
        },
        ctx,
      );
      sessions.add(session);
      return session;
    },
  };
}
