import type { CreateAliasRequest, LambdaApi, UpdateAliasRequest } from '../lambda/LambdaApi.ts';
import { compact } from './compact.ts';
import { functionName } from './functionRoutes.ts';
import { emptyReply, jsonReply } from './Reply.ts';
import { RequestBody } from './RequestBody.ts';
import type { Route, RouteRequest } from './Route.ts';

const ALIASES = '/2015-03-31/functions/{FunctionName}/aliases';
const ALIAS = `${ALIASES}/{Name}`;

function aliasName(req: RouteRequest): string {
  return req.params['Name'] ?? '';
}

/** CreateAlias (201), GetAlias (200), UpdateAlias (200) and DeleteAlias (204) of the Lambda API. */
export const ALIAS_ROUTES: readonly Route<LambdaApi>[] = [
  {
    method: 'POST',
    pattern: ALIASES,
    name: 'CreateAlias',
    handle: (req, api) => {
      const body = RequestBody.parse(req.body, req.route);
      const create = compact<CreateAliasRequest>({
        Name: body.requiredString('Name'),
        FunctionVersion: body.requiredString('FunctionVersion'),
        Description: body.string('Description'),
      });
      return jsonReply(201, api.createAlias(functionName(req), create));
    },
  },
  {
    method: 'GET',
    pattern: ALIAS,
    name: 'GetAlias',
    handle: (req, api) => jsonReply(200, api.getAlias(functionName(req), aliasName(req))),
  },
  {
    method: 'PUT',
    pattern: ALIAS,
    name: 'UpdateAlias',
    handle: (req, api) => {
      const body = RequestBody.parse(req.body, req.route);
      const update = compact<UpdateAliasRequest>({
        FunctionVersion: body.string('FunctionVersion'),
        Description: body.string('Description'),
        RevisionId: body.string('RevisionId'),
      });
      return jsonReply(200, api.updateAlias(functionName(req), aliasName(req), update));
    },
  },
  {
    method: 'DELETE',
    pattern: ALIAS,
    name: 'DeleteAlias',
    handle: (req, api) => {
      api.deleteAlias(functionName(req), aliasName(req));
      return emptyReply(204);
    },
  },
];
