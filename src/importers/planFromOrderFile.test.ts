import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import { formatPlan, planFromOrderFile } from './planFromOrderFile.ts';

const spec = await loadSpec('spec/lambda-lifecycle.yaml');

const ORDER = `# a comment line
CreateFunction packageType=Image <- create-image-response
GetFunction fn1 partial <- get   # fn1, part of the answer
UpdateFunctionCode code=2        # answer not recorded
- list_tags fn0 <- tags
! untag_resource fn0 refused
`;

describe('planFromOrderFile', () => {
  it('reads calls, functions, arguments, keys and calls outside the spec', () => {
    const plan = planFromOrderFile(ORDER, 'o.order', spec);
    expect(plan.order).toBe('o.order');
    expect(plan.calls).toEqual([
      {
        kind: 'spec',
        operation: 'CreateFunction',
        fn: 'fn0',
        args: { packageType: 'Image' },
        key: 'create-image-response',
        where: 'o.order:2',
      },
      {
        kind: 'spec',
        operation: 'GetFunction',
        fn: 'fn1',
        args: {},
        key: 'get',
        partial: true,
        where: 'o.order:3',
      },
      {
        kind: 'spec',
        operation: 'UpdateFunctionCode',
        fn: 'fn0',
        args: { code: 2 },
        where: 'o.order:4',
      },
      {
        kind: 'outside',
        call: 'list_tags',
        mutating: false,
        fn: 'fn0',
        key: 'tags',
        where: 'o.order:5',
      },
      {
        kind: 'outside',
        call: 'untag_resource',
        mutating: true,
        fn: 'fn0',
        refused: true,
        where: 'o.order:6',
      },
    ]);
  });

  it('reads back what formatPlan writes', () => {
    const plan = planFromOrderFile(ORDER, 'o.order', spec);
    const again = planFromOrderFile(formatPlan(plan), 'o.order', spec);
    expect(again.calls.map(({ where: _where, ...rest }) => rest)).toEqual(
      plan.calls.map(({ where: _where, ...rest }) => rest),
    );
  });

  it.each([
    [
      'GetFuntion <- k',
      "o.order:1: 'GetFuntion' is not an operation of the spec; mark a call outside the spec with '!' (it may change the function) or '-' (a read). Did you mean 'GetFunction'?",
    ],
    ['GetFunction <-', "o.order:1: '<-' names no snapshot key"],
    ['GetFunction fnX', "o.order:1: cannot read 'fnX'"],
    ['# only a comment', 'o.order: no calls'],
  ])('refuses %j naming the line', (text, message) => {
    expect(() => planFromOrderFile(text, 'o.order', spec)).toThrow(message);
  });
});
