import type { LambdaApi } from '../targets/LambdaApi.ts';
import { FUNCTION_ROUTES } from './functionRoutes.ts';
import { INVOKE_ROUTE } from './invokeRoute.ts';
import type { Route } from './Route.ts';
import { TAG_ROUTES } from './tagRoutes.ts';
import { VERSION_ROUTES } from './versionRoutes.ts';

/** Every Lambda REST-JSON route the emulator serves (spec/sources/lambda-facts.md §5.1). */
export const LAMBDA_ROUTES: readonly Route<LambdaApi>[] = [
  ...FUNCTION_ROUTES,
  INVOKE_ROUTE,
  ...VERSION_ROUTES,
  ...TAG_ROUTES,
];
