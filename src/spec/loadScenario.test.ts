import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../errors/HarnessError.ts';
import { ScenarioError } from '../errors/HarnessError.ts';
import { OPERATION_NAMES } from '../lambda/catalogue.ts';
import { loadScenario } from './loadScenario.ts';
import { parseScenario } from './parseScenario.ts';
import { edit, positionOf, toYaml } from './spec.testkit.ts';

const FULL = `name: full
description: Every key.
spec: ../spec/lambda-lifecycle.yaml
reading: current
strictness: documented
target:
  name: aws
  mutants: [stuck-update]
  imagePendingInvoke: refuse
  endpoint: emulator
  region: eu-west-1
  profile: ci
  runtime: nodejs22.x
  allowAccounts: [123456789012]
  maxApiCalls: 500
  imageUris: [repo:1, repo:2]
  events:
    idle-reclaim: { method: POST, url: 'http://127.0.0.1:9000/control/{event}', body: { fn: '{functionName}' } }
  emulator: { pendingMs: 200, updateMs: 0 }
runs: 10
maxCommands: 12
seed: -7
functions: 2
timeBudget: 1m
weights: { Invoke: 3, Wait: 0 }
timing: { provisionMs: [0, 500], updateMs: [10, 10] }
reporters: [console, json]
out: ../reports/x
`;

const FILE = 'scenarios/full.yaml';

function issuesOf(text: string): readonly Issue[] {
  try {
    parseScenario(text, FILE);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('parseScenario', () => {
  it('reads every key, resolving paths against the scenario file', () => {
    const scenario = parseScenario(FULL, FILE);
    expect(scenario).toEqual({
      file: resolve(FILE),
      name: 'full',
      description: 'Every key.',
      spec: resolve('spec/lambda-lifecycle.yaml'),
      reading: 'current',
      strictness: 'documented',
      target: {
        name: 'aws',
        mutants: ['stuck-update'],
        imagePendingInvoke: 'refuse',
        endpoint: 'emulator',
        region: 'eu-west-1',
        profile: 'ci',
        runtime: 'nodejs22.x',
        allowAccounts: ['123456789012'],
        maxApiCalls: 500,
        imageUris: ['repo:1', 'repo:2'],
        events: {
          'idle-reclaim': {
            method: 'POST',
            url: 'http://127.0.0.1:9000/control/{event}',
            body: { fn: '{functionName}' },
          },
        },
        emulator: { pendingMs: 200, updateMs: 0 },
      },
      runs: 10,
      maxCommands: 12,
      seed: -7,
      functions: 2,
      timeBudgetMs: 60_000,
      weights: { Invoke: 3, Wait: 0 },
      timing: { provisionMs: [0, 500], updateMs: [10, 10] },
      reporters: ['console', 'json'],
      out: resolve('reports/x'),
      places: {
        reading: positionOf(FULL, 'current'),
        mutants: [positionOf(FULL, 'stuck-update')],
        reporters: [positionOf(FULL, 'console'), positionOf(FULL, 'json]')],
        out: positionOf(FULL, '../reports/x'),
      },
    });
  });

  it('leaves the spec to the run when the scenario names none', () => {
    const scenario = parseScenario(edit(FULL, ['spec: ../spec/lambda-lifecycle.yaml\n', '']), FILE);
    expect(scenario.spec).toBeUndefined();
    expect(scenario.name).toBe('full');
  });

  it('loads the shipped scenarios', async () => {
    for (const name of ['default', 'emulator']) {
      const scenario = await loadScenario(`scenarios/${name}.yaml`);
      expect(scenario.spec).toBe(resolve('spec/lambda-lifecycle.yaml'));
    }
  });

  const CASES = [
    {
      code: 'unknown-key',
      edits: [['runs: 10', 'rusn: 10']],
      at: 'rusn',
      says: "unknown key 'rusn'. Did you mean 'runs'?",
    },
    {
      code: 'unknown-key',
      edits: [['  region:', '  regoin:']],
      at: 'regoin',
      says: "Did you mean 'region'?",
    },
    {
      code: 'wrong-type',
      edits: [['runs: 10', 'runs: -3']],
      at: '-3',
      says: "'runs' must be an integer from 1 to 1000000",
    },
    {
      code: 'wrong-type',
      edits: [['functions: 2', 'functions: two']],
      at: 'two',
      says: "'functions' must be an integer from 1 to 100",
    },
    {
      code: 'wrong-type',
      edits: [['Invoke: 3', 'Invoke: -1.5']],
      at: '-1.5',
      says: "'Invoke' must be an integer from 0 to 1000000",
    },
    {
      code: 'wrong-type',
      edits: [['updateMs: [10, 10]', 'updateMs: 10']],
      at: '10 }',
      says: 'a [min, max] pair',
    },
    {
      code: 'bad-value',
      edits: [['[0, 500]', '[500, 0]']],
      at: '[500, 0]',
      says: 'min 500 is greater than max 0',
    },
    {
      code: 'bad-value',
      edits: [['  name: aws', '  name: lokal']],
      at: 'lokal',
      says: "unknown target 'lokal'",
    },
    {
      code: 'bad-value',
      edits: [['refuse', 'refus']],
      at: 'refus',
      says: "Did you mean 'refuse'?",
    },
    {
      code: 'bad-value',
      edits: [['strictness: documented', 'strictness: documentd']],
      at: 'documentd',
      says: "unknown strictness 'documentd'. Did you mean 'documented'?",
    },
    {
      code: 'bad-duration',
      edits: [['timeBudget: 1m', 'timeBudget: a minute']],
      at: 'a minute',
      says: 'not a duration',
    },
    {
      code: 'missing-key',
      edits: [['name: full\n', '']],
      at: 'description',
      says: "missing required key 'name'",
    },
    { code: 'yaml-syntax', edits: [['seed: -7', 'seed: [-7']], at: 'functions', says: 'YAML' },
    {
      code: 'unknown-key',
      edits: [['Invoke: 3', 'Invok: 50']],
      at: 'Invok: 50',
      says: "weights: unknown command 'Invok'. Did you mean 'Invoke'?",
    },
    {
      code: 'unknown-key',
      edits: [['idle-reclaim:', 'idle-reclam:']],
      at: 'idle-reclam',
      says: "target events: unknown event 'idle-reclam'. Did you mean 'idle-reclaim'?",
    },
    {
      code: 'bad-value',
      edits: [['method: POST', 'method: POTS']],
      at: 'POTS',
      says: "target event 'idle-reclaim': 'method' must be one of GET, POST, PUT, PATCH, DELETE, found 'POTS'. Did you mean 'POST'?",
    },
    {
      code: 'bad-value',
      edits: [['/control/{event}', '/control/{evnt}']],
      at: "'http://127.0.0.1:9000/control/{evnt}'",
      says: "target event 'idle-reclaim': unknown placeholder '{evnt}'. Did you mean 'event'?",
    },
    {
      code: 'bad-value',
      edits: [["fn: '{functionName}'", "fn: '{functionNam}'"]],
      at: "'{functionNam}'",
      says: "unknown placeholder '{functionNam}'. Did you mean 'functionName'? Placeholders: {functionName}, {functionArn}, {region}, {event}, {endpoint}.",
    },
    {
      code: 'bad-value',
      edits: [["'http://127.0.0.1:9000/control/{event}'", "'/control/{event}'"]],
      at: "'/control/{event}'",
      says: "target event 'idle-reclaim': 'url' is not an absolute http:// or https:// URL: '/control/{event}'.",
    },
    {
      code: 'bad-value',
      edits: [['endpoint: emulator', 'endpoint: localhost:4566']],
      at: 'localhost:4566',
      says: "target: 'endpoint' must be emulator or an http:// or https:// URL, found 'localhost:4566'.",
    },
    {
      code: 'bad-value',
      edits: [['runtime: nodejs22.x', 'runtime: python3.13']],
      at: 'python3.13',
      says: "target: 'runtime' must be a Node.js runtime identifier such as nodejs24.x or nodejs22.x, found 'python3.13'.",
    },
  ] as const;

  it.each(CASES.map((c) => [`${c.code}: ${c.says}`, c] as const))(
    'reports %s with line and column',
    (_n, c) => {
      const text = edit(FULL, ...c.edits);
      const found = issuesOf(text).filter((i) => i.code === c.code);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ file: FILE, ...positionOf(text, c.at) });
      expect(`${found[0]?.message ?? ''} ${found[0]?.hint ?? ''}`).toContain(c.says);
    },
  );

  it('refuses weights that leave no command to generate', () => {
    const zero = [...OPERATION_NAMES, 'Wait', 'Settle', 'Inject'].map((name) => `${name}: 0`);
    const text = edit(FULL, ['{ Invoke: 3, Wait: 0 }', `{ ${zero.join(', ')} }`]);
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({
        code: 'bad-value',
        ...positionOf(text, '{ CreateFunction: 0'),
        message: 'weights: every command has weight 0, so no sequence can be generated.',
      }),
    ]);
    // One command left out keeps its default weight: that is a scenario that generates.
    const [, ...allButOne] = zero;
    expect(() =>
      parseScenario(edit(FULL, ['{ Invoke: 3, Wait: 0 }', `{ ${allButOne.join(', ')} }`]), FILE),
    ).not.toThrow();
  });

  it('reports every issue at once', () => {
    const text = edit(FULL, ['runs: 10', 'runs: 0'], ['seed: -7', 'sed: -7']);
    const error = (() => {
      try {
        return parseScenario(text, FILE);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).code).toBe('SCENARIO_INVALID');
    expect((error as ScenarioError).issues.map((i) => i.code)).toEqual([
      'wrong-type',
      'unknown-key',
    ]);
  });

  it('turns a missing file into a ScenarioError', async () => {
    await expect(loadScenario('scenarios/nope.yaml')).rejects.toMatchObject({
      issues: [{ code: 'file-unreadable', line: 1, column: 1 }],
    });
  });

  it('never throws anything but ScenarioError', () => {
    const check = (text: string): void => {
      try {
        parseScenario(text, FILE);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 120 }), check), { numRuns: 200 });
    fc.assert(
      fc.property(fc.jsonValue(), (v) => check(toYaml(v))),
      { numRuns: 200 },
    );
    const keys = fc.constantFrom(
      'name',
      'spec',
      'target',
      'runs',
      'timing',
      'weights',
      'events',
      'emulator',
      'provisionMs',
    );
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('tree'), { maxLength: 3 }),
        fc.dictionary(keys, tie('tree'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(keys, tree), (v) => check(toYaml(v))),
      { numRuns: 300 },
    );
  });
});
