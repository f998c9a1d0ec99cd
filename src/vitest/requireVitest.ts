import { createRequire } from 'node:module';
import { HarnessError } from '../errors/HarnessError.ts';

/** The oldest vitest the helper works with: it reports notes through `TestContext.annotate` (3.2). */
export const MIN_VITEST = { major: 3, minor: 2 } as const;

/**
 * Checks that `version` (vitest's package.json version) is at least {@link MIN_VITEST}.
 *
 * @throws HarnessError `VITEST_TOO_OLD` naming the version found and how to upgrade.
 */
export function checkVitestVersion(version: string): void {
  const match = /^(\d+)\.(\d+)\./.exec(version);
  const major = Number(match?.[1]);
  const minor = Number(match?.[2]);
  if (
    match !== null &&
    (major > MIN_VITEST.major || (major === MIN_VITEST.major && minor >= MIN_VITEST.minor))
  )
    return;
  throw new HarnessError(
    'VITEST_TOO_OLD',
    `lambda-conformance/vitest needs vitest >= ${String(MIN_VITEST.major)}.${String(MIN_VITEST.minor)} (it uses TestContext.annotate); this project has vitest ${version}. Upgrade it: npm install --save-dev vitest@latest`,
  );
}

/**
 * Checks the vitest this helper imports, the one installed beside it (vitest is its peer
 * dependency), before any test is declared, so an old vitest fails with one clear message instead
 * of a TypeError in every test.
 *
 * @throws HarnessError `VITEST_TOO_OLD`.
 */
export function requireVitest(): void {
  const require = createRequire(import.meta.url);
  const { version } = require('vitest/package.json') as { version: string };
  checkVitestVersion(version);
}
