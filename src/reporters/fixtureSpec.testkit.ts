/**
 * A tiny hand-built {@link Spec} whose rule and transition ids match the reporter fixtures' coverage,
 * so the markdown reporter's diagram does not change when the shipped spec does.
 *
 * @internal
 */
import type { Condition, Effects, Guard, Location, Rule, Spec, Transition } from '../spec/Spec.ts';
import {
  CREATE_QUOTE,
  IN_PROGRESS_QUOTE,
  PENDING_QUOTE,
  UPDATE_QUOTE,
} from './fixtureDivergences.testkit.ts';

const FILE = 'spec/tiny.yaml';
const at = (line: number): Location => ({ file: FILE, line, column: 3 });
const is = (...values: string[]): Condition => ({ kind: 'in', values });
const guard = (fields: Guard['fields']): Guard => ({ fields, inputs: {}, readings: [] });
const effects = (
  set: Record<string, string>,
  revisionId: Effects['revisionId'] = 'same',
): Effects => ({
  set: Object.fromEntries(
    Object.entries(set).map(([name, value]) => [name, { kind: 'literal', value }]),
  ),
  revisionId,
});
const NONE = effects({});

function rule(
  id: string,
  operation: string,
  line: number,
  fields: Guard['fields'],
  ok: boolean,
): Rule {
  const cite = [
    id.startsWith('create')
      ? CREATE_QUOTE
      : id.startsWith('invoke')
        ? PENDING_QUOTE
        : IN_PROGRESS_QUOTE,
  ];
  const outcome = ok
    ? { kind: 'ok' as const, effects: NONE, observe: {} }
    : {
        kind: 'error' as const,
        types: ['ResourceConflictException'],
        statuses: [409],
        effects: NONE,
      };
  return { id, operation, when: guard(fields), outcomes: [outcome], cite, location: at(line) };
}

function transition(
  id: string,
  line: number,
  from: Guard['fields'],
  to: Record<string, string>,
  trigger: Transition['trigger'],
): Transition {
  return {
    id,
    from: guard(from),
    to: effects(to, 'fresh'),
    trigger,
    cite: [UPDATE_QUOTE],
    location: at(line),
  };
}

const createRules: Rule[] = [
  rule(
    'create-existing',
    'CreateFunction',
    10,
    { state: { kind: 'notIn', values: ['Absent'] } },
    false,
  ),
  {
    ...rule('create', 'CreateFunction', 14, { state: is('Absent') }, true),
    outcomes: [{ kind: 'ok', effects: effects({ state: 'Pending' }, 'fresh'), observe: {} }],
  },
];
const invokeRules: Rule[] = [
  rule('invoke-pending-creating', 'Invoke', 20, { state: is('Pending') }, false),
  rule('invoke-active', 'Invoke', 24, { state: is('Active') }, true),
];
const updateRules: Rule[] = [
  rule(
    'update-code-in-progress',
    'UpdateFunctionCode',
    30,
    { lastUpdateStatus: is('InProgress') },
    false,
  ),
  {
    ...rule('update-code', 'UpdateFunctionCode', 34, { state: is('Active', 'Inactive') }, true),
    outcomes: [
      { kind: 'ok', effects: effects({ lastUpdateStatus: 'InProgress' }, 'fresh'), observe: {} },
    ],
  },
];

/** The tiny spec of the reporter fixtures. @internal */
export const tinySpec: Spec = {
  file: FILE,
  hash: '3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a',
  title: 'AWS Lambda function lifecycle',
  sources: new Map([
    [
      'function-states',
      {
        id: 'function-states',
        title: 'Lambda function states',
        kind: 'document',
        url: 'https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html',
        location: at(3),
      },
    ],
    [
      'lambda-facts',
      { id: 'lambda-facts', title: 'Lambda facts', kind: 'document', location: at(4) },
    ],
  ]),
  readings: new Map([['seed', { id: 'seed', description: 'The seed reading.', cite: [] }]]),
  defaultReading: 'seed',
  fields: new Map([
    [
      'state',
      {
        name: 'state',
        type: 'enum',
        values: ['Absent', 'Pending', 'Active', 'Inactive', 'Failed'],
        initial: 'Absent',
        description: 'State.',
      },
    ],
    [
      'lastUpdateStatus',
      {
        name: 'lastUpdateStatus',
        type: 'enum',
        values: ['none', 'InProgress', 'Successful', 'Failed'],
        initial: 'none',
        description: 'LastUpdateStatus.',
      },
    ],
  ]),
  inputs: new Map(),
  events: ['idle-reclaim'],
  operations: new Map([
    ['CreateFunction', { name: 'CreateFunction', inputs: [], rules: createRules, location: at(9) }],
    ['Invoke', { name: 'Invoke', inputs: [], rules: invokeRules, location: at(19) }],
    [
      'UpdateFunctionCode',
      { name: 'UpdateFunctionCode', inputs: [], rules: updateRules, location: at(29) },
    ],
  ]),
  transitions: [
    transition(
      'provisioning-completes',
      40,
      { state: is('Pending') },
      { state: 'Active', lastUpdateStatus: 'Successful' },
      { kind: 'async', withinMs: 300_000 },
    ),
    transition(
      'update-completes',
      44,
      { lastUpdateStatus: is('InProgress') },
      { lastUpdateStatus: 'Successful' },
      { kind: 'async', withinMs: 600_000 },
    ),
    transition(
      'idle-reclaim',
      48,
      { state: is('Active') },
      { state: 'Inactive' },
      { kind: 'event', event: 'idle-reclaim' },
    ),
  ],
};
