import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePaths } from '../package/packagePaths.ts';
import { outputPath } from './outputPath.ts';

describe('outputPath', () => {
  const root = '/p/node_modules/lambda-conformance';

  it('moves a path inside the installed package under the working directory, the same way down', () => {
    expect(outputPath(`${root}/reports/emulator`, root, '/p')).toBe('/p/reports/emulator');
    expect(outputPath(`${root}/scenarios/regressions`, root, '/p/sub')).toBe(
      '/p/sub/scenarios/regressions',
    );
    expect(outputPath(root, root, '/p')).toBe('/p');
  });

  it('leaves paths outside the package alone', () => {
    expect(outputPath('/p/reports', root, '/p')).toBe('/p/reports');
    expect(outputPath('/p/node_modules/lambda-conformance-x/r', root, '/p')).toBe(
      '/p/node_modules/lambda-conformance-x/r',
    );
  });

  it('leaves everything alone when the run works inside the package (a checkout)', () => {
    expect(outputPath(`${root}/reports`, root, root)).toBe(`${root}/reports`);
    expect(outputPath(`${root}/reports`, root, `${root}/scenarios`)).toBe(`${root}/reports`);
  });

  it('defaults to this package and the working directory: a no-op in this repository', () => {
    const reports = join(packagePaths().root, 'reports');
    expect(outputPath(reports)).toBe(reports);
  });
});
