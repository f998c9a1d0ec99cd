import { describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT, FunctionArns } from './FunctionArns.ts';

describe('FunctionArns', () => {
  it('builds a full function ARN with the emulator account while none is known', () => {
    expect(new FunctionArns().arnOf('eu-west-1', 'lc-r-fn0')).toBe(
      `arn:aws:lambda:eu-west-1:${EMULATOR_ACCOUNT}:function:lc-r-fn0`,
    );
  });

  it('learns the partition and account from the first function ARN an answer shows', () => {
    const arns = new FunctionArns();
    arns.learn(undefined);
    arns.learn('not an arn');
    arns.learn('arn:aws-cn:lambda:cn-north-1:111122223333:function:lc-r-fn1:3');
    arns.learn('arn:aws:lambda:us-east-1:444455556666:function:other');
    expect(arns.arnOf('cn-north-1', 'lc-r-fn0')).toBe(
      'arn:aws-cn:lambda:cn-north-1:111122223333:function:lc-r-fn0',
    );
  });

  it('takes the caller account of real AWS before any answer', () => {
    const arns = new FunctionArns();
    arns.knowAccount('777788889999');
    arns.learn('arn:aws:lambda:us-east-1:000000000000:function:x');
    expect(arns.arnOf('us-east-1', 'f')).toBe('arn:aws:lambda:us-east-1:777788889999:function:f');
  });
});
