import { defineConfig } from 'vitest/config';

/**
 * The export condition under which `lambda-conformance` resolves to its own TypeScript sources
 * (package.json `exports`), so a test importing the package by name tests these sources, never a
 * stale `dist/`. The others are vitest's default server conditions, which setting the list
 * replaces; vitest also passes the list to its workers' Node as `--conditions`, so `module` (which
 * would make Node load the AWS SDK's bundler-only `dist-es`) must stay out, as vitest leaves it.
 */
const CONDITIONS = ['lambda-conformance-source', 'node', 'development|production'];

export default defineConfig({
  ssr: { resolve: { conditions: CONDITIONS } },
  test: {
    include: ['src/**/*.test.ts'],
    // Each test file's temporary folders are removed when its tests have ended.
    setupFiles: ['src/text/removeTempDirs.setup.testkit.ts'],
    testTimeout: 60_000,
    // Most test time waits on real-time timers, child processes and 127.0.0.1 sockets, not the CPU:
    // three workers keep both cores busy (a run measured load average below 1
    // with one worker per core).
    maxWorkers: 3,
    // A test that wants GitHub Actions (its default reporter, its step summary) sets it itself.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NO_COLOR: '1',
      GITHUB_ACTIONS: '',
      GITHUB_STEP_SUMMARY: '',
    },
  },
});
