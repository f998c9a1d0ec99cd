import { describe, expect, it } from 'vitest';
import { DUMMY_CREDENTIALS, resolveAwsTargetOptions } from './AwsTargetOptions.ts';

describe('resolveAwsTargetOptions', () => {
  it('takes the endpoint from the option, then AWS_ENDPOINT_URL_LAMBDA, then AWS_ENDPOINT_URL', () => {
    const env = {
      AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:2',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:3',
    };
    expect(resolveAwsTargetOptions({ endpoint: 'http://127.0.0.1:1/', env }).endpoint).toBe(
      'http://127.0.0.1:1',
    );
    expect(resolveAwsTargetOptions({ env }).endpoint).toBe('http://127.0.0.1:2');
    expect(
      resolveAwsTargetOptions({ env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:3' } }).endpoint,
    ).toBe('http://127.0.0.1:3');
    expect(resolveAwsTargetOptions({ env: {} }).endpoint).toBeUndefined();
  });

  it('takes the region from the option, then AWS_REGION, else us-east-1 for endpoints only', () => {
    const endpoint = 'http://127.0.0.1:1';
    expect(resolveAwsTargetOptions({ region: 'eu-west-1', env: { AWS_REGION: 'x' } }).region).toBe(
      'eu-west-1',
    );
    expect(resolveAwsTargetOptions({ env: { AWS_REGION: 'ap-south-1' } }).region).toBe(
      'ap-south-1',
    );
    expect(resolveAwsTargetOptions({ endpoint, env: {} }).region).toBe('us-east-1');
    expect(resolveAwsTargetOptions({ env: {} }).region).toBeUndefined();
  });

  it('uses dummy credentials for an endpoint only when nothing else is configured', () => {
    const endpoint = 'http://127.0.0.1:1';
    expect(resolveAwsTargetOptions({ endpoint, env: {} }).credentials).toEqual(DUMMY_CREDENTIALS);
    expect(
      resolveAwsTargetOptions({ endpoint, env: { AWS_PROFILE: 'p' } }).credentials,
    ).toBeUndefined();
    expect(resolveAwsTargetOptions({ env: {} }).credentials).toBeUndefined();
  });

  it('applies defaults', () => {
    const resolved = resolveAwsTargetOptions({ env: {} });
    expect(resolved).toMatchObject({
      callTimeoutMs: 30_000,
      namePrefix: 'lc',
      observesCode: true,
      retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5000 },
    });
  });

  it.each([
    [{ endpoint: 'not a url' }, 'not a URL'],
    [{ endpoint: 'ftp://x' }, 'http://'],
    [{ namePrefix: 'bad prefix' }, 'namePrefix'],
    [{ callTimeoutMs: 0 }, 'callTimeoutMs'],
    [{ maxApiCalls: 1.5 }, 'maxApiCalls'],
    [{ imageUris: [''] }, 'imageUris'],
    [{ events: { meteor: { method: 'POST', url: 'http://x' } } }, "unknown event 'meteor'"],
  ])('rejects %j naming the problem', (options, text) => {
    expect(() => resolveAwsTargetOptions({ env: {}, ...options })).toThrow(text);
  });
});
