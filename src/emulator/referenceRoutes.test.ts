import { describe, expect, it } from 'vitest';
import { LAMBDA_ROUTES } from './lambdaRoutes.ts';
import { matchRoute } from './Route.ts';

/**
 * Each served operation's "Request Syntax" line in the AWS Lambda API reference
 * (docs.aws.amazon.com/lambda/latest/api/API_<Operation>.html), labels filled in; the query
 * strings are left out (they never choose the route).
 */
const REFERENCE: readonly (readonly [operation: string, method: string, path: string])[] = [
  ['CreateFunction', 'POST', '/2015-03-31/functions'],
  ['ListFunctions', 'GET', '/2015-03-31/functions/'],
  ['GetFunction', 'GET', '/2015-03-31/functions/f1'],
  ['GetFunctionConfiguration', 'GET', '/2015-03-31/functions/f1/configuration'],
  ['UpdateFunctionCode', 'PUT', '/2015-03-31/functions/f1/code'],
  ['UpdateFunctionConfiguration', 'PUT', '/2015-03-31/functions/f1/configuration'],
  ['DeleteFunction', 'DELETE', '/2015-03-31/functions/f1'],
  ['Invoke', 'POST', '/2015-03-31/functions/f1/invocations'],
  ['PublishVersion', 'POST', '/2015-03-31/functions/f1/versions'],
  ['ListVersionsByFunction', 'GET', '/2015-03-31/functions/f1/versions'],
  ['TagResource', 'POST', '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af1'],
  [
    'UntagResource',
    'DELETE',
    '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af1',
  ],
  ['ListTags', 'GET', '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af1'],
  ['CreateAlias', 'POST', '/2015-03-31/functions/f1/aliases'],
  ['GetAlias', 'GET', '/2015-03-31/functions/f1/aliases/live'],
  ['UpdateAlias', 'PUT', '/2015-03-31/functions/f1/aliases/live'],
  ['DeleteAlias', 'DELETE', '/2015-03-31/functions/f1/aliases/live'],
];

describe('the emulator serves the API reference routes', () => {
  it.each(REFERENCE)('%s: %s %s', (operation, method, path) => {
    expect(matchRoute(LAMBDA_ROUTES, method, path)?.route.name).toBe(operation);
  });

  it('also serves ListFunctions as the JavaScript SDK sends it, without the trailing slash', () => {
    expect(matchRoute(LAMBDA_ROUTES, 'GET', '/2015-03-31/functions')?.route.name).toBe(
      'ListFunctions',
    );
  });

  it('serves every operation of the reference, and no other', () => {
    const served = new Set(LAMBDA_ROUTES.map((route) => route.name));
    expect([...served].sort()).toEqual(REFERENCE.map(([operation]) => operation).sort());
  });
});
