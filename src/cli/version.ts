import { readFileSync } from 'node:fs';

/** The package's version, from its package.json. */
export function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
