/**
 * The subset of the Lambda control-plane API the harness drives, in the service's own shapes and
 * member casing (PascalCase, as on the wire and in `@aws-sdk/client-lambda`). The memory simulation
 * implements it; the emulator server serves it over HTTP; `observeResponse` reads its outputs.
 *
 * Errors are thrown as {@link LambdaApiError} with the service's error type and HTTP status.
 */
export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  CodeSha256: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  RevisionId: string;
  PackageType: 'Zip' | 'Image';
  State?: string;
  StateReason?: string;
  StateReasonCode?: string;
  LastUpdateStatus?: string;
  LastUpdateStatusReason?: string;
  LastUpdateStatusReasonCode?: string;
}

export interface FunctionCodeInput {
  /** Zip archive bytes (base64 on the wire). */
  ZipFile?: Uint8Array;
  ImageUri?: string;
}

export interface CreateFunctionRequest {
  FunctionName: string;
  Role: string;
  Runtime?: string;
  Handler?: string;
  Code: FunctionCodeInput;
  PackageType?: 'Zip' | 'Image';
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  Publish?: boolean;
  Tags?: Record<string, string>;
}

export interface UpdateFunctionCodeRequest {
  ZipFile?: Uint8Array;
  ImageUri?: string;
  Publish?: boolean;
  RevisionId?: string;
}

export interface UpdateFunctionConfigurationRequest {
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  RevisionId?: string;
}

export interface PublishVersionRequest {
  CodeSha256?: string;
  Description?: string;
  RevisionId?: string;
}

export interface GetFunctionResponse {
  Configuration: FunctionConfiguration;
  Code: { RepositoryType: string; Location?: string; ImageUri?: string };
  Tags?: Record<string, string>;
}

/**
 * How Invoke runs the function: `RequestResponse` (the default) answers 200 with its result,
 * `Event` queues it and answers 202, `DryRun` only validates the call and answers 204.
 */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** The {@link InvocationType}s, the default first. */
export const INVOCATION_TYPES: readonly InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];

export interface InvokeResponse {
  StatusCode: number;
  ExecutedVersion: string;
  FunctionError?: string;
  /** The function's result, UTF-8 JSON text; empty for `Event` and `DryRun`. */
  Payload: string;
}

/** The Lambda operations the simulation and the emulator implement. `name` may carry `:qualifier`. */
export interface LambdaApi {
  createFunction(req: CreateFunctionRequest): FunctionConfiguration;
  getFunction(name: string, qualifier?: string): GetFunctionResponse;
  getFunctionConfiguration(name: string, qualifier?: string): FunctionConfiguration;
  updateFunctionCode(name: string, req: UpdateFunctionCodeRequest): FunctionConfiguration;
  updateFunctionConfiguration(
    name: string,
    req: UpdateFunctionConfigurationRequest,
  ): FunctionConfiguration;
  invoke(
    name: string,
    qualifier: string | undefined,
    payload: string,
    invocationType?: InvocationType,
  ): InvokeResponse;
  publishVersion(name: string, req: PublishVersionRequest): FunctionConfiguration;
  listVersionsByFunction(name: string): { Versions: FunctionConfiguration[] };
  listFunctions(): { Functions: Partial<FunctionConfiguration>[] };
  tagResource(arn: string, tags: Record<string, string>): void;
  untagResource(arn: string, keys: readonly string[]): void;
  listTags(arn: string): { Tags: Record<string, string> };
  deleteFunction(name: string, qualifier?: string): void;
  createAlias(name: string, req: CreateAliasRequest): AliasConfiguration;
  getAlias(name: string, alias: string): AliasConfiguration;
  updateAlias(name: string, alias: string, req: UpdateAliasRequest): AliasConfiguration;
  deleteAlias(name: string, alias: string): void;
}

/** The request of CreateAlias (an alias of one version; routing to a second one is not modelled). */
export interface CreateAliasRequest {
  Name: string;
  FunctionVersion: string;
  Description?: string;
}

/** The request of UpdateAlias: what changes, and the alias's RevisionId it must still have. */
export interface UpdateAliasRequest {
  FunctionVersion?: string;
  Description?: string;
  RevisionId?: string;
}

/** An alias as CreateAlias, GetAlias and UpdateAlias answer it. */
export interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RevisionId: string;
}

/** An error answer of the Lambda API: `type` is the `x-amzn-ErrorType`, `status` the HTTP status. */
export class LambdaApiError extends Error {
  declare readonly type: string;
  declare readonly status: number;

  constructor(type: string, status: number, message: string) {
    // A refusal is an answer, not a bug: skip the stack trace, which costs more than the answer
    // (the simulation refuses thousands of calls per second).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.type = type;
    this.status = status;
  }
}
LambdaApiError.prototype.name = 'LambdaApiError';
