import { LambdaApiError } from '../lambda/LambdaApi.ts';
import { LAMBDA_ROUTES } from './lambdaRoutes.ts';
import { matchRoute } from './Route.ts';

/**
 * What the account behind the emulator allows, for trying a harness against setup problems: each
 * one is refused the way the service refuses it, before the request reaches the simulation. Every
 * field is optional; an empty policy allows everything (the default).
 */
export interface AccountPolicy {
  /** Execution roles Lambda can assume; a CreateFunction naming another role is refused. */
  readonly roles?: readonly string[];
  /** Runtimes CreateFunction accepts; another one is refused as no longer supported. */
  readonly runtimes?: readonly string[];
  /** Lambda actions (operation names, `CreateFunction`) the caller is not allowed to perform. */
  readonly deniedActions?: readonly string[];
}

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

function accessDenied(action: string, functionName: string | undefined): LambdaApiError {
  const resource =
    functionName === undefined
      ? '*'
      : `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`;
  return new LambdaApiError(
    'AccessDeniedException',
    403,
    `User: arn:aws:sts::${ACCOUNT}:assumed-role/conformance/harness is not authorized to perform: lambda:${action} on resource: ${resource} because no identity-based policy allows the lambda:${action} action`,
  );
}

/** The `Role` and `Runtime` of a CreateFunction body; anything unreadable is left to the route. */
function createMembers(body: Uint8Array): { role?: unknown; runtime?: unknown } {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { Role: role, Runtime: runtime } = parsed as Record<string, unknown>;
    return { role, runtime };
  } catch {
    return {};
  }
}

/**
 * The refusal `policy` gives a Lambda API request, or `undefined` when it may proceed: 403
 * `AccessDeniedException` for a denied action; for CreateFunction, 400
 * `InvalidParameterValueException` for a runtime not offered ("…is no longer supported…") or a role
 * Lambda cannot assume ("The role defined for the function cannot be assumed by Lambda.").
 */
export function policyRefusal(
  policy: AccountPolicy,
  method: string,
  path: string,
  body: Uint8Array,
): LambdaApiError | undefined {
  const match = matchRoute(LAMBDA_ROUTES, method, path);
  if (match === undefined) return undefined;
  const action = match.route.name;
  if (policy.deniedActions?.includes(action) === true) {
    return accessDenied(action, match.params['FunctionName']);
  }
  if (action !== 'CreateFunction') return undefined;
  const { role, runtime } = createMembers(body);
  if (
    policy.runtimes !== undefined &&
    typeof runtime === 'string' &&
    !policy.runtimes.includes(runtime)
  ) {
    return new LambdaApiError(
      'InvalidParameterValueException',
      400,
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  }
  if (policy.roles !== undefined && typeof role === 'string' && !policy.roles.includes(role)) {
    return new LambdaApiError(
      'InvalidParameterValueException',
      400,
      'The role defined for the function cannot be assumed by Lambda.',
    );
  }
  return undefined;
}
