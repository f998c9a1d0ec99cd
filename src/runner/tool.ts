import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/** Name and version of this tool, as recorded in every run record. */
export const TOOL: { readonly name: string; readonly version: string } = {
  name: pkg.name,
  version: pkg.version,
};
