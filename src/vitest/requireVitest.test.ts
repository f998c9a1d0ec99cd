import { describe, expect, it } from 'vitest';
import { HarnessError } from '../errors/HarnessError.ts';
import { checkVitestVersion, requireVitest } from './requireVitest.ts';

function failure(version: string): HarnessError {
  try {
    checkVitestVersion(version);
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error(`vitest ${version} was accepted`);
}

describe('requireVitest', () => {
  it('refuses a vitest without TestContext.annotate, naming the version and the fix', () => {
    for (const old of ['2.1.9', '3.1.4', '0.34.6']) {
      const error = failure(old);
      expect(error.code).toBe('VITEST_TOO_OLD');
      expect(error.message).toContain(`vitest ${old}`);
      expect(error.message).toContain('>= 3.2');
      expect(error.message).toContain('npm install --save-dev vitest@latest');
    }
    expect(failure('not-a-version').code).toBe('VITEST_TOO_OLD');
  });

  it('accepts 3.2 and later, pre-releases included', () => {
    for (const ok of ['3.2.0', '3.2.0-beta.2', '3.10.1', '4.1.12', '10.0.0']) {
      expect(() => checkVitestVersion(ok)).not.toThrow();
    }
  });

  it('accepts the vitest installed beside it here', () => {
    expect(() => requireVitest()).not.toThrow();
  });
});
