import type { LambdaApi, PublishVersionRequest } from '../lambda/LambdaApi.ts';
import { compact } from './compact.ts';
import { functionName } from './functionRoutes.ts';
import { BY_VERSION, paginate } from './paginate.ts';
import { jsonReply } from './Reply.ts';
import { RequestBody } from './RequestBody.ts';
import type { Route } from './Route.ts';

const VERSIONS = '/2015-03-31/functions/{FunctionName}/versions';

/** PublishVersion (201) and ListVersionsByFunction (paginated) of the Lambda REST-JSON API. */
export const VERSION_ROUTES: readonly Route<LambdaApi>[] = [
  {
    method: 'POST',
    pattern: VERSIONS,
    name: 'PublishVersion',
    handle: (req, api) => {
      const body = RequestBody.parse(req.body, req.route);
      const publish = compact<PublishVersionRequest>({
        CodeSha256: body.string('CodeSha256'),
        Description: body.string('Description'),
        RevisionId: body.string('RevisionId'),
      });
      return jsonReply(201, api.publishVersion(functionName(req), publish));
    },
  },
  {
    method: 'GET',
    pattern: VERSIONS,
    name: 'ListVersionsByFunction',
    handle: (req, api) => {
      const page = paginate(
        api.listVersionsByFunction(functionName(req)).Versions,
        req.query,
        BY_VERSION,
      );
      return jsonReply(200, compact({ Versions: page.items, NextMarker: page.nextMarker }));
    },
  },
];
