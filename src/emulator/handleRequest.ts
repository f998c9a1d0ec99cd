import type { IncomingMessage, ServerResponse } from 'node:http';
import { LambdaApiError } from '../lambda/LambdaApi.ts';
import type { LambdaApi } from '../lambda/LambdaApi.ts';
import { policyRefusal, type AccountPolicy } from './AccountPolicy.ts';
import { CONTROL_PREFIX, CONTROL_ROUTES } from './controlRoutes.ts';
import type { ControlContext } from './controlRoutes.ts';
import { LAMBDA_ROUTES } from './lambdaRoutes.ts';
import { readBody } from './readBody.ts';
import { errorReply } from './Reply.ts';
import type { Reply } from './Reply.ts';
import { describeRoute, matchRoute } from './Route.ts';
import type { Route } from './Route.ts';

/** What one request handler serves. */
export interface HandlerContext extends ControlContext {
  readonly maxBodyBytes: number;
  /** Answers the emulator holds back (`hang` faults); destroyed when the server closes. */
  readonly hanging: Set<ServerResponse>;
  /** What the account refuses before a request reaches the simulation. */
  readonly policy: AccountPolicy;
}

function write(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body === undefined ? undefined : reply.body);
}

function failureReply(error: unknown, what: string): Reply {
  if (error instanceof LambdaApiError) return errorReply(error.type, error.status, error.message);
  const detail = error instanceof Error ? error.message : String(error);
  return errorReply('ServiceException', 500, `The emulator failed to handle ${what}: ${detail}`);
}

function dispatch<C>(
  routes: readonly Route<C>[],
  context: C,
  req: IncomingMessage,
  url: URL,
  body: Uint8Array,
): Reply {
  const method = req.method ?? 'GET';
  const what = `${method} ${url.pathname}`;
  try {
    const match = matchRoute(routes, method, url.pathname);
    if (match === undefined) {
      return errorReply(
        'UnknownOperationException',
        404,
        `No Lambda API route for ${what}; the emulator serves the routes of spec/sources/lambda-facts.md §5.1 and /_conformance/`,
      );
    }
    const route = describeRoute(match.route);
    return match.route.handle(
      { params: match.params, query: url.searchParams, headers: req.headers, body, route },
      context,
    );
  } catch (error) {
    return failureReply(error, what);
  }
}

/**
 * Serves one HTTP request: control routes under `/_conformance/`, otherwise a queued fault or a
 * Lambda API route on the simulation. It never throws and never leaves a request unanswered,
 * except on purpose for a `hang` fault: bad input gets a Lambda-style 4xx, anything unexpected a
 * 500 `ServiceException`, and the server keeps serving.
 */
export async function handleRequest(
  context: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const control = url.pathname.startsWith(CONTROL_PREFIX);
    const fault = control ? undefined : context.faults.take();
    if (fault === 'hang') {
      context.hanging.add(res);
      res.on('close', () => context.hanging.delete(res));
      req.resume();
      return;
    }
    const body = await readBody(req, context.maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'tooLarge') {
      const message = `Request must be smaller than ${String(context.maxBodyBytes)} bytes for ${req.method ?? 'GET'} ${url.pathname}`;
      write(
        res,
        errorReply('RequestTooLargeException', 413, message, { headers: { connection: 'close' } }),
      );
      return;
    }
    if (fault === 'throttle') {
      write(
        res,
        errorReply('TooManyRequestsException', 429, 'Rate exceeded', {
          headers: { 'Retry-After': '1' },
          body: { Reason: 'CallerRateLimitExceeded' },
        }),
      );
      return;
    }
    if (fault === 'serverError') {
      write(res, errorReply('ServiceException', 500, 'Injected fault: internal service error'));
      return;
    }
    const refusal = control
      ? undefined
      : policyRefusal(context.policy, req.method ?? 'GET', url.pathname, body.bytes);
    if (refusal !== undefined) {
      write(res, errorReply(refusal.type, refusal.status, refusal.message));
      return;
    }
    const reply = control
      ? dispatch(CONTROL_ROUTES, context, req, url, body.bytes)
      : dispatch<LambdaApi>(LAMBDA_ROUTES, context.simulation, req, url, body.bytes);
    write(res, reply);
  } catch (error) {
    if (res.headersSent) res.destroy();
    else write(res, failureReply(error, `${req.method ?? 'GET'} ${req.url ?? '/'}`));
  }
}
