import type {
  CreateFunctionRequest,
  LambdaApi,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '../targets/LambdaApi.ts';
import { LambdaApiError } from '../targets/LambdaApi.ts';
import { compact } from './compact.ts';
import { paginate } from './paginate.ts';
import { emptyReply, jsonReply } from './Reply.ts';
import { RequestBody } from './RequestBody.ts';
import type { Route, RouteRequest } from './Route.ts';

const FUNCTIONS = '/2015-03-31/functions';
const FUNCTION = `${FUNCTIONS}/{FunctionName}`;

/** The `{FunctionName}` label (always present: the route pattern requires it). */
export function functionName(req: RouteRequest): string {
  return req.params['FunctionName'] ?? '';
}

/** The `?Qualifier=` query member, if any. */
export function qualifier(req: RouteRequest): string | undefined {
  return req.query.get('Qualifier') ?? undefined;
}

function packageType(body: RequestBody): 'Zip' | 'Image' | undefined {
  const value = body.string('PackageType');
  if (value === undefined || value === 'Zip' || value === 'Image') return value;
  throw new LambdaApiError(
    'InvalidParameterValueException',
    400,
    `1 validation error detected: Value '${value}' at 'packageType' failed to satisfy constraint: Member must satisfy enum value set: [Image, Zip]`,
  );
}

function environment(body: RequestBody): { Variables?: Record<string, string> } | undefined {
  const env = body.object('Environment');
  if (env === undefined) return undefined;
  return compact<{ Variables?: Record<string, string> }>({ Variables: env.stringMap('Variables') });
}

function createRequest(body: RequestBody): CreateFunctionRequest {
  const code = body.requiredObject('Code');
  return compact<CreateFunctionRequest>({
    FunctionName: body.requiredString('FunctionName'),
    Role: body.requiredString('Role'),
    Runtime: body.string('Runtime'),
    Handler: body.string('Handler'),
    Code: compact<CreateFunctionRequest['Code']>({
      ZipFile: code.bytes('ZipFile'),
      ImageUri: code.string('ImageUri'),
    }),
    PackageType: packageType(body),
    Description: body.string('Description'),
    Timeout: body.number('Timeout'),
    MemorySize: body.number('MemorySize'),
    Environment: environment(body),
    Publish: body.boolean('Publish'),
    Tags: body.stringMap('Tags'),
  });
}

/**
 * The function routes of the Lambda REST-JSON API (spec/sources/lambda-facts.md §5.1):
 * CreateFunction (201), ListFunctions, GetFunction, GetFunctionConfiguration, UpdateFunctionCode,
 * UpdateFunctionConfiguration and DeleteFunction (204, empty body).
 */
export const FUNCTION_ROUTES: readonly Route<LambdaApi>[] = [
  {
    method: 'POST',
    pattern: FUNCTIONS,
    name: 'CreateFunction',
    handle: (req, api) =>
      jsonReply(201, api.createFunction(createRequest(RequestBody.parse(req.body, req.route)))),
  },
  {
    method: 'GET',
    pattern: FUNCTIONS,
    name: 'ListFunctions',
    handle: (req, api) => {
      const page = paginate(api.listFunctions().Functions, req.query);
      return jsonReply(200, compact({ Functions: page.items, NextMarker: page.nextMarker }));
    },
  },
  {
    method: 'GET',
    pattern: FUNCTION,
    name: 'GetFunction',
    handle: (req, api) => jsonReply(200, api.getFunction(functionName(req), qualifier(req))),
  },
  {
    method: 'DELETE',
    pattern: FUNCTION,
    name: 'DeleteFunction',
    handle: (req, api) => {
      api.deleteFunction(functionName(req), qualifier(req));
      return emptyReply(204);
    },
  },
  {
    method: 'GET',
    pattern: `${FUNCTION}/configuration`,
    name: 'GetFunctionConfiguration',
    handle: (req, api) =>
      jsonReply(200, api.getFunctionConfiguration(functionName(req), qualifier(req))),
  },
  {
    method: 'PUT',
    pattern: `${FUNCTION}/configuration`,
    name: 'UpdateFunctionConfiguration',
    handle: (req, api) => {
      const body = RequestBody.parse(req.body, req.route);
      const update = compact<UpdateFunctionConfigurationRequest>({
        Description: body.string('Description'),
        Timeout: body.number('Timeout'),
        MemorySize: body.number('MemorySize'),
        Environment: environment(body),
        RevisionId: body.string('RevisionId'),
      });
      return jsonReply(200, api.updateFunctionConfiguration(functionName(req), update));
    },
  },
  {
    method: 'PUT',
    pattern: `${FUNCTION}/code`,
    name: 'UpdateFunctionCode',
    handle: (req, api) => {
      const body = RequestBody.parse(req.body, req.route);
      const update = compact<UpdateFunctionCodeRequest>({
        ZipFile: body.bytes('ZipFile'),
        ImageUri: body.string('ImageUri'),
        Publish: body.boolean('Publish'),
        RevisionId: body.string('RevisionId'),
      });
      return jsonReply(200, api.updateFunctionCode(functionName(req), update));
    },
  },
];
