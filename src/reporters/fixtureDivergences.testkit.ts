/**
 * The divergences of the reporter test fixture: two new ones of different categories and one known
 * (baselined) one, with quotes and messages full of `<&"'` and control characters.
 *
 * @internal
 */
import type { Divergence } from '../runner/RunRecord.ts';
import type { Citation } from '../spec/Spec.ts';

/** @internal */
export const CREATE_QUOTE: Citation = {
  kind: 'document',
  source: 'lambda-facts',
  quote:
    'Create a name that already exists: `ResourceConflictException`, 409, `Function already exist: <name>`',
};
/** @internal */
export const PENDING_QUOTE: Citation = {
  kind: 'document',
  source: 'function-states',
  quote: 'Lambda does not invoke a function during pending state.',
};
/** @internal */
export const IN_PROGRESS_QUOTE: Citation = {
  kind: 'document',
  source: 'lambda-facts',
  quote: `While "InProgress", it's refused: <ResourceConflictException> & 409 | "An update is in progress"`,
};
/** @internal */
export const IN_PROGRESS_RECORDING: Citation = {
  kind: 'recording',
  source: 'localstack-lambda-api',
  test: 'TestLambdaFunction::test_lambda_concurrent_code_updates',
  keys: ['update-during-in-progress-update-exc'],
  recorded: '25-11-2025, 02:35:57',
  shows: 'HTTP 409, ResourceConflictException, "…An update is in progress for resource: <arn>".',
};
/** @internal */
export const UPDATE_QUOTE: Citation = {
  kind: 'document',
  source: 'function-states',
  quote: 'Successful – The update has completed.',
};

const TIMING = { provisionMs: 1200, updateMs: 3000, versionMs: 500, reactivateMs: 2000 } as const;

/** Forbidden operation accepted: Invoke while Pending. @internal */
export const invokeWhilePending: Divergence = {
  category: 'forbidden-accepted',
  ruleId: 'invoke-pending-creating',
  operation: 'Invoke',
  observation: { kind: 'ok', fields: { ranCode: 1, StatusCode: 200 } },
  expectations: [
    {
      ruleId: 'invoke-pending-creating',
      state: 'state=Pending lastUpdateStatus=none packageType=Zip',
      expected: 'error ResourceConflictException (409) /following state: Pending/',
      reason: 'the call succeeded',
      category: 'forbidden-accepted',
      cite: [PENDING_QUOTE],
    },
  ],
  cite: [PENDING_QUOTE],
  trace: [
    {
      index: 0,
      at: 0,
      command: 'CreateFunction(fn0, code=1, packageType=Zip)',
      observation: 'ok {State: Pending}',
      verdict: 'conformant',
      rules: ['create'],
    },
    {
      index: 1,
      at: 250,
      command: 'Invoke(fn0)',
      observation: 'ok {ranCode: 1, StatusCode: 200}',
      verdict: 'divergence',
      rules: ['invoke-pending-creating'],
    },
  ],
  originalLength: 14,
  timing: TIMING,
  seed: 42,
  path: '3:1:0',
  counterexampleFile: 'scenarios/regressions/invoke-pending-creating.json',
  replayCommand: 'npx lambda-conformance replay scenarios/regressions/invoke-pending-creating.json',
};

/** Wrong error: a 500 with control characters instead of a 409. @internal */
export const updateWhileUpdating: Divergence = {
  category: 'wrong-error',
  ruleId: 'update-code-in-progress',
  operation: 'UpdateFunctionCode',
  observation: {
    kind: 'error',
    type: 'ServiceException',
    status: 500,
    message: 'boom \u001b[31m<internal>\u001b[0m & "retry"\u0007',
  },
  expectations: [
    {
      ruleId: 'update-code-in-progress',
      state: 'state=Active lastUpdateStatus=InProgress',
      expected: 'error ResourceConflictException (409) /An update is in progress/',
      reason: "error type ServiceException isn't ResourceConflictException",
      category: 'wrong-error',
      cite: [IN_PROGRESS_QUOTE, IN_PROGRESS_RECORDING],
    },
  ],
  cite: [IN_PROGRESS_QUOTE, IN_PROGRESS_RECORDING],
  trace: [
    {
      index: 0,
      at: 0,
      command: 'CreateFunction(fn0, code=1, packageType=Zip)',
      observation: 'ok {State: Pending}',
      verdict: 'conformant',
      rules: ['create'],
    },
    {
      index: 1,
      at: 0,
      command: 'Wait(1500)',
      observation: 'waited 1500ms',
      verdict: 'harness',
      rules: [],
    },
    {
      index: 2,
      at: 1500,
      command: 'UpdateFunctionCode(fn0, code=2, revisionId=none)',
      observation: 'ok {State: Active, LastUpdateStatus: InProgress}',
      verdict: 'conformant',
      rules: ['update-code'],
    },
    {
      index: 3,
      at: 1700,
      command: 'UpdateFunctionCode(fn0, code=3, revisionId=none)',
      observation: 'error ServiceException (500): boom <internal> & "retry"',
      verdict: 'divergence',
      rules: ['update-code-in-progress'],
    },
  ],
  originalLength: 9,
  timing: TIMING,
  seed: 42,
  replayCommand: 'npx lambda-conformance replay --seed 42 --path 7:2 scenarios/default.yaml',
};

/** Known (baselined): an update that never completes. @internal */
export const updateNeverCompletes: Divergence = {
  category: 'too-late',
  ruleId: 'update-completes',
  operation: 'Wait',
  observation: { kind: 'ok', fields: { LastUpdateStatus: 'InProgress' } },
  expectations: [
    {
      ruleId: 'update-completes',
      state: 'state=Active lastUpdateStatus=InProgress',
      expected: 'LastUpdateStatus=Successful within 10m',
      reason: 'still InProgress after 10m00s of target time',
      category: 'too-late',
      cite: [UPDATE_QUOTE],
    },
  ],
  cite: [UPDATE_QUOTE],
  trace: [
    {
      index: 0,
      at: 0,
      command: 'CreateFunction(fn0, code=1, packageType=Zip)',
      observation: 'ok {State: Pending}',
      verdict: 'conformant',
      rules: ['create'],
    },
    {
      index: 1,
      at: 1200,
      command: 'UpdateFunctionCode(fn0, code=2, revisionId=none)',
      observation: 'ok {State: Active, LastUpdateStatus: InProgress}',
      verdict: 'conformant',
      rules: ['update-code'],
    },
    {
      index: 2,
      at: 601_200,
      command: 'Wait(600000)',
      observation: 'ok {LastUpdateStatus: InProgress}',
      verdict: 'divergence',
      rules: ['update-completes'],
    },
  ],
  originalLength: 3,
  timing: TIMING,
  seed: 7,
  replayCommand: 'npx lambda-conformance replay --seed 7 scenarios/default.yaml',
  baselined: true,
};
