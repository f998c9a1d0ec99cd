import { RUNTIME_EXPECTED, RUNTIME_PATTERN } from '../lambda/runtime.ts';
import type { OptionTable } from '../options/OptionTable.ts';
import { PRINTED_PATH_PATTERN } from '../runner/printedPath.ts';
import { RUN_LIMITS } from '../spec/runLimits.ts';
import { MAX_TIMER_TEXT } from '../text/duration.ts';
import type { RunOptions } from './RunOptions.ts';

/**
 * The options of a run, in `--help` order: the flag each {@link RunOptions} field is set by, the
 * kind of its value, what is allowed, and its help line. `lambda-conformance run` parses its flags
 * and prints its `--help` from this table; `resolveRun` checks option values against it; the API
 * names its options and writes the equivalent command line with it.
 */
export const RUN_OPTION_TABLE: OptionTable<RunOptions> = {
  spec: {
    flag: 'spec',
    kind: 'path',
    value: 'FILE',
    help: "the spec to check, instead of the scenario's",
  },
  target: {
    flag: 'target',
    kind: 'text',
    value: 'memory|aws',
    help: 'the target: memory (built-in simulation) or aws (an endpoint, the emulator, real AWS)',
  },
  endpoint: {
    flag: 'endpoint',
    kind: 'text',
    value: 'URL',
    help: 'aws target: the Lambda endpoint, or "emulator" to start the built-in emulator',
  },
  mutants: {
    flag: 'mutant',
    kind: 'list',
    value: 'NAME',
    help: 'switch on a simulated emulator bug or a profile of them (repeatable; see mutants --list)',
  },
  reading: {
    flag: 'reading',
    kind: 'text',
    value: 'NAME',
    help: 'the spec reading to check where the documents contradict each other',
  },
  strictness: {
    flag: 'strictness',
    kind: 'text',
    value: 'all|documented',
    choices: ['all', 'documented'],
    help: 'documented: enforce only documented and recorded rules; inferred ones are information',
  },
  runs: {
    flag: 'runs',
    kind: 'integer',
    min: 1,
    max: RUN_LIMITS.runs,
    value: 'N',
    help: 'generated sequences',
  },
  seed: {
    flag: 'seed',
    kind: 'integer',
    min: 0,
    value: 'N',
    help: 'fast-check seed: the same seed replays the same sequences',
  },
  path: {
    flag: 'path',
    kind: 'text',
    pattern: PRINTED_PATH_PATTERN,
    expected: "a path as a run prints it beside its seed (e.g. '12:0:3@BA:C')",
    value: 'PATH',
    help: 'with --seed S as printed beside it: replay the one sequence at this fast-check path, stopped at its first divergence (--runs, --concurrency, --shard do not apply)',
  },
  maxCommands: {
    flag: 'max-commands',
    kind: 'integer',
    min: 1,
    max: RUN_LIMITS.maxCommands,
    value: 'N',
    help: 'most commands per generated sequence',
  },
  timeBudget: {
    flag: 'time-budget',
    kind: 'duration',
    max: RUN_LIMITS.durationMs,
    expected: `a duration of at most ${MAX_TIMER_TEXT}`,
    value: '60s',
    help: 'stop generating after this long (500ms, 60s, 10m, 1h30m, 2d); what ran is reported',
  },
  concurrency: {
    flag: 'concurrency',
    kind: 'integer',
    min: 1,
    max: RUN_LIMITS.concurrency,
    value: 'N',
    help: 'independent sequences in flight (targets on real time)',
  },
  shard: {
    flag: 'shard',
    kind: 'shard',
    value: 'i/n',
    help: 'run the i-th of n deterministic parts of the suite (a CI matrix; see merge)',
  },
  out: {
    flag: 'out',
    kind: 'path',
    value: 'DIR',
    help: "where the reports go (default: the scenario's out, else reports/)",
  },
  reporters: {
    flag: 'reporter',
    kind: 'list',
    value: 'console,json,junit,markdown,github-actions',
    help: "which reporters run (default: the scenario's, else the first four; github-actions is added in GitHub Actions)",
  },
  minCoverage: {
    flag: 'min-coverage',
    kind: 'number',
    min: 0,
    max: 100,
    expected: 'a percentage from 0 to 100',
    value: 'P',
    help: 'exit 1 when fewer than P% of the rules and transitions were exercised',
  },
  regressions: {
    flag: 'regressions',
    kind: 'path',
    value: 'DIR',
    help: "where counterexamples are saved and replayed from (default: the scenario's regressions/)",
  },
  bail: {
    flag: 'bail',
    kind: 'boolean',
    help: 'stop at the first divergence (default: go on, and report every distinct one)',
  },
  save: {
    flag: 'no-save',
    kind: 'boolean',
    negated: true,
    help: 'neither save counterexamples nor replay saved ones',
  },
  record: {
    flag: 'record',
    kind: 'path',
    value: 'FILE.jsonl',
    help: 'write a JSON Lines trace of every step (see check-trace, diff)',
  },
  maskAccount: {
    flag: 'mask-account',
    kind: 'boolean',
    help: 'mask account ids in the --record trace',
  },
  baseline: {
    flag: 'baseline',
    kind: 'path',
    value: 'FILE',
    help: 'known divergences: those listed pass as known, entries that no longer diverge fail',
  },
  writeBaseline: {
    flag: 'write-baseline',
    kind: 'path',
    value: 'FILE',
    help: "write this run's divergences as a baseline (fill in each reason)",
  },
  allowAccounts: {
    flag: 'allow-account',
    kind: 'list',
    value: 'ID',
    help: 'real AWS: an account id the run may touch (repeatable)',
  },
  role: {
    flag: 'role',
    kind: 'text',
    value: 'ARN',
    help: 'aws target: the execution role of the functions the run creates (real AWS needs one)',
  },
  region: {
    flag: 'region',
    kind: 'text',
    value: 'REGION',
    help: "aws target: the region, instead of the scenario's (else AWS_REGION)",
  },
  events: {
    flag: 'events',
    kind: 'path',
    value: 'FILE',
    help: "aws target: environment events as HTTP requests (a scenario's target.events, as a file)",
  },
  runtime: {
    flag: 'runtime',
    kind: 'text',
    value: 'nodejs24.x',
    pattern: RUNTIME_PATTERN,
    expected: RUNTIME_EXPECTED,
    help: "aws target: the Node.js runtime of the Zip functions the run creates (default: the scenario's, else nodejs24.x)",
  },
};
