import type { LambdaApi } from '../lambda/LambdaApi.ts';
import { ALIAS_ROUTES } from './aliasRoutes.ts';
import { FUNCTION_ROUTES } from './functionRoutes.ts';
import { INVOKE_ROUTE } from './invokeRoute.ts';
import type { Route } from './Route.ts';
import { TAG_ROUTES } from './tagRoutes.ts';
import { VERSION_ROUTES } from './versionRoutes.ts';

/**
 * Operations whose path the Lambda API reference (and botocore's model, so boto3 and the AWS CLI)
 * writes with a trailing slash, `GET /2015-03-31/functions/`, where the JavaScript SDK sends none:
 * both forms are served.
 */
const TRAILING_SLASH_OPERATIONS: ReadonlySet<string> = new Set(['ListFunctions']);

function withTrailingSlash(routes: readonly Route<LambdaApi>[]): Route<LambdaApi>[] {
  return routes
    .filter((route) => TRAILING_SLASH_OPERATIONS.has(route.name))
    .map((route) => ({ ...route, pattern: `${route.pattern}/` }));
}

/** Every Lambda REST-JSON route the emulator serves (spec/sources/lambda-facts.md §5.1). */
export const LAMBDA_ROUTES: readonly Route<LambdaApi>[] = [
  ...FUNCTION_ROUTES,
  ...withTrailingSlash(FUNCTION_ROUTES),
  INVOKE_ROUTE,
  ...VERSION_ROUTES,
  ...TAG_ROUTES,
  ...ALIAS_ROUTES,
];
