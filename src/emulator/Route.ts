import type { IncomingHttpHeaders } from 'node:http';
import { LambdaApiError } from '../lambda/LambdaApi.ts';
import type { Reply } from './Reply.ts';

/** What a route handler receives: decoded path labels, query, headers and the raw body. */
export interface RouteRequest {
  /** Path labels (`{FunctionName}`), URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
  /** `POST /2015-03-31/functions (CreateFunction)`: names the route in error messages. */
  readonly route: string;
}

/**
 * One HTTP route: a method, a path pattern with `{Label}` segments, and a handler that returns a
 * {@link Reply} or throws a `LambdaApiError`. `C` is what the handler works on (the simulation).
 */
export interface Route<C> {
  readonly method: string;
  readonly pattern: string;
  /** The API operation, for messages. */
  readonly name: string;
  handle(req: RouteRequest, context: C): Reply;
}

/** A route matched to a request path, with its decoded labels. */
export interface RouteMatch<C> {
  readonly route: Route<C>;
  readonly params: Readonly<Record<string, string>>;
}

function decodeLabel(raw: string, label: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new LambdaApiError(
      'InvalidParameterValueException',
      400,
      `1 validation error detected: Value at '${label}' is not valid percent-encoding: ${raw}`,
    );
  }
}

/**
 * Finds the route for `method` and raw `path` (not yet decoded, so an encoded `/` stays inside its
 * label). Returns `undefined` when no route matches; throws a 400 for a label that cannot be decoded.
 */
export function matchRoute<C>(
  routes: readonly Route<C>[],
  method: string,
  path: string,
): RouteMatch<C> | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/');
    if (parts.length !== segments.length) continue;
    const raw: [string, string][] = [];
    const matched = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (!(part.startsWith('{') && part.endsWith('}'))) return part === segment;
      raw.push([part.slice(1, -1), segment]);
      return segment !== '';
    });
    if (!matched) continue;
    const params: Record<string, string> = {};
    for (const [label, segment] of raw) params[label] = decodeLabel(segment, label);
    return { route, params };
  }
  return undefined;
}

/** The text a route is named by in messages: `PUT /2015-03-31/functions/{FunctionName}/code (UpdateFunctionCode)`. */
export function describeRoute(route: Route<unknown>): string {
  return `${route.method} ${route.pattern} (${route.name})`;
}
