import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARNESS_ERROR_CODES } from './harnessErrorCodes.ts';
import { ISSUE_CODES } from './issueCodes.ts';

/** The text of every production source file under src/ (tests and test support left out). */
function productionSources(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productionSources(path);
    if (!/\.ts$/.test(entry.name) || /\.(test|testkit)\.ts$/.test(entry.name)) return [];
    return [readFileSync(path, 'utf8')];
  });
}

describe('error and issue codes', () => {
  const sources = productionSources().filter(
    (text) =>
      !text.includes('export const HARNESS_ERROR_CODES') &&
      !text.includes('export const ISSUE_CODES'),
  );
  const used = (code: string): boolean => sources.some((text) => text.includes(`'${code}'`));

  it('lists only HarnessError codes some code throws', () => {
    const unused = Object.keys(HARNESS_ERROR_CODES).filter((code) => !used(code));
    expect(unused).toEqual([]);
  });

  it('lists only issue codes some reader reports', () => {
    const unused = Object.keys(ISSUE_CODES).filter((code) => !used(code));
    expect(unused).toEqual([]);
  });

  it('describes each code in one line', () => {
    for (const text of [...Object.values(HARNESS_ERROR_CODES), ...Object.values(ISSUE_CODES)])
      expect(text).toMatch(/^[^\n]{10,}$/);
  });
});
