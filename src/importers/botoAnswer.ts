import { HarnessError } from '../errors/HarnessError.ts';
import { UNKNOWN_WHEN_MISSING } from '../lambda/catalogue.ts';
import type { Observation } from '../lambda/Observation.ts';
import { observeResponse } from '../targets/observeResponse.ts';

type Loose = Readonly<Record<string, unknown>>;

/** A recorded answer of one call, in the harness's terms. */
export interface RecordedAnswer {
  readonly observation: Observation;
  /** The function configuration the answer carries ($LATEST's, or the new version's). */
  readonly configuration?: Loose;
}

/** Configuration members that change with state, time or identity rather than with what is deployed. */
const NOT_CONFIGURATION = new Set([
  'State',
  'StateReason',
  'StateReasonCode',
  'LastUpdateStatus',
  'LastUpdateStatusReason',
  'LastUpdateStatusReasonCode',
  'RevisionId',
  'LastModified',
  'Version',
  'CodeSha256',
  'CodeSize',
  'FunctionArn',
  'FunctionName',
  'MasterArn',
  'RuntimeVersionConfig',
  'ResponseMetadata',
]);

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What identifies the deployed configuration: every configuration member but the volatile ones. */
export function configurationIdentity(configuration: Loose): string {
  const kept = Object.fromEntries(
    Object.entries(configuration).filter(([k]) => !NOT_CONFIGURATION.has(k)),
  );
  return canonical(kept);
}

/**
 * What identifies the deployed code: the `CodeSha256`, when the recording keeps it distinguishable
 * (a real hash or a numbered placeholder such as `<code-sha256:2>`); undefined when it was masked
 * with one constant for every code.
 */
export function codeIdentity(configuration: Loose): string | undefined {
  const sha = configuration['CodeSha256'];
  if (typeof sha !== 'string') return undefined;
  return /^<[^>]*:[0-9]+>$/.test(sha) || /^[A-Za-z0-9+/]{43}=$/.test(sha) ? sha : undefined;
}

function status(value: Loose): number | undefined {
  const meta = value['ResponseMetadata'];
  const code = isObject(meta) ? meta['HTTPStatusCode'] : undefined;
  return typeof code === 'number' ? code : undefined;
}

function errorOf(value: Loose, where: string): Observation | undefined {
  const error = value['Error'];
  if (!isObject(error) || typeof error['Code'] !== 'string') return undefined;
  const httpStatus = status(value);
  if (httpStatus === undefined) {
    throw new HarnessError(
      'BAD_IMPORT',
      `${where}: the recorded error ${error['Code']} has no ResponseMetadata.HTTPStatusCode`,
    );
  }
  const message = error['Message'] ?? value['Message'] ?? value['message'];
  return {
    kind: 'error',
    type: error['Code'],
    status: httpStatus,
    message: typeof message === 'string' ? message : '',
  };
}

/** The body as the operation's response shape, unwrapping test-fixture wrappers. */
function responseBody(operation: string, value: Loose): Loose {
  const created = value['CreateFunctionResponse'];
  if (operation === 'CreateFunction' && isObject(created)) return created;
  // GetFunction answers recorded as their Configuration member only.
  if (operation === 'GetFunction' && !('Configuration' in value) && 'FunctionName' in value) {
    return { Configuration: value };
  }
  return value;
}

function configurationOf(operation: string, body: Loose): Loose | undefined {
  switch (operation) {
    case 'GetFunction': {
      const configuration = body['Configuration'];
      return isObject(configuration) ? configuration : undefined;
    }
    case 'CreateFunction':
    case 'GetFunctionConfiguration':
    case 'UpdateFunctionCode':
    case 'UpdateFunctionConfiguration':
    case 'PublishVersion':
      return 'FunctionName' in body ? body : undefined;
    default:
      return undefined;
  }
}

/**
 * Reads a recorded boto3-style answer (a response dict with `ResponseMetadata`, or an error
 * response with `Error`) as the observation a target would have reported for `operation`
 * (`observeResponse`, the same mapping every target uses). `undefined` (nothing recorded) and
 * `partial` answers give an `ok` observation with `unrecorded: true`: what is missing is unknown.
 * `functionName` is the recorded name of the function addressed (for ListFunctions' `listed`);
 * without it `listed` is unknown. `args` are the call's abstract arguments as far as its text
 * settles them (`publish: yes`: the answer is a version's, without $LATEST's RevisionId). The fields derived from the deployed code and configuration
 * (`codeRevision`, …) are left out: the recording deployed its own code, not the harness's.
 */
export function readBotoAnswer(
  operation: string,
  value: unknown,
  functionName: string | undefined,
  partial: boolean,
  where: string,
  args?: Readonly<Record<string, string | number>>,
): RecordedAnswer {
  if (!isObject(value)) return { observation: { kind: 'ok', fields: {}, unrecorded: true } };
  const error = errorOf(value, where);
  if (error !== undefined) return { observation: error };
  const body = responseBody(operation, value);
  const fields = { ...observeResponse(operation, body, functionName ?? '', args) };
  // The recorded code and configuration are the recording test's, not the harness's revisions:
  // which revision they are is unknown (the import numbers them for the arguments only).
  for (const field of UNKNOWN_WHEN_MISSING) delete fields[field];
  let unknown = partial;
  if (operation === 'ListFunctions' && functionName === undefined) {
    delete fields['listed'];
    unknown = true;
  }
  const configuration = configurationOf(operation, body);
  return {
    observation: unknown ? { kind: 'ok', fields, unrecorded: true } : { kind: 'ok', fields },
    ...(configuration !== undefined ? { configuration } : {}),
  };
}
