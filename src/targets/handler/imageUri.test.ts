import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../errors/HarnessError.ts';
import { codeFromImageUri, DEFAULT_IMAGE_REPOSITORY, imageUriFor } from './imageUri.ts';
import { runImageHandler } from './runImageHandler.ts';

describe('image URIs', () => {
  it('encode the code revision as the tag c<N>', () => {
    expect(imageUriFor(3)).toBe(`${DEFAULT_IMAGE_REPOSITORY}:c3`);
    expect(imageUriFor(0, '123456789012.dkr.ecr.us-east-1.amazonaws.com/h')).toBe(
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/h:c0',
    );
  });

  it('round-trip through codeFromImageUri, also with a registry port', () => {
    for (const code of [0, 1, 42, 100_000]) {
      expect(codeFromImageUri(imageUriFor(code))).toBe(code);
      expect(codeFromImageUri(imageUriFor(code, 'localhost:5000/repo'))).toBe(code);
    }
  });

  it.each([
    'conformance.local/handler',
    'localhost:5000/handler',
    'conformance.local/handler:latest',
    'conformance.local/handler:c01',
    'conformance.local/handler@sha256:abc',
    'conformance.local/handler:c99999999999999999999',
  ])('finds no code revision in %s', (uri) => {
    expect(codeFromImageUri(uri)).toBeUndefined();
  });

  it('reject a code revision that is not a non-negative integer', () => {
    expect(() => imageUriFor(-2)).toThrow(HarnessError);
  });
});

describe('runImageHandler', () => {
  it('answers {code, config} for the revision in the tag', () => {
    const result = runImageHandler(imageUriFor(6), { CONFORMANCE_CONFIG: '2' }, '{}');
    expect(result).toEqual({ payload: '{"code":6,"config":2}' });
  });

  it('fails like a container that cannot start when the tag names no revision', () => {
    const result = runImageHandler('conformance.local/handler:latest', {}, '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toContain('Runtime.InvalidEntrypoint');
  });
});
