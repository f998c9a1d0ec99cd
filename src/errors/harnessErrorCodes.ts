/**
 * Every {@link HarnessError} code, each with when it is thrown. The code is stable (tests, the API's
 * callers and CI match on it); the message may be reworded. A new code is added here first: the
 * `HarnessError` constructor accepts no other. Every HarnessError ends the CLI with exit 2.
 */
export const HARNESS_ERROR_CODES = {
  ACCOUNT_NOT_ALLOWED:
    'aws target on real AWS: the credentials reach an account the run is not allowed to touch (`--allow-account`, `allowAccounts`).',
  API_BUDGET_EXHAUSTED:
    'aws target: the run used every Lambda API call `target.maxApiCalls` allows before a request.',
  AWS_IDENTITY_FAILED:
    'aws target on real AWS: STS GetCallerIdentity failed, so the account cannot be checked (no credentials or region).',
  BAD_BASELINE: 'A baseline file (`--baseline`) cannot be read or is not a valid baseline.',
  BAD_FLAG:
    'A command-line flag or argument is unknown, missing or malformed (`--runs many`, `--shard 5/4`, two trace files…).',
  BAD_OPTION:
    'The programmatic API (`runConformance`) got an option of the wrong type or a missing one.',
  BAD_IMPORT:
    '`import localstack`: a snapshot, test code or order file cannot be read or turned into a trace (file:line named).',
  BAD_TRACE:
    'A `--record`ed JSON Lines trace cannot be read, is malformed, or names a reading the spec lacks.',
  CLEANUP_FAILED:
    'aws target: functions the run created could not all be deleted, or `cleanup` could not list them.',
  COUNTEREXAMPLE_INVALID:
    '`replay`: the counterexample file cannot be read or is not a saved counterexample.',
  EVENT_NOT_SUPPORTED:
    'aws target: asked to inject an environment event that the scenario’s `target.events` does not map.',
  IMAGE_URI_MISSING:
    'aws target: an Image function needs a code revision that `target.imageUris` gives no URI for.',
  INIT_FILE_EXISTS:
    '`init`: a file it would write already exists in the project; nothing was written.',
  INTERNAL:
    'The API wraps an unexpected (non-HarnessError) failure: a harness bug, the cause is kept.',
  INVALID_ADVANCE:
    'A target session was asked to advance time by a negative or non-finite number of milliseconds.',
  INVALID_AWS_TARGET_OPTION:
    'aws target: an option is out of range or malformed (endpoint URL, event request, namePrefix, imageUris…).',
  INVALID_CODE_REVISION:
    'The handler zip was asked for a code revision that is not an integer ≥ 0.',
  INVALID_EMULATOR_OPTION:
    'The built-in emulator got an out-of-range option (port, delays, imagePendingInvoke).',
  INVALID_FUNCTION_NAME:
    'aws target: a logical function name has characters Lambda refuses, or the real name is too long.',
  INVALID_OPERATION_ARGS:
    'A target got an operation whose abstract arguments it cannot map (`code` not a number…).',
  INVALID_TIMING: 'The memory simulation got a negative or non-finite delay in its timing options.',
  MERGE_EMPTY: '`merge` was given no run records.',
  MERGE_INPUT: '`merge`: a shard’s run record cannot be read or is not a run record.',
  MERGE_MISMATCH:
    '`merge`: the run records are not shards of the same suite (spec, seed, shards…).',
  MONITOR_STATE_LIMIT:
    'The monitor’s set of possible states outgrew its bound (async transitions that keep producing values).',
  MUTANT_NEEDS_SIMULATION:
    'Mutants were asked of a target that is not the built-in simulation (memory or `endpoint: emulator`).',
  NOTHING_TO_GENERATE:
    'The scenario’s `weights` give every command the spec declares (and Wait, Settle) weight 0.',
  REPORT_FILE_NAME:
    'A reporter asked to write a file name that is not a bare name in the output dir.',
  REPORT_WRITE_FAILED: 'A report file cannot be written to the output directory.',
  ROLE_REQUIRED: 'aws target on real AWS without an execution role (`target.role`, `--role`).',
  SCENARIO_INVALID:
    'A scenario file cannot be read or fails validation; its `issues` list every problem located.',
  SESSION_CLOSED: 'A target session was used after it was closed.',
  SPEC_INVALID:
    'A spec file cannot be read or fails validation; its `issues` list every problem located.',
  STEP_SUMMARY_WRITE_FAILED: 'The Markdown summary cannot be appended to `GITHUB_STEP_SUMMARY`.',
  UNKNOWN_EVENT: 'The memory simulation was asked to inject an event outside the event vocabulary.',
  UNKNOWN_MUTANT: 'A mutant name (flag or scenario `target.mutants`) is not in the catalogue.',
  UNKNOWN_OPERATION: 'A target was sent an operation outside the operation vocabulary.',
  UNKNOWN_REPORTER: 'A reporter name (flag, scenario or API) is not a known reporter.',
  UNKNOWN_TARGET: 'A target name (flag or scenario) is neither `memory` nor `aws`.',
  OUTPUT_UNWRITABLE:
    'An output path (`--out`, `--record`, `--write-baseline`, `--regressions`, a report file) cannot be created or written; probed before the run.',
  PACKAGE_ROOT_NOT_FOUND:
    "The installed package's own root (its package.json) cannot be found from the module's location.",
  VITEST_TOO_OLD: 'The vitest helper runs under a vitest older than 3.2 (it needs `ctx.annotate`).',
  TARGET_SETUP_REFUSED:
    "The target refused the harness's own request (a role Lambda cannot assume, AccessDenied, a runtime it does not accept, a 400 no rule expects): a setup problem, not a divergence; the run stops with its report.",
  TARGET_UNREACHABLE:
    "The aws target's endpoint does not answer its preflight probe (network error, timeout, 5xx): the run ends inconclusive.",
} as const;

/** One of {@link HARNESS_ERROR_CODES}: the closed set of codes a {@link HarnessError} carries. */
export type HarnessErrorCode = keyof typeof HARNESS_ERROR_CODES;
