import { CREATED as created } from '../monitor/answers.testkit.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';
import type { Spec } from '../spec/Spec.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import { createRunTally, StepChecker, type RunTally } from './StepChecker.ts';

let spec: Spec;

beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

function checker(): { checker: StepChecker; tally: RunTally } {
  const tally = createRunTally(spec);
  return {
    checker: new StepChecker(spec, tally, { reading: 'seed', unobservable: new Set() }),
    tally,
  };
}

const create: Operation = {
  name: 'CreateFunction',
  fn: 'fn0',
  args: { packageType: 'Zip', code: 1, config: 1 },
};
const op = (name: string, args: Operation['args'] = {}): Operation => ({ name, fn: 'fn0', args });
const error = (type: string, status: number, message = 'refused'): Observation => ({
  kind: 'error',
  type,
  status,
  message,
});

describe('setup errors: the target refused the harness’s own request', () => {
  it('a 400 no rule names, where every possible state expected success, is one', () => {
    const { checker: c, tally } = checker();
    const role = error(
      'InvalidParameterValueException',
      400,
      'The role defined for the function cannot be assumed by Lambda.',
    );
    const checked = c.check(create, role, 0, 1);
    expect(checked.setup).toMatch(
      /^setup error: CreateFunction\(fn0, .*\) was refused with InvalidParameterValueException \(400\): The role defined/,
    );
    expect(checked.verdict.kind).toBe('inconclusive');
    expect(tally.setupError).toEqual({
      command: expect.stringMatching(/^CreateFunction/) as unknown,
      message: checked.setup,
    });
    // Nothing is counted for the refused step.
    expect(tally.coverage.snapshot([]).find((r) => r.id === 'create')?.exercised).toBe(0);
  });

  it('a caller or validation error is one even where a rule expects another error', () => {
    // GetFunction of a function that does not exist yet: the spec expects a 404.
    expect(
      checker().checker.check(op('GetFunction'), error('AccessDeniedException', 403), 0, 1).setup,
    ).toBeDefined();
    // TagResource of it: a bare name refused by input validation, where the 404 was expected.
    const validation = error('ValidationException', 400, "Value 'fn' at 'resource' failed");
    expect(checker().checker.check(op('TagResource'), validation, 0, 1).setup).toBeDefined();
  });

  it('the first setup error is the one kept', () => {
    const { checker: c, tally } = checker();
    c.check(op('GetFunction'), error('AccessDeniedException', 403, 'first'), 0, 1);
    c.check(op('GetFunction'), error('AccessDeniedException', 403, 'second'), 1, 2);
    expect(tally.setupError?.message).toMatch(/: first\./);
  });
});

describe('errors the spec expects stay divergences or conform', () => {
  it('an error type a rule of the operation names is judged, never a setup error', () => {
    // CreateFunction of an absent function refused with the type "the name is taken" uses.
    const { checker: c, tally } = checker();
    const checked = c.check(create, error('ResourceConflictException', 409), 0, 1);
    expect(checked.verdict.kind).toBe('divergence');
    expect(checked.setup).toBeUndefined();
    expect(tally.setupError).toBeUndefined();
  });

  it('a 400 where the state expects another error is a wrong-error divergence', () => {
    const { checker: c } = checker();
    expect(c.check(create, created, 0, 1).verdict.kind).toBe('conformant');
    const update = op('UpdateFunctionCode', { code: 2, revisionId: 'none' });
    const checked = c.check(update, error('InvalidParameterValueException', 400), 2, 3);
    expect(checked.verdict).toMatchObject({ kind: 'divergence', category: 'wrong-error' });
    expect(checked.setup).toBeUndefined();
  });

  it('the documented 404 of a missing function conforms', () => {
    const { checker: c, tally } = checker();
    const notFound = error('ResourceNotFoundException', 404, 'Function not found: arn:x');
    expect(c.check(op('TagResource'), notFound, 0, 1).verdict.kind).toBe('conformant');
    expect(tally.setupError).toBeUndefined();
  });
});
