import { describe, expect, it } from 'vitest';
import { checkAnswer } from './checkAnswer.ts';
import { MalformedAnswer } from './MalformedAnswer.ts';

const meta = (status: number) => ({ $metadata: { httpStatusCode: status } });

describe('checkAnswer', () => {
  it('passes the bodies the Lambda API defines', () => {
    const config = { FunctionName: 'f', State: 'Pending' };
    for (const op of ['CreateFunction', 'UpdateFunctionCode', 'PublishVersion']) {
      expect(checkAnswer(op, { ...config, ...meta(201) })).toMatchObject(config);
    }
    expect(() =>
      checkAnswer('GetFunction', { Configuration: { FunctionArn: 'arn' } }),
    ).not.toThrow();
    expect(() => checkAnswer('ListFunctions', { Functions: [] })).not.toThrow();
    expect(() => checkAnswer('ListVersionsByFunction', { Versions: [] })).not.toThrow();
    expect(() => checkAnswer('Invoke', { StatusCode: 200, Payload: '{"code":1}' })).not.toThrow();
    expect(() => checkAnswer('DeleteFunction', meta(204))).not.toThrow();
  });

  it('refuses an empty body, which the SDK reads as an empty object, naming the status', () => {
    expect(() => checkAnswer('CreateFunction', meta(201))).toThrow(
      new MalformedAnswer(
        201,
        'CreateFunction answered 201 with no function configuration in the body',
      ),
    );
    expect(() => checkAnswer('GetFunction', { Configuration: {} })).toThrow(MalformedAnswer);
    expect(() => checkAnswer('ListFunctions', { NextMarker: 'x' })).toThrow(/no Functions list/);
    expect(() => checkAnswer('ListVersionsByFunction', {})).toThrow(/no Versions list/);
  });

  it('refuses an Invoke payload that is not JSON, unless the target runs no handler', () => {
    const garbled = { StatusCode: 200, Payload: '{"code":1,"con' };
    expect(() => checkAnswer('Invoke', garbled)).toThrow(/payload is not JSON/);
    expect(() => checkAnswer('Invoke', garbled, false)).not.toThrow();
    expect(() => checkAnswer('Invoke', { Payload: '{}' })).toThrow(/no status code/);
  });
});
