/**
 * Fixed run records for the reporter tests: one conformant run and one with two new divergences of
 * different categories plus one known (baselined) divergence, with coverage that has exercised,
 * violated and never-exercised rules, and quotes and messages full of `<&"'` and control characters.
 *
 * @internal
 */
import { withCoverageGate, type RuleCoverage, type RunRecord } from '../runner/RunRecord.ts';
import type { Citation, Evidence } from '../spec/Spec.ts';
import {
  CREATE_QUOTE,
  IN_PROGRESS_QUOTE,
  invokeWhilePending,
  PENDING_QUOTE,
  updateNeverCompletes,
  UPDATE_QUOTE,
  updateWhileUpdating,
} from './fixtureDivergences.testkit.ts';

export { tinySpec } from './fixtureSpec.testkit.ts';

function coverage(
  id: string,
  kind: RuleCoverage['kind'],
  group: string,
  counts: readonly [exercised: number, violated: number, unspecified: number],
  cite: readonly Citation[],
): RuleCoverage {
  const [exercised, violated, unspecified] = counts;
  const evidence = EVIDENCE[id] ?? 'documented';
  return { id, kind, group, exercised, violated, unspecified, cite, evidence };
}

/** The fixtures' evidence kinds: documented but for these. */
const EVIDENCE: Readonly<Record<string, Evidence>> = {
  'update-code-in-progress': 'recorded',
  'idle-reclaim': 'inferred',
};

/** Both fixtures ran with `--min-coverage 80`, so every report shows the gate. */
function gated(record: RunRecord): RunRecord {
  return withCoverageGate(record, 80);
}

const BASE: Omit<RunRecord, 'verdict' | 'stoppedBy' | 'coverage' | 'divergences'> = {
  version: 1,
  tool: { name: 'lambda-conformance', version: '0.1.0' },
  scenario: { name: 'default', file: 'scenarios/default.yaml' },
  spec: {
    file: 'spec/lambda-lifecycle.yaml',
    hash: '3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a',
    title: 'AWS Lambda function lifecycle',
  },
  reading: 'seed',
  target: { name: 'memory', mutants: [], leftOut: [] },
  seed: 42,
  runsPlanned: 100,
  runsCompleted: 100,
  operations: 1234,
  startedAt: '2025-06-01T12:00:00.000Z',
  durationMs: 12_345,
  largestStateSet: 4,
  inconclusive: [],
  unspecified: [],
  regressions: [],
};

/**
 * A faithful target: every rule exercised but one, nothing violated; its `--min-coverage 80` gate
 * passes (88.9%). @internal
 */
export const conformantRecord: RunRecord = gated({
  ...BASE,
  verdict: 'conformant',
  stoppedBy: 'completed',
  coverage: [
    coverage('create-existing', 'rule', 'CreateFunction', [3, 0, 0], [CREATE_QUOTE]),
    coverage('create', 'rule', 'CreateFunction', [100, 0, 0], [CREATE_QUOTE]),
    coverage('invoke-pending-creating', 'rule', 'Invoke', [12, 0, 0], [PENDING_QUOTE]),
    coverage('invoke-active', 'rule', 'Invoke', [80, 0, 0], [PENDING_QUOTE]),
    coverage(
      'update-code-in-progress',
      'rule',
      'UpdateFunctionCode',
      [9, 0, 0],
      [IN_PROGRESS_QUOTE],
    ),
    coverage('update-code', 'rule', 'UpdateFunctionCode', [40, 0, 0], [UPDATE_QUOTE]),
    coverage('provisioning-completes', 'transition', 'async', [100, 0, 0], [PENDING_QUOTE]),
    coverage('update-completes', 'transition', 'async', [40, 0, 0], [UPDATE_QUOTE]),
    coverage('idle-reclaim', 'transition', 'event:idle-reclaim', [0, 0, 0], [PENDING_QUOTE]),
  ],
  divergences: [],
});

/**
 * A mutant target: two new divergences, one known, rules never exercised, information; its
 * `--min-coverage 80` gate fails (77.8%). @internal
 */
export const divergentRecord: RunRecord = gated({
  ...BASE,
  target: {
    name: 'memory',
    mutants: ['invoke-while-pending', 'wrong-error-on-update'],
    leftOut: ['Inject(image-deleted): the target has no image registry'],
  },
  shard: { index: 2, count: 4 },
  runsCompleted: 37,
  operations: 410,
  verdict: 'divergence',
  stoppedBy: 'divergence',
  largestStateSet: 6,
  coverage: [
    coverage('create-existing', 'rule', 'CreateFunction', [0, 0, 0], [CREATE_QUOTE]),
    coverage('create', 'rule', 'CreateFunction', [37, 0, 0], [CREATE_QUOTE]),
    coverage('invoke-pending-creating', 'rule', 'Invoke', [5, 1, 0], [PENDING_QUOTE]),
    coverage('invoke-active', 'rule', 'Invoke', [20, 0, 2], [PENDING_QUOTE]),
    coverage(
      'update-code-in-progress',
      'rule',
      'UpdateFunctionCode',
      [4, 1, 0],
      [IN_PROGRESS_QUOTE],
    ),
    coverage('update-code', 'rule', 'UpdateFunctionCode', [11, 0, 0], [UPDATE_QUOTE]),
    coverage('provisioning-completes', 'transition', 'async', [30, 0, 0], [PENDING_QUOTE]),
    coverage('update-completes', 'transition', 'async', [8, 1, 0], [UPDATE_QUOTE]),
    coverage('idle-reclaim', 'transition', 'event:idle-reclaim', [0, 0, 0], [PENDING_QUOTE]),
  ],
  divergences: [updateNeverCompletes, invokeWhilePending, updateWhileUpdating],
  inconclusive: [
    { command: 'GetFunction(fn1)', reason: 'TooManyRequestsException after 5 retries' },
    { command: 'Invoke(fn0)', reason: 'TooManyRequestsException after 5 retries' },
  ],
  unspecified: [
    {
      ruleId: 'invoke-active',
      command: 'Invoke(fn0)',
      observation: 'ok {ranCode: 2} <cold start & "init">',
    },
  ],
  regressions: [
    {
      file: 'scenarios/regressions/update-stuck.json',
      expected: 'divergence',
      observed: 'divergence',
      ruleId: 'update-completes',
    },
    {
      file: 'scenarios/regressions/pending-invoke.json',
      expected: 'conformant',
      observed: 'divergence',
      ruleId: 'invoke-pending-creating',
    },
  ],
});

/** The same record as a run without `--min-coverage` would have made it. @internal */
export function withoutGate(record: RunRecord): RunRecord {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => key !== 'coverageGate'),
  ) as unknown as RunRecord;
}
