/**
 * What `lambda-conformance init` writes into a user's project: a scenario for their endpoint, a
 * vitest test using the package's helper, and a GitHub Actions workflow that starts their emulator,
 * runs the suite and uploads the reports and counterexamples. Pure text: `initCommand` checks and
 * writes it.
 */

/** The choices `init` makes the files from. */
export interface InitChoices {
  /** The scenario's name, shown in reports. */
  readonly name: string;
  /** The user's Lambda endpoint. */
  readonly endpoint: string;
  /** Generated sequences per run. */
  readonly runs: number;
  /** The command that starts the emulator in CI; undefined: a step marked TODO that fails. */
  readonly start: string | undefined;
}

/** One file `init` writes: its path relative to the project, its text, what it is for. */
export interface InitFile {
  readonly path: string;
  readonly text: string;
  readonly what: string;
}

/** The scenario file, relative to the project. */
export const SCENARIO_FILE = 'conformance/lambda.yaml';
/** The vitest test, next to the scenario. */
export const TEST_FILE = 'conformance/lambda.conformance.test.ts';
/** The GitHub Actions workflow. */
export const WORKFLOW_FILE = '.github/workflows/lambda-conformance.yml';
/** Where the scenario's reports go, relative to the project (its `out`). */
export const REPORTS_DIR = 'reports/lambda-conformance';
/** Where its counterexamples are saved and replayed from: the scenario's `regressions/`. */
export const COUNTEREXAMPLES_DIR = 'conformance/regressions';

/** A YAML scalar that reads back as `text` whatever it holds. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

function scenario(choices: InitChoices): string {
  return `# yaml-language-server: $schema=../node_modules/lambda-conformance/scenarios/scenario.schema.json
#
# Written by \`lambda-conformance init\`: a conformance run of your Lambda endpoint against the
# documented AWS Lambda function lifecycle. Start the emulator, then
#
#   npx lambda-conformance run ${SCENARIO_FILE}
#
# Without \`spec\`, the package's own spec is checked. Reports go to ${REPORTS_DIR}/,
# counterexamples to ${COUNTEREXAMPLES_DIR}/ (replayed first on the next run); the replay
# command of each is in the report.
name: ${yamlString(choices.name)}
target:
  name: aws
  endpoint: ${yamlString(choices.endpoint)}
  # An emulator that does not run the function's code (it echoes, or answers a fixed payload):
  # observesCode: false
runs: ${String(choices.runs)}
maxCommands: 25
# A fixed seed replays the same sequences on every run; change it to explore others.
seed: 20261123
functions: 1
# Real time: each Wait really waits, so Settle (poll until every transition is done) is used instead.
weights: { Wait: 0, Settle: 4, CreateFunction: 2 }
timeBudget: 10m
out: ../${REPORTS_DIR}
`;
}

function test(): string {
  return `// Written by \`lambda-conformance init\`: one vitest test per documented rule of the AWS Lambda
// function lifecycle, run against the endpoint in lambda.yaml. Start the emulator first, then
// \`npx vitest run conformance\`. Needs vitest >= 3.2.
import { describeConformance } from 'lambda-conformance/vitest';

describeConformance(new URL('./lambda.yaml', import.meta.url));
`;
}

/** The workflow steps that start the emulator: the given command, or a step that says what to do. */
function startSteps(choices: InitChoices): string {
  if (choices.start === undefined) {
    return `      # TODO: start your emulator here, in the background (or run init again with
      # --start "COMMAND"), e.g.
      #   run: |
      #     nohup npx my-emulator --port 4566 > emulator.log 2>&1 &
      #     echo $! > emulator.pid
      - name: Start the emulator (TODO)
        run: |
          echo "::error file=${WORKFLOW_FILE}::Start your emulator in the step marked TODO."
          exit 1
`;
  }
  const command = choices.start.split('\n').join('\n          ');
  return `      - name: Start the emulator
        run: |
          nohup ${command} > emulator.log 2>&1 &
          echo $! > emulator.pid
`;
}

function workflow(choices: InitChoices): string {
  const probe = `${choices.endpoint.replace(/\/+$/, '')}/2015-03-31/functions/`;
  return `# Written by \`lambda-conformance init\`: checks the emulator against the documented AWS Lambda
# function lifecycle on every push and pull request, and keeps the reports and counterexamples.
name: Lambda conformance

on:
  push:
  pull_request:

jobs:
  lambda-conformance:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
${startSteps(choices)}      - name: Wait for the emulator
        run: |
          for i in $(seq 1 60); do
            if curl -s -o /dev/null ${probe}; then exit 0; fi
            sleep 1
          done
          echo "the emulator did not answer at ${choices.endpoint} within 60 s" >&2
          cat emulator.log >&2 || true
          exit 1
      # Exit 0 conformant, 1 divergence (an annotation at the rule's line in the spec for each),
      # 2 bad input, 3 inconclusive.
      - name: Lambda conformance
        run: npx lambda-conformance run ${SCENARIO_FILE}
      - name: Keep the reports and counterexamples
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: lambda-conformance
          path: |
            ${REPORTS_DIR}/
            ${COUNTEREXAMPLES_DIR}/
          if-no-files-found: ignore
`;
}

/** Every file `init` writes, in the order it writes them. */
export function initFiles(choices: InitChoices): readonly InitFile[] {
  return [
    {
      path: SCENARIO_FILE,
      text: scenario(choices),
      what: `the scenario: your endpoint ${choices.endpoint}`,
    },
    { path: TEST_FILE, text: test(), what: 'a vitest test: one test per documented rule' },
    {
      path: WORKFLOW_FILE,
      text: workflow(choices),
      what: 'the GitHub Actions workflow: start the emulator, run, keep the reports',
    },
  ];
}
