import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../traces/trace-line.schema.json' with { type: 'json' };
import { OBSERVATION_FIELDS } from '../lambda/catalogue.ts';
import { EVENT_NAMES, OPERATION_NAMES } from '../lambda/catalogue.ts';
import { cli, tempDir } from './cli.testkit.ts';

const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  schema,
);

async function jsonLines(file: string): Promise<unknown[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);
}

function errorsOf(line: unknown): string {
  return validate(line) ? '' : JSON.stringify(validate.errors);
}

describe('trace-line.schema.json', () => {
  it('names the same operations, events and observation fields as the code', () => {
    const defs = schema.$defs;
    expect(defs.op.properties.operation.enum).toEqual([...OPERATION_NAMES]);
    expect(defs.inject.properties.event.enum).toEqual([...EVENT_NAMES]);
    expect(defs.observationField.enum).toEqual(Object.keys(OBSERVATION_FIELDS));
  });

  it('accepts every line of the committed real-AWS traces', async () => {
    const files = (await readdir('traces/aws')).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      for (const line of await jsonLines(join('traces/aws', file))) {
        expect(errorsOf(line), file).toBe('');
      }
    }
  });

  it('accepts every line a run records: run, op, wait and inject lines', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'memory.jsonl');
    const r = await cli('run', '--runs', '40', '--seed', '3', '--record', trace, '--out', dir);
    expect(r.code).toBe(0);
    const lines = await jsonLines(trace);
    const types = new Set(lines.map((l) => (l as { type: string }).type));
    expect([...types].sort()).toEqual(['inject', 'op', 'run', 'wait']);
    for (const line of lines) expect(errorsOf(line)).toBe('');
  });

  it('rejects lines outside the vocabulary or the shapes', async () => {
    const [header, op] = await jsonLines('traces/aws/function-lifecycle.jsonl');
    const base = op as Record<string, unknown>;
    const bad: unknown[] = [
      { ...base, operation: 'GetFuntion' },
      { ...base, observation: { kind: 'ok', fields: { Stat: 'Active' } } },
      { ...base, observation: { kind: 'ok', fields: {}, unrecorded: false } },
      { ...base, observation: { kind: 'error', type: 'X', status: 42, message: '' } },
      { ...base, verdict: 'passed' },
      { ...base, at: -1 },
      { ...(header as Record<string, unknown>), version: 2 },
      { ...(header as Record<string, unknown>), unobservable: ['ranCod'] },
      { type: 'inject', run: 'r', at: 0, event: 'idle-reclaimed', fn: 'fn0' },
      { type: 'wait', run: 'r', at: 0 },
    ];
    for (const line of bad) expect(validate(line), JSON.stringify(line)).toBe(false);
  });
});
