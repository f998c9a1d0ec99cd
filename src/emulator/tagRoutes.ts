import type { LambdaApi } from '../lambda/LambdaApi.ts';
import { LambdaApiError } from '../lambda/LambdaApi.ts';
import { emptyReply, jsonReply } from './Reply.ts';
import { RequestBody } from './RequestBody.ts';
import type { Route, RouteRequest } from './Route.ts';

const TAGS = '/2017-03-31/tags/{Resource}';

function resource(req: RouteRequest): string {
  return req.params['Resource'] ?? '';
}

function missing(member: string): LambdaApiError {
  return new LambdaApiError(
    'InvalidParameterValueException',
    400,
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be present (it is required)`,
  );
}

/** TagResource (204), UntagResource (204, `?tagKeys=` repeated) and ListTags of the Lambda API. */
export const TAG_ROUTES: readonly Route<LambdaApi>[] = [
  {
    method: 'POST',
    pattern: TAGS,
    name: 'TagResource',
    handle: (req, api) => {
      const tags = RequestBody.parse(req.body, req.route).stringMap('Tags');
      if (tags === undefined) throw missing('Tags');
      api.tagResource(resource(req), tags);
      return emptyReply(204);
    },
  },
  {
    method: 'DELETE',
    pattern: TAGS,
    name: 'UntagResource',
    handle: (req, api) => {
      const keys = req.query.getAll('tagKeys');
      if (keys.length === 0) throw missing('tagKeys');
      api.untagResource(resource(req), keys);
      return emptyReply(204);
    },
  },
  {
    method: 'GET',
    pattern: TAGS,
    name: 'ListTags',
    handle: (req, api) => jsonReply(200, api.listTags(resource(req))),
  },
];
