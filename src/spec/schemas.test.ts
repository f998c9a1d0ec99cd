import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, OBSERVATION_FIELDS, OPERATION_NAMES } from '../lambda/catalogue.ts';
import { parseYaml } from './parseYaml.ts';
import { edit, MINI_SPEC } from './spec.testkit.ts';
import { plainValue } from './YNode.ts';

type Schema = Record<string, unknown>;

function load(path: string): Schema {
  return JSON.parse(readFileSync(path, 'utf8')) as Schema;
}

function yamlData(text: string): unknown {
  const { root, issues } = parseYaml(text, 'x.yaml');
  expect(issues).toEqual([]);
  return root === undefined ? null : plainValue(root);
}

function validator(path: string): (data: unknown) => string[] {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false, // `oneOf: [{ required: [async] }, { required: [event] }]` is intended
    allowUnionTypes: true,
    allowMatchingProperties: true,
  });
  const validate = ajv.compile(load(path));
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Every `properties` entry anywhere in the schema, with its path. */
function properties(node: unknown, path: string, out: [string, Schema][] = []): [string, Schema][] {
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, sub] of Object.entries(value as Record<string, Schema>))
        out.push([`${path}.${name}`, sub]);
    }
    properties(value, `${path}/${key}`, out);
  }
  return out;
}

describe('spec/spec.schema.json', () => {
  const validate = validator('spec/spec.schema.json');

  it('accepts the shipped spec and the mini spec, which name it on their first line', () => {
    const shipped = readFileSync('spec/lambda-lifecycle.yaml', 'utf8');
    expect(shipped.split('\n')[0]).toBe('# yaml-language-server: $schema=./spec.schema.json');
    expect(validate(yamlData(shipped))).toEqual([]);
    expect(validate(yamlData(MINI_SPEC))).toEqual([]);
  });

  it('rejects broken specs', () => {
    const broken = [
      edit(MINI_SPEC, [
        'when: { state: Absent }\n        expect: ok',
        'whne: { state: Absent }\n        expect: ok',
      ]),
      edit(MINI_SPEC, ['within: 15m', 'within: 15 minutes']),
      edit(MINI_SPEC, ['  CreateFunction:', '  CreateFunctoin:']),
      edit(MINI_SPEC, ['observe: { State: Pending', 'observe: { Stat: Pending']),
      edit(MINI_SPEC, [
        '    event: idle-reclaim',
        '    event: idle-reclaim\n    async: { within: 1h }',
      ]),
      edit(MINI_SPEC, ['id: create-existing', 'id: Create_Existing']),
      edit(MINI_SPEC, ['cite: [{ source: doc, quote: "Reclaimed." }]', 'cite: []']),
    ];
    for (const text of broken) expect(validate(yamlData(text))).not.toEqual([]);
  });

  it('documents every property, and lists exactly the operations and observation fields the harness knows', () => {
    const schema = load('spec/spec.schema.json');
    const undocumented = properties(schema, '#').filter(
      ([, sub]) => typeof sub['description'] !== 'string',
    );
    expect(undocumented.map(([p]) => p)).toEqual([]);
    const defs = schema['$defs'] as Record<string, Schema>;
    expect(Object.keys(defs['observe']?.['properties'] as Schema)).toEqual(
      Object.keys(OBSERVATION_FIELDS),
    );
    const operations = (schema['properties'] as Record<string, Schema>)['operations'];
    expect((operations?.['propertyNames'] as Schema)['enum']).toEqual([...OPERATION_NAMES]);
  });
});

describe('scenarios/scenario.schema.json', () => {
  const validate = validator('scenarios/scenario.schema.json');

  it('accepts every scenario under scenarios/', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
    for (const file of files)
      expect([file, validate(yamlData(readFileSync(`scenarios/${file}`, 'utf8')))]).toEqual([
        file,
        [],
      ]);
  });

  it('rejects a broken scenario, and documents every property', () => {
    const bad =
      'name: x\nspec: s.yaml\ntarget: { name: lokal }\nruns: 0\nrusn: 3\ntiming: { updateMs: [5] }\n';
    expect(validate(yamlData(bad)).length).toBeGreaterThanOrEqual(4);
    const undocumented = properties(load('scenarios/scenario.schema.json'), '#').filter(
      ([, sub]) => typeof sub['description'] !== 'string',
    );
    expect(undocumented.map(([p]) => p)).toEqual([]);
  });

  it('names exactly the commands and events the scenario loader accepts', () => {
    const schema = load('scenarios/scenario.schema.json');
    const top = schema['properties'] as Record<string, Schema>;
    const weights = top['weights']?.['propertyNames'] as Schema;
    expect(weights['enum']).toEqual([...OPERATION_NAMES, 'Wait', 'Settle', 'Inject']);
    const target = top['target']?.['properties'] as Record<string, Schema>;
    const events = target['events']?.['propertyNames'] as Schema;
    expect(events['enum']).toEqual([...EVENT_NAMES]);
    const scenario = (weightsText: string): string =>
      `name: x\nspec: s.yaml\ntarget:\n  name: aws\n  endpoint: http://127.0.0.1:1\n  events:\n    idle-reclaim: { method: Post, url: 'http://h/{event}' }\nweights: ${weightsText}\n`;
    expect(validate(yamlData(scenario('{ Invoke: 1 }')))).toEqual([]);
    expect(validate(yamlData(scenario('{ Invok: 1 }')))).not.toEqual([]);
  });
});
