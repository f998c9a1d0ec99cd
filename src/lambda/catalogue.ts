/**
 * The Lambda vocabulary of the harness, in one place: the operations every target maps and what is
 * known about each, the environment events a target may inject, and the observation fields targets
 * report and a spec's `observe:` may constrain.
 *
 * Adding an operation, an event or an observation field starts here: the spec reader, the targets,
 * the emulator, the generator and the monitor read these tables instead of keeping lists of their
 * own. Each target still has to map a new operation or event (src/targets/memory/applyOperation.ts,
 * src/targets/aws/sendOperation.ts and the emulator's routes); spec/README.md documents the
 * operations and observation fields, and a test keeps it in step.
 */

/**
 * How an operation touches a function:
 * - `create` creates one;
 * - `write` changes or runs an existing one (the aws target sends it only to functions its session
 *   created, and never retries it: a retried write may apply twice);
 * - `read` only reads (safe to retry after a 5xx answer or a network failure).
 */
export type Access = 'create' | 'write' | 'read';

/**
 * The shape of an operation's successful answer, which decides what is observed of it
 * (src/targets/observeResponse.ts) and where $LATEST's RevisionId is read
 * ({@link latestRevisionId}):
 * - `configuration`: a FunctionConfiguration of $LATEST (its `RevisionId` is $LATEST's);
 * - `function`: GetFunction's `{ Configuration, Code, Tags }` (`Configuration.RevisionId`);
 * - `version`: the FunctionConfiguration of a newly published version, whose RevisionId is the
 *   version's, not $LATEST's, so it is neither observed nor remembered;
 * - `invocation`: Invoke's status code, executed version, function error and payload;
 * - `versions`: `{ Versions: FunctionConfiguration[] }`;
 * - `functions`: `{ Functions: FunctionConfiguration[] }`, without the {@link STATE_FIELDS};
 * - `alias`: an AliasConfiguration `{ Name, FunctionVersion, RevisionId, … }` (its RevisionId is the
 *   alias's, neither observed nor remembered);
 * - `waiter`: an SDK waiter's result `{ state: SUCCESS | FAILURE | TIMEOUT }` (see {@link WAITERS});
 * - `nothing`: no body the harness observes.
 */
export type Answer =
  | 'configuration'
  | 'function'
  | 'version'
  | 'invocation'
  | 'versions'
  | 'functions'
  | 'alias'
  | 'waiter'
  | 'nothing';

/** What the harness knows about one operation. */
export interface OperationFacts {
  readonly access: Access;
  readonly answer: Answer;
}

/**
 * The operations every target maps, in the order specs, reports and error messages list them. A
 * spec may only name these; a new one must be mapped by every target before a spec can use it.
 */
export const OPERATIONS = {
  CreateFunction: { access: 'create', answer: 'configuration' },
  GetFunction: { access: 'read', answer: 'function' },
  GetFunctionConfiguration: { access: 'read', answer: 'configuration' },
  UpdateFunctionCode: { access: 'write', answer: 'configuration' },
  UpdateFunctionConfiguration: { access: 'write', answer: 'configuration' },
  Invoke: { access: 'write', answer: 'invocation' },
  PublishVersion: { access: 'write', answer: 'version' },
  ListVersionsByFunction: { access: 'read', answer: 'versions' },
  ListFunctions: { access: 'read', answer: 'functions' },
  TagResource: { access: 'write', answer: 'nothing' },
  UntagResource: { access: 'write', answer: 'nothing' },
  ListTags: { access: 'read', answer: 'nothing' },
  DeleteFunction: { access: 'write', answer: 'nothing' },
  CreateAlias: { access: 'write', answer: 'alias' },
  GetAlias: { access: 'read', answer: 'alias' },
  UpdateAlias: { access: 'write', answer: 'alias' },
  DeleteAlias: { access: 'write', answer: 'nothing' },
  WaitFunctionActiveV2: { access: 'read', answer: 'waiter' },
  WaitFunctionUpdatedV2: { access: 'read', answer: 'waiter' },
  WaitFunctionExists: { access: 'read', answer: 'waiter' },
  WaitPublishedVersionActive: { access: 'read', answer: 'waiter' },
} as const satisfies Readonly<Record<string, OperationFacts>>;

/** One of {@link OPERATIONS}. */
export type OperationName = keyof typeof OPERATIONS;

/**
 * How an SDK waiter polls: GetFunction (GetFunctionConfiguration of the latest published version
 * the session knows, for PublishedVersionActive) every `delaySeconds`, at most `maxAttempts` times.
 */
export interface WaiterFacts {
  readonly delaySeconds: number;
  readonly maxAttempts: number;
}

/**
 * The SDK waiters the harness runs as operations (`Wait<Waiter>`), each polling GetFunction with the
 * delay and attempts its AWS reference gives ("It will poll every 1 seconds until a successful
 * state has been reached. This will exit with a return code of 255 after 300 failed checks.";
 * FunctionExists: "after 20 failed checks"). Its result is observed as `WaiterState`.
 */
export const WAITERS = {
  WaitFunctionActiveV2: { delaySeconds: 1, maxAttempts: 300 },
  WaitFunctionUpdatedV2: { delaySeconds: 1, maxAttempts: 300 },
  WaitFunctionExists: { delaySeconds: 1, maxAttempts: 20 },
  // "It will poll every 5 seconds until a successful state has been reached. This will exit with a
  // return code of 255 after 312 failed checks."
  WaitPublishedVersionActive: { delaySeconds: 5, maxAttempts: 312 },
} as const satisfies Readonly<Record<string, WaiterFacts>>;

/** One of {@link WAITERS}. */
export type WaiterName = keyof typeof WAITERS;

/** Whether `name` is one of {@link WAITERS}. */
export function isWaiterName(name: string): name is WaiterName {
  return Object.hasOwn(WAITERS, name);
}

/** What a waiter ended with: its success acceptor, a failure acceptor, or its attempts spent. */
export type WaiterState = 'SUCCESS' | 'FAILURE' | 'TIMEOUT';

/** The names of {@link OPERATIONS}, in catalogue order. */
export const OPERATION_NAMES = Object.keys(OPERATIONS) as readonly OperationName[];

/** The facts of operation `name`, or `undefined` for a name outside the catalogue. */
export function operationFacts(name: string): OperationFacts | undefined {
  return Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name as OperationName] : undefined;
}

/**
 * The environment events a target may be able to inject (`Target.capabilities.events`), in
 * catalogue order, each with what it means for a function.
 */
export const EVENTS = {
  'idle-reclaim': 'Lambda reclaims an idle function: an Active function becomes Inactive.',
  'image-deleted':
    "An Image function's container image is deleted (or access to it revoked): it becomes Failed.",
  'provisioning-failure':
    "The function's next provisioning fails: a Pending function ends Failed instead of Active.",
  'update-failure': "The function's next update fails: its LastUpdateStatus ends Failed.",
} as const;

/** One of {@link EVENTS}. */
export type EventName = keyof typeof EVENTS;

/** The names of {@link EVENTS}, in catalogue order. */
export const EVENT_NAMES = Object.keys(EVENTS) as readonly EventName[];

/** Whether `name` is one of {@link EVENTS}. */
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(EVENTS, name);
}

/**
 * Where a target reads an observation field from: `deployment` fields are derived from the
 * configuration an answer carries (its `CodeSha256` and `Environment`), `waiter` fields from an SDK
 * waiter's result, the others are read from the answer's members.
 */
export type FieldSource =
  'configuration' | 'deployment' | 'invocation' | 'versions' | 'functions' | 'alias' | 'waiter';

/**
 * One observation field: where it comes from and what it says (spec/README.md lists the same).
 * `missing: 'unknown'` marks a field a target derives and may be unable to derive (an image digest
 * it cannot map to a code revision, a recording of someone else's code): when it is missing from an
 * observation its constraints are not checked. Every other missing field is `absent`.
 */
export interface ObservationFieldInfo {
  readonly from: FieldSource;
  readonly description: string;
  readonly missing?: 'unknown';
}

/**
 * The observation vocabulary: what targets report for a successful call
 * (src/targets/observeResponse.ts) and `observe:` may constrain. Fields `from: configuration` are
 * copied from the FunctionConfiguration member of the same name when it is a string.
 */
export const OBSERVATION_FIELDS = {
  State: {
    from: 'configuration',
    description:
      'FunctionConfiguration.State of the response (Create, Get*, Update*, PublishVersion).',
  },
  StateReasonCode: {
    from: 'configuration',
    description: 'FunctionConfiguration.StateReasonCode (Creating, Restoring, …).',
  },
  StateReason: {
    from: 'configuration',
    description: 'FunctionConfiguration.StateReason: the text that goes with StateReasonCode.',
  },
  LastUpdateStatus: {
    from: 'configuration',
    description: 'FunctionConfiguration.LastUpdateStatus (InProgress, Successful, Failed).',
  },
  LastUpdateStatusReasonCode: {
    from: 'configuration',
    description: 'FunctionConfiguration.LastUpdateStatusReasonCode.',
  },
  LastUpdateStatusReason: {
    from: 'configuration',
    description:
      'FunctionConfiguration.LastUpdateStatusReason: the text that goes with LastUpdateStatusReasonCode.',
  },
  RevisionId: {
    from: 'configuration',
    description: 'FunctionConfiguration.RevisionId ($LATEST’s; never reported for PublishVersion).',
  },
  Version: {
    from: 'configuration',
    description: 'FunctionConfiguration.Version (`$LATEST`, or the published version number).',
  },
  PackageType: {
    from: 'configuration',
    description: 'FunctionConfiguration.PackageType (Zip or Image).',
  },
  codeRevision: {
    from: 'deployment',
    missing: 'unknown',
    description:
      'The code revision the CodeSha256 of the configuration an answer carries identifies ($LATEST’s; the new version’s for PublishVersion).',
  },
  configRevision: {
    from: 'deployment',
    missing: 'unknown',
    description:
      'The configuration revision (Environment CONFORMANCE_CONFIG) of the configuration an answer carries ($LATEST’s; the new version’s for PublishVersion).',
  },
  StatusCode: {
    from: 'invocation',
    description: 'Invoke: the HTTP status of the invocation (200).',
  },
  ExecutedVersion: { from: 'invocation', description: 'Invoke: the version that ran.' },
  FunctionError: {
    from: 'invocation',
    description: 'Invoke: present when the handler failed (Unhandled, Handled).',
  },
  ranCode: {
    from: 'invocation',
    description: 'Invoke: the code revision the conformance handler reports it ran.',
  },
  ranConfig: {
    from: 'invocation',
    description: 'Invoke: the configuration revision the conformance handler reports it ran.',
  },
  versionCount: {
    from: 'versions',
    description: 'ListVersionsByFunction: published versions, $LATEST excluded.',
  },
  versionCode: {
    from: 'versions',
    missing: 'unknown',
    description:
      'ListVersionsByFunction: the code revision of the highest-numbered published version listed.',
  },
  versionConfig: {
    from: 'versions',
    missing: 'unknown',
    description:
      'ListVersionsByFunction: the configuration revision of the highest-numbered published version listed.',
  },
  listed: {
    from: 'functions',
    description: 'ListFunctions: whether the function appears in the list.',
  },
  stateFieldsListed: {
    from: 'functions',
    description:
      'ListFunctions: whether any listed function carries State/LastUpdateStatus members.',
  },
  FunctionVersion: {
    from: 'alias',
    description:
      'CreateAlias, GetAlias, UpdateAlias: the version the alias points at (`$LATEST` or a number).',
  },
  WaiterState: {
    from: 'waiter',
    description: 'Wait*: what the SDK waiter ended with (SUCCESS, FAILURE or TIMEOUT).',
  },
} as const satisfies Readonly<Record<string, ObservationFieldInfo>>;

/** One of {@link OBSERVATION_FIELDS}. */
export type ObservationField = keyof typeof OBSERVATION_FIELDS;

/** The names of {@link OBSERVATION_FIELDS}, in catalogue order. */
export const OBSERVATION_FIELD_NAMES = Object.keys(
  OBSERVATION_FIELDS,
) as readonly ObservationField[];

/**
 * The observation fields whose constraints are not checked when an observation lacks them (see
 * {@link ObservationFieldInfo}): a target that cannot tell leaves them out.
 */
export const UNKNOWN_WHEN_MISSING: ReadonlySet<string> = new Set(
  OBSERVATION_FIELD_NAMES.filter(
    (name) => (OBSERVATION_FIELDS[name] as ObservationFieldInfo).missing === 'unknown',
  ),
);

/** An observation field copied from the FunctionConfiguration member of the same name. */
export type ConfigurationField = {
  [K in ObservationField]: (typeof OBSERVATION_FIELDS)[K]['from'] extends 'configuration'
    ? K
    : never;
}[ObservationField];

/** The {@link ConfigurationField}s, in catalogue order. */
export const CONFIGURATION_FIELDS: readonly ConfigurationField[] = OBSERVATION_FIELD_NAMES.filter(
  (name): name is ConfigurationField => OBSERVATION_FIELDS[name].from === 'configuration',
);

/**
 * The FunctionConfiguration members ListFunctions leaves out. The model: "The ListFunctions
 * operation returns a subset of the FunctionConfiguration fields. To get the additional fields
 * (State, StateReasonCode, StateReason, LastUpdateStatus, LastUpdateStatusReason,
 * LastUpdateStatusReasonCode, RuntimeVersionConfig) for a function or version, use GetFunction."
 */
export const STATE_FIELDS = [
  'State',
  'StateReason',
  'StateReasonCode',
  'LastUpdateStatus',
  'LastUpdateStatusReason',
  'LastUpdateStatusReasonCode',
] as const;

/** One of {@link STATE_FIELDS}. */
export type StateField = (typeof STATE_FIELDS)[number];

/**
 * Spec inputs an operation may be given without: absent, each is its value here, which is also
 * what every target sends for it (no `Qualifier`: $LATEST; no `Publish`). Settle's and an
 * event's GetFunction, and traces and counterexamples written before these inputs existed, leave
 * them out.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  qualifier: 'none',
  publish: 'no',
};

/**
 * Whether an operation with these abstract arguments is answered with a published version's
 * configuration instead of $LATEST's: a read or an invocation with a `qualifier` other than
 * `none`, and a CreateFunction or UpdateFunctionCode with `publish: yes` (the recorded answer is
 * the new version's configuration). Its RevisionId is then the version's: neither observed nor
 * remembered as $LATEST's.
 */
export function answersVersion(args: Readonly<Record<string, string | number>> = {}): boolean {
  const qualifier = args['qualifier'];
  return (qualifier !== undefined && qualifier !== 'none') || args['publish'] === 'yes';
}

/**
 * The $LATEST RevisionId a successful answer of `operation` (with abstract arguments `args`)
 * carries, read where its {@link Answer} keeps it; `undefined` when the answer carries none (or
 * not $LATEST's, see {@link answersVersion}).
 */
export function latestRevisionId(
  operation: string,
  response: unknown,
  args?: Readonly<Record<string, string | number>>,
): string | undefined {
  if (answersVersion(args)) return undefined;
  const body = (response ?? {}) as {
    RevisionId?: unknown;
    Configuration?: { RevisionId?: unknown };
  };
  switch (operationFacts(operation)?.answer) {
    case 'configuration':
      return typeof body.RevisionId === 'string' ? body.RevisionId : undefined;
    case 'function':
      return typeof body.Configuration?.RevisionId === 'string'
        ? body.Configuration.RevisionId
        : undefined;
    default:
      return undefined;
  }
}
