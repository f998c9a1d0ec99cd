import { defineConfig } from 'vitest/config';

/**
 * `npm run test:package` (run by .ci/run, not by `npm test`): packs the package, installs the
 * tarball into a temporary project offline, and uses it there as a user would.
 */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
