import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_FIELDS, OPERATION_NAMES } from '../lambda/catalogue.ts';
import { ISSUE_CODES } from '../errors/issueCodes.ts';

const README = readFileSync('spec/README.md', 'utf8');

describe('spec/README.md', () => {
  it('documents every observation field in its table, and no other', () => {
    const section = README.slice(
      README.indexOf('#### Observation fields'),
      README.indexOf('## Transitions'),
    );
    const documented = [...section.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(OBSERVATION_FIELDS));
  });

  it('documents every issue code and every operation name', () => {
    for (const code of Object.keys(ISSUE_CODES)) expect(README).toContain(`\`${code}\``);
    for (const name of OPERATION_NAMES) expect(README).toContain(name);
  });
});
