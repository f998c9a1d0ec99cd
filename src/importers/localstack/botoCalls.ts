import { stringLiteral } from './pythonStatements.ts';

/** boto3 Lambda client methods that are spec operations, by method name. */
const SPEC_METHODS: Readonly<Record<string, string>> = {
  create_function: 'CreateFunction',
  get_function: 'GetFunction',
  get_function_configuration: 'GetFunctionConfiguration',
  update_function_code: 'UpdateFunctionCode',
  update_function_configuration: 'UpdateFunctionConfiguration',
  invoke: 'Invoke',
  publish_version: 'PublishVersion',
  list_versions_by_function: 'ListVersionsByFunction',
  list_functions: 'ListFunctions',
  tag_resource: 'TagResource',
  untag_resource: 'UntagResource',
  list_tags: 'ListTags',
  delete_function: 'DeleteFunction',
  create_alias: 'CreateAlias',
  get_alias: 'GetAlias',
  update_alias: 'UpdateAlias',
  delete_alias: 'DeleteAlias',
};

/** LocalStack test fixtures that call CreateFunction (and wait until the function is not Pending). */
export const CREATE_FIXTURES: readonly string[] = [
  'create_lambda_function',
  'create_lambda_function_aws',
];

/** What a boto3 call is in the spec's terms. */
export type BotoCall =
  | {
      readonly kind: 'spec';
      readonly operation: string;
      /** Arguments the call's own text settles (a literal RevisionId is a stale one, …). */
      readonly args: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'outside'; readonly call: string; readonly mutating: boolean };

function isRead(method: string): boolean {
  return method.startsWith('get_') || method.startsWith('list_') || method === 'invoke';
}

/** A name argument written as a string literal with a colon: an ARN or a qualified name. */
function qualifiedName(text: string | undefined): boolean {
  return text !== undefined && /^[fFrRbB]*(["']).*:.*\1$/.test(text.trim());
}

function isTrue(text: string | undefined): boolean {
  return text !== undefined && text.trim() === 'True';
}

/**
 * Classifies one call of the boto3 Lambda client (or a create fixture) by method name and keyword
 * arguments: a spec operation, or a call outside the spec's operations and whether it may change
 * the function. Variants the spec does not model are outside: a `Qualifier` (a version or alias),
 * a name with a colon (an ARN or `name:qualifier`), `Publish=True` on a call other than
 * CreateFunction and UpdateFunctionCode (which take the spec's `publish` input), an
 * `InvocationType` that is not a literal `RequestResponse`, `Event` or `DryRun`.
 */
export function classifyBotoCall(method: string, keywords: ReadonlyMap<string, string>): BotoCall {
  const operation = CREATE_FIXTURES.includes(method)
    ? 'CreateFunction'
    : Object.hasOwn(SPEC_METHODS, method)
      ? SPEC_METHODS[method]
      : undefined;
  if (operation === undefined) {
    return { kind: 'outside', call: method, mutating: !isRead(method) };
  }
  const qualifier = keywords.get('Qualifier');
  if (qualifier !== undefined && stringLiteral(qualifier) !== '$LATEST') {
    return { kind: 'outside', call: `${method}[qualified]`, mutating: !isRead(method) };
  }
  const name =
    keywords.get('FunctionName') ?? keywords.get('func_name') ?? keywords.get('Resource');
  if (qualifiedName(name)) {
    return {
      kind: 'outside',
      call: `${method}[by-arn]`,
      mutating: !isRead(method),
    };
  }
  const args: Record<string, string> = {};
  if (keywords.has('RoutingConfig')) {
    // An alias that splits invocations between two versions is not modelled.
    return { kind: 'outside', call: `${method}[RoutingConfig]`, mutating: !isRead(method) };
  }
  // The spec's aliasTarget: a literal $LATEST; any other version is inferred from the answer.
  if (stringLiteral(keywords.get('FunctionVersion') ?? '') === '$LATEST') {
    args['aliasTarget'] = 'latest';
  }
  if (isTrue(keywords.get('Publish'))) {
    // The spec's `publish` input, on the two calls that take it.
    if (operation !== 'CreateFunction' && operation !== 'UpdateFunctionCode') {
      return { kind: 'outside', call: `${method}[Publish=True]`, mutating: true };
    }
    args['publish'] = 'yes';
  }
  const invocationType = stringLiteral(keywords.get('InvocationType') ?? '"RequestResponse"');
  if (operation === 'Invoke') {
    // RequestResponse, Event and DryRun are the spec's invocationType input; anything else (a
    // variable) is not.
    if (
      invocationType !== 'RequestResponse' &&
      invocationType !== 'Event' &&
      invocationType !== 'DryRun'
    ) {
      return {
        kind: 'outside',
        call: `invoke[InvocationType=${invocationType ?? '?'}]`,
        mutating: false,
      };
    }
    args['invocationType'] = invocationType;
  }
  const revision = keywords.get('RevisionId');
  // A literal RevisionId ("wrong") is never the latest; one read from a response may be.
  if (revision !== undefined && stringLiteral(revision) !== undefined) args['revisionId'] = 'stale';
  const packageType = stringLiteral(keywords.get('PackageType') ?? '');
  if (operation === 'CreateFunction' && (packageType === 'Zip' || packageType === 'Image')) {
    args['packageType'] = packageType;
  }
  return { kind: 'spec', operation, args };
}

/** The expression naming the function a call addresses, if it names one. */
export function functionExpression(keywords: ReadonlyMap<string, string>): string | undefined {
  return keywords.get('FunctionName') ?? keywords.get('func_name') ?? keywords.get('Resource');
}
