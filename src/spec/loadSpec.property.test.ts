import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../errors/HarnessError.ts';
import { ISSUE_CODES } from '../errors/issueCodes.ts';
import { parseSpec } from './parseSpec.ts';
import { MINI_SPEC, toYaml } from './spec.testkit.ts';

const SHIPPED = readFileSync('spec/lambda-lifecycle.yaml', 'utf8');

/** parseSpec returns a spec or throws a SpecError whose issues are all located and coded. */
function loadsOrExplains(text: string): void {
  try {
    parseSpec(text, 'prop.yaml');
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(Object.keys(ISSUE_CODES)).toContain(issue.code);
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }
}

// Words of the spec language, so generated structures reach deep into the readers.
const WORDS = [
  ...[
    'version',
    'title',
    'sources',
    'readings',
    'default',
    'fields',
    'inputs',
    'events',
    'operations',
  ],
  ...['transitions', 'state', 'lastUpdateStatus', 'values', 'initial', 'type', 'int', 'min', 'max'],
  ...['rules', 'id', 'when', 'expect', 'effects', 'observe', 'cite', 'source', 'quote', 'note'],
  ...['from', 'to', 'async', 'within', 'event', 'ok', 'error', 'status', 'message', 'unspecified'],
  ...['not', 'add', 'reading', 'revisionId', 'fresh', 'maybe', 'absent', 'present', '*', '15m'],
  ...['CreateFunction', 'Invoke', 'Absent', 'Active', 'Pending', 'input.code', '$state', 'code'],
  ...['doc', 'one', 'State', 'idle-reclaim', 'a-rule', '/x/', '/(/'],
];

const word = fc.constantFrom(...WORDS);
const scalar = fc.oneof(word, fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null));
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(word, tie('tree'), { maxKeys: 5 }),
  ),
}));

/** Replaces, deletes or duplicates a few lines, or re-indents one. */
function mutateLines(text: string): fc.Arbitrary<string> {
  const lines = text.split('\n');
  const edit = fc.tuple(
    fc.nat({ max: lines.length - 1 }),
    fc.constantFrom('replace-value', 'delete', 'duplicate', 'indent', 'outdent'),
    fc.oneof(word, fc.string({ maxLength: 6 })),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const out = [...lines];
    for (const [at, kind, value] of edits) {
      const line = out[at] ?? '';
      if (kind === 'delete') out.splice(at, 1);
      else if (kind === 'duplicate') out.splice(at, 0, line);
      else if (kind === 'indent') out[at] = `  ${line}`;
      else if (kind === 'outdent') out[at] = line.replace(/^ {2}/, '');
      else out[at] = line.replace(/:\s.*$/, `: ${value}`);
    }
    return out.join('\n');
  });
}

describe('parseSpec never throws anything but SpecError', () => {
  it('for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), loadsOrExplains), {
      numRuns: 300,
    });
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), loadsOrExplains), {
      numRuns: 300,
    });
  });

  it('for arbitrary JSON-like values serialised to YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => loadsOrExplains(toYaml(v))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => loadsOrExplains(JSON.stringify(v))),
      { numRuns: 200 },
    );
  });

  it('for spec-shaped structures built from the language’s own words', () => {
    const spec = fc.dictionary(word, tree, { maxKeys: 9 });
    fc.assert(
      fc.property(spec, (v) => loadsOrExplains(toYaml(v))),
      { numRuns: 500 },
    );
  });

  it('for line-level mutations of a valid spec', () => {
    fc.assert(fc.property(mutateLines(MINI_SPEC), loadsOrExplains), { numRuns: 400 });
  });

  it('for line-level mutations of the shipped spec', () => {
    fc.assert(fc.property(mutateLines(SHIPPED), loadsOrExplains), { numRuns: 40 });
  });
});
