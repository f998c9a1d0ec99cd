/**
 * The catalogue of emulator bugs the memory simulation can switch on, one per entry. Each is a
 * realistic mistake an emulator makes, implemented as a small guarded branch in the simulation, so
 * the harness can show that it catches it. `breaks` quotes, verbatim, the documented sentence
 * (from the seed pages or spec/sources/lambda-facts.md) the bug violates, or describes the recorded AWS
 * answers it contradicts.
 */
export interface MutantInfo {
  readonly name: string;
  readonly description: string;
  readonly breaks: string;
  /**
   * Where `breaks` comes from: a seed page, spec/sources/lambda-facts.md, `recording` when real AWS answers
   * recorded in LocalStack's AWS-validated snapshots show it (`breaks` names the test), or `model`
   * when no document states the rule and `breaks` states the harness model's rule instead.
   */
  readonly source: 'seed' | 'lambda-facts' | 'recording' | 'model';
  /**
   * Set when every counterexample needs a transition to miss its time bound (minutes in the
   * shipped spec): real time cannot show it within a run, only virtual time (or a spec whose bounds
   * are compressed) can.
   */
  readonly needsBound?: true;
}

const UPDATE_FAILS = 'The following operations fail while an asynchronous update is in progress:';

/** Every mutant, in catalogue order. */
export const MUTANTS = [
  {
    name: 'invoke-while-pending',
    description: 'A Zip function answers invocations while Pending, running its live code.',
    breaks: 'Lambda does not invoke a function during pending state.',
    source: 'seed',
  },
  {
    name: 'update-while-updating',
    description:
      'UpdateFunctionCode/UpdateFunctionConfiguration is accepted while an update is InProgress and replaces the staged revision.',
    breaks: UPDATE_FAILS,
    source: 'seed',
  },
  {
    name: 'publish-while-updating',
    description:
      'PublishVersion is accepted while an update is InProgress (it publishes what $LATEST shows).',
    breaks: UPDATE_FAILS,
    source: 'seed',
  },
  {
    name: 'tag-while-updating',
    description: 'TagResource is accepted while an update is InProgress.',
    breaks:
      '`UpdateFunctionCode`, `UpdateFunctionConfiguration`, `PublishVersion` and `TagResource` → 409 "…An update is in progress for resource: <unqualified arn>".',
    source: 'lambda-facts',
  },
  {
    name: 'invoke-runs-staged',
    description: 'An invocation during an update runs the new (staged) code and configuration.',
    breaks:
      "Invocations continue to use the function's previous code and configuration until the update completes.",
    source: 'lambda-facts',
  },
  {
    name: 'failed-update-keeps-new',
    description: 'A failed update leaves the new code and configuration live.',
    breaks:
      "Lambda aborts the update and the function's previous code and configuration remain available.",
    source: 'lambda-facts',
  },
  {
    name: 'create-says-active',
    description:
      'The CreateFunction response says State Active without StateReason; the function itself still goes through Pending.',
    breaks: 'After Lambda creates the function, it sets the state to pending.',
    source: 'seed',
  },
  {
    name: 'stuck-in-progress',
    description: 'Every second accepted update of a function never leaves InProgress.',
    breaks: 'Successful – The update has completed.',
    source: 'seed',
    needsBound: true,
  },
  {
    name: 'inactive-first-invoke-succeeds',
    description:
      "An Inactive function's first invocation succeeds and the function becomes Active at once.",
    breaks:
      'When you try to invoke a function that is inactive, the invocation fails and Lambda sets the function to pending state until the function resources are recreated.',
    source: 'seed',
  },
  {
    name: 'static-revision-on-transition',
    description:
      'Timed State/LastUpdateStatus transitions (provisioning, update, reactivation, version activation) keep the RevisionId.',
    breaks:
      'RevisionId <uuid:1> in the CreateFunction response, <uuid:2> once Active; <uuid:3> in the UpdateFunctionCode response, <uuid:4> once Successful (TestLambdaRevisions::test_function_revisions_basic).',
    source: 'recording',
  },
  {
    name: 'tag-keeps-revision',
    description: 'TagResource and UntagResource leave the RevisionId of $LATEST as it was.',
    breaks:
      "$LATEST's RevisionId changes with every TagResource and UntagResource: <uuid:1> → <uuid:2> → <uuid:3> (TestLambdaTags::test_tag_lifecycle).",
    source: 'recording',
  },
  {
    name: 'untag-keeps-revision',
    description:
      'UntagResource leaves the RevisionId of $LATEST as it was (TagResource still changes it).',
    breaks:
      "$LATEST's RevisionId changes with every TagResource and UntagResource: <uuid:3> → <uuid:4> (tags removed) → <uuid:5> (all tags removed) (TestLambdaTags::test_tag_lifecycle).",
    source: 'recording',
  },
  {
    name: 'dry-run-invokes',
    description:
      'A DryRun invocation runs the function like a RequestResponse one and answers 200 with its result.',
    breaks: 'For the DryRun invocation type, the status code is 204.',
    source: 'lambda-facts',
  },
  {
    name: 'failed-update-reports-successful',
    description:
      'A failed update ends with LastUpdateStatus Successful (the previous code stays live), so FunctionUpdatedV2 succeeds where it must fail.',
    breaks: 'Failed – The function update has failed.',
    source: 'seed',
  },
  {
    name: 'list-carries-state',
    description: 'ListFunctions entries carry State and LastUpdateStatus.',
    breaks: 'The ListFunctions operation returns a subset of the FunctionConfiguration fields.',
    source: 'lambda-facts',
  },
  {
    name: 'refused-update-stored',
    description:
      'An UpdateFunctionConfiguration refused with 409 while InProgress still stores its configuration, which goes live when the running update completes.',
    breaks: UPDATE_FAILS,
    source: 'seed',
  },
  {
    name: 'image-refused-while-pending',
    description: "An Image function's invocation is refused while Pending.",
    breaks:
      'While the state is Pending, you can invoke the function, but other operations on the function fail.',
    source: 'seed',
  },
  {
    name: 'create-has-last-update-status',
    description:
      'A new function carries LastUpdateStatus Successful from creation on (CreateFunction response and Pending reads).',
    breaks: 'This is first set to `Successful` after function creation completes.',
    source: 'lambda-facts',
  },
  {
    name: 'pending-update-accepted',
    description:
      'UpdateFunctionCode is accepted while the function is Pending; the Pending state is kept.',
    breaks: 'The following operations fail while function creation is pending:',
    source: 'seed',
  },
  {
    name: 'publish-duplicates-version',
    description: 'PublishVersion with unchanged code and configuration publishes a new version.',
    breaks:
      'PublishVersion with the code and configuration of the latest published version returns that version and publishes nothing.',
    source: 'model',
  },
  {
    name: 'stale-revision-accepted',
    description: 'A RevisionId that is not the latest is accepted instead of failing with 412.',
    breaks:
      'Stale `RevisionId`: `PreconditionFailedException`, 412, `The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id`.',
    source: 'lambda-facts',
  },
  {
    name: 'failed-update-sets-failed',
    description: 'A failed update sets State Failed instead of leaving State Active.',
    breaks: "The function's State remains `Active`.",
    source: 'lambda-facts',
  },
  {
    name: 'failed-reactivation-fails',
    description: 'A failed reactivation sets State Failed instead of returning to Inactive.',
    breaks: 'If Lambda fails to recreate the resources, the function is set to the inactive state.',
    source: 'seed',
  },
  {
    name: 'image-deleted-invokes',
    description: 'An Image function whose image was deleted still answers invocations.',
    breaks:
      'If the corresponding container image no longer exists on Amazon ECR or permissions are revoked, the function enters the Failed state, and Lambda returns a failure for any function invocations.',
    source: 'seed',
  },
  {
    name: 'deleted-still-found',
    description:
      'The first GetFunction/GetFunctionConfiguration after DeleteFunction still answers (eventually consistent deletion).',
    breaks: 'GetFunction or DeleteFunction after DeleteFunction: the same 404.',
    source: 'lambda-facts',
  },
  {
    name: 'pending-conflict-wrong-type',
    description:
      'UpdateFunctionCode/UpdateFunctionConfiguration while Pending are refused with 400 InvalidParameterValueException instead of 409 ResourceConflictException.',
    breaks:
      "`UpdateFunctionCode`, `UpdateFunctionConfiguration` and `PublishVersion` → 409 `ResourceConflictException` \"…The resource <arn> is currently in the following state: 'Pending'. StateReasonCode: 'Creating'\".",
    source: 'lambda-facts',
  },
  {
    name: 'create-active-at-once',
    description:
      'A created function is Active at once, with LastUpdateStatus Successful: it is never Pending.',
    breaks:
      'Active – Your function transitions to active state after Lambda completes resource configuration and provisioning.',
    source: 'seed',
  },
  {
    name: 'no-revision-id',
    description:
      'No answer carries a RevisionId (configurations, GetFunction, versions, listings); requests are still checked against it.',
    breaks:
      'The CreateFunction answer and every GetFunction of the function carry a RevisionId (TestLambdaFunction::test_function_lifecycle).',
    source: 'recording',
  },
  {
    name: 'updates-complete-at-once',
    description:
      'An accepted UpdateFunctionCode/UpdateFunctionConfiguration is applied at once: its answer says LastUpdateStatus Successful, never InProgress.',
    breaks: 'InProgress – An update is happening on an existing function.',
    source: 'seed',
  },
  {
    name: 'no-conflicts',
    description:
      'No state refusal at all: updates, PublishVersion and TagResource are accepted while Pending, Failed or an update is InProgress, and Invoke runs the live code in every state.',
    breaks:
      'Lambda does not invoke a function during pending state. Any invocations or other API actions that operate on the function will fail.',
    source: 'seed',
  },
  {
    name: 'publish-freezes-created',
    description:
      'PublishVersion freezes the code and configuration the function was created with, not those $LATEST holds.',
    breaks:
      'PublishVersion creates a version from the current code and configuration of $LATEST: its answer, and ListVersionsByFunction, carry the CodeSha256 and configuration $LATEST had when it was published.',
    source: 'model',
  },
  {
    name: 'pending-refused-config-stored',
    description:
      'An UpdateFunctionConfiguration refused with 409 while the function is Pending still replaces its configuration (reads show it, invocations run it once Active).',
    breaks:
      'Lambda does not invoke a function during pending state. Any invocations or other API actions that operate on the function will fail.',
    source: 'seed',
  },
  {
    name: 'version-runs-latest',
    description:
      "Invoking a published version runs $LATEST's live code and configuration instead of the version's own (ExecutedVersion still names the version).",
    breaks:
      'TestLambdaVersions::test_lambda_versions_with_code_changes: invoking version 1 after $LATEST was updated runs version 1\'s code ("version_id": "version1"), and each version runs its own code.',
    source: 'recording',
  },
  {
    name: 'delete-aliased-version',
    description:
      'DeleteFunction of a published version succeeds although an alias references it (the alias is left pointing at nothing).',
    breaks: "Specify a version to delete. You can't delete a version that an alias references.",
    source: 'model',
  },
  {
    name: 'alias-ignores-revision',
    description:
      "UpdateAlias accepts any RevisionId instead of refusing one that is not the alias's with 412.",
    breaks:
      'TestLambdaRevisions::test_function_revisions_version_and_alias: UpdateAlias with RevisionId "wrong" answers HTTP 412, PreconditionFailedException.',
    source: 'recording',
  },
  {
    name: 'invoke-missing-answers-200',
    description: 'Invoke of a function that does not exist answers 200 with a null payload.',
    breaks: 'Unknown function: `ResourceNotFoundException`, 404',
    source: 'lambda-facts',
  },
] as const satisfies readonly MutantInfo[];

/** The name of one mutant in {@link MUTANTS}. */
export type MutantName = (typeof MUTANTS)[number]['name'];

/** The mutant names, in catalogue order: for a test that runs a suite against each. */
export const MUTANT_NAMES: readonly MutantName[] = MUTANTS.map((m) => m.name);

const NAMES: ReadonlySet<string> = new Set(MUTANT_NAMES);

/** Whether `s` names a mutant in {@link MUTANTS}. */
export function isMutantName(s: string): s is MutantName {
  return NAMES.has(s);
}
