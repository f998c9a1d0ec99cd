import type { InvocationType, LambdaApi } from '../lambda/LambdaApi.ts';
import { LambdaApiError } from '../lambda/LambdaApi.ts';
import { functionName, qualifier } from './functionRoutes.ts';
import { emptyReply } from './Reply.ts';
import type { Reply } from './Reply.ts';
import type { Route, RouteRequest } from './Route.ts';

function invocationType(req: RouteRequest): InvocationType {
  const header = req.headers['x-amz-invocation-type'];
  const value = (Array.isArray(header) ? header[0] : header) ?? 'RequestResponse';
  if (value === 'RequestResponse' || value === 'Event' || value === 'DryRun') return value;
  throw new LambdaApiError(
    'InvalidParameterValueException',
    400,
    `1 validation error detected: Value '${value}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
  );
}

function invoke(req: RouteRequest, api: LambdaApi): Reply {
  const type = invocationType(req);
  const name = functionName(req);
  const payload = Buffer.from(req.body).toString('utf8');
  const result = api.invoke(name, qualifier(req), payload === '' ? '{}' : payload, type);
  if (result.StatusCode === 204) return emptyReply(204);
  const headers: Record<string, string> = { 'X-Amz-Executed-Version': result.ExecutedVersion };
  if (result.FunctionError !== undefined) headers['X-Amz-Function-Error'] = result.FunctionError;
  if (result.StatusCode === 202) return { status: 202, headers };
  return {
    status: result.StatusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: result.Payload,
  };
}

/**
 * Invoke (spec/sources/lambda-facts.md §5.3): the raw body is the payload; the answer's body is the
 * function's result with `X-Amz-Executed-Version` and, when the function failed,
 * `X-Amz-Function-Error`. `X-Amz-Invocation-Type` `Event` answers 202 and `DryRun` 204, without a
 * body (the simulation decides, see `invokeFunction.ts`).
 */
export const INVOKE_ROUTE: Route<LambdaApi> = {
  method: 'POST',
  pattern: '/2015-03-31/functions/{FunctionName}/invocations',
  name: 'Invoke',
  handle: invoke,
};
