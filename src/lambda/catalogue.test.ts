import { describe, expect, it } from 'vitest';
import {
  CONFIGURATION_FIELDS,
  EVENT_NAMES,
  isEventName,
  latestRevisionId,
  OBSERVATION_FIELDS,
  OPERATION_NAMES,
  OPERATIONS,
  operationFacts,
  STATE_FIELDS,
} from './catalogue.ts';
import type { FunctionConfiguration } from './LambdaApi.ts';

// Compile-time: the configuration fields and the state fields are FunctionConfiguration members.
const configurationMembers: readonly (keyof FunctionConfiguration)[] = CONFIGURATION_FIELDS;
const stateMembers: readonly (keyof FunctionConfiguration)[] = STATE_FIELDS;

describe('the Lambda catalogue', () => {
  it('knows only its own operations and events, including against prototype names', () => {
    expect(operationFacts('GetFunction')).toEqual({ access: 'read', answer: 'function' });
    expect(operationFacts('Frobnicate')).toBeUndefined();
    expect(operationFacts('toString')).toBeUndefined();
    expect(EVENT_NAMES.every(isEventName)).toBe(true);
    expect(isEventName('idle-reclaimed')).toBe(false);
    expect(isEventName('constructor')).toBe(false);
  });

  it('retries only reads: exactly the Get*, List* and Wait* operations; CreateFunction alone creates', () => {
    for (const name of OPERATION_NAMES) {
      const { access } = OPERATIONS[name];
      expect(access === 'read', name).toBe(/^(Get|List|Wait)/.test(name));
      expect(access === 'create', name).toBe(name === 'CreateFunction');
    }
  });

  it("reads $LATEST's RevisionId where each answer keeps it, and never a published version's", () => {
    const response = { RevisionId: 'top', Configuration: { RevisionId: 'nested' } };
    const read = Object.fromEntries(
      OPERATION_NAMES.map((name) => [name, latestRevisionId(name, response)]),
    );
    expect(read).toEqual({
      CreateFunction: 'top',
      GetFunction: 'nested',
      GetFunctionConfiguration: 'top',
      UpdateFunctionCode: 'top',
      UpdateFunctionConfiguration: 'top',
      Invoke: undefined,
      PublishVersion: undefined,
      ListVersionsByFunction: undefined,
      ListFunctions: undefined,
      TagResource: undefined,
      UntagResource: undefined,
      ListTags: undefined,
      DeleteFunction: undefined,
      WaitFunctionActiveV2: undefined,
      WaitFunctionUpdatedV2: undefined,
      WaitFunctionExists: undefined,
    });
    expect(latestRevisionId('GetFunction', undefined)).toBeUndefined();
    expect(latestRevisionId('CreateFunction', { RevisionId: 7 })).toBeUndefined();
  });

  it('observes the configuration members the spec constrains, in catalogue order', () => {
    expect(configurationMembers).toEqual([
      'State',
      'StateReasonCode',
      'StateReason',
      'LastUpdateStatus',
      'LastUpdateStatusReasonCode',
      'LastUpdateStatusReason',
      'RevisionId',
      'Version',
      'PackageType',
    ]);
    expect(Object.keys(OBSERVATION_FIELDS).slice(0, configurationMembers.length)).toEqual(
      configurationMembers,
    );
    // ListFunctions leaves out every state member the configuration fields observe.
    const observedState = configurationMembers.filter((f) => /^(State|LastUpdateStatus)/.test(f));
    expect(stateMembers).toEqual(expect.arrayContaining(observedState));
  });
});
