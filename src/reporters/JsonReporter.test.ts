import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { conformantRecord, divergentRecord, tinySpec, withoutGate } from './fixtures.testkit.ts';
import { JsonReporter, toStableJson } from './JsonReporter.ts';
import schema from './run-record.schema.json' with { type: 'json' };
import { captureTerminal, reportContext } from './terminal.testkit.ts';
import { tempDir } from '../text/tempDir.testkit.ts';

const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  schema,
);

let outDir = '';
beforeEach(async () => {
  outDir = await tempDir('json-reporter-');
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function writeRunJson(record = divergentRecord): Promise<string> {
  const terminal = captureTerminal();
  await new JsonReporter().finish(
    record,
    reportContext(terminal, join(outDir, 'reports'), tinySpec),
  );
  return readFile(join(outDir, 'reports', 'run.json'), 'utf8');
}

describe('json reporter', () => {
  it('writes only run.json: the record as is, keys sorted, 2-space indent', async () => {
    const text = await writeRunJson();
    expect(await readdir(join(outDir, 'reports'))).toEqual(['run.json']);
    expect(JSON.parse(text)).toEqual(divergentRecord);
    expect(text).toBe(toStableJson(divergentRecord));
    expect(text.startsWith('{\n  "coverage": [\n    {\n      "cite": [')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    await expect(text).toMatchFileSnapshot('__snapshots__/run-divergent.json.txt');
  });

  it('is JSON.stringify of a key-sorted copy, 2-space indent, for any data', () => {
    const sortKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortKeys);
      if (value === null || typeof value !== 'object') return value;
      const source = value as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(source)
          .sort()
          .map((k) => [k, sortKeys(source[k])]),
      );
    };
    const oracle = (value: unknown): string => `${JSON.stringify(sortKeys(value), null, 2)}\n`;
    // Records with members left out (undefined, functions) and arrays holding them.
    const member = fc.oneof(
      fc.jsonValue(),
      fc.constant(undefined),
      fc.constant(() => 1),
      fc.constant(Symbol('s')),
      fc.double(),
      fc.date(),
    );
    const data = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, member, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(data, (value) => {
        expect(toStableJson(value)).toBe(oracle(value));
      }),
      { numRuns: 500 },
    );
    for (const record of [conformantRecord, divergentRecord, withoutGate(divergentRecord)]) {
      expect(toStableJson(record)).toBe(oracle(record));
    }
  });

  it('gives the same text whatever order the record was built in', () => {
    const reversed = Object.fromEntries(Object.entries(conformantRecord).reverse());
    expect(toStableJson(reversed)).toBe(toStableJson(conformantRecord));
  });

  it('escapes control characters instead of writing them', async () => {
    const text = await writeRunJson();
    expect(text).toContain('boom \\u001b[31m<internal>\\u001b[0m & \\"retry\\"\\u0007');
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
  });
});

describe('run-record.schema.json', () => {
  it('accepts the run.json of both fixture records', async () => {
    for (const record of [conformantRecord, divergentRecord]) {
      const ok = validate(JSON.parse(await writeRunJson(record)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('rejects a broken record and says where', () => {
    const broken = structuredClone(divergentRecord) as unknown as Record<string, unknown>;
    broken['version'] = 2;
    delete broken['seed'];
    const divergences = broken['divergences'] as Record<string, unknown>[];
    (divergences[0] ?? {})['category'] = 'made-up';
    expect(validate(broken)).toBe(false);
    const messages = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
    expect(messages).toContain('/version must be equal to constant');
    expect(messages).toContain(" must have required property 'seed'");
    expect(messages).toContain(
      '/divergences/0/category must be equal to one of the allowed values',
    );
  });

  it('accepts a record without a coverage gate and rejects a malformed one', () => {
    const noGate = withoutGate(conformantRecord);
    expect(validate(JSON.parse(toStableJson(noGate)))).toBe(true);
    const broken = { ...conformantRecord, coverageGate: { minPercent: 120, passed: 'yes' } };
    expect(validate(broken)).toBe(false);
    const messages = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
    expect(messages).toContain('/coverageGate/minPercent must be <= 100');
    expect(messages).toContain('/coverageGate/passed must be boolean');
    expect(messages).toContain("/coverageGate must have required property 'unexercised'");
  });

  it('rejects unknown properties, so the schema documents the whole format', () => {
    expect(validate({ ...conformantRecord, extra: true })).toBe(false);
  });

  it('describes every property and pins version to 1', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.version.const).toBe(1);
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const properties = record['properties'];
      if (properties !== null && typeof properties === 'object') {
        for (const [name, child] of Object.entries(properties as Record<string, unknown>)) {
          const description = (child as Record<string, unknown>)['description'];
          if (typeof description !== 'string' || description === '') {
            undescribed.push(`${path}/${name}`);
          }
        }
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(undescribed).toEqual([]);
  });
});
