import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../reporters/run-record.schema.json' with { type: 'json' };
import { cli, tempDir } from './cli.testkit.ts';

const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  schema,
);

async function runJson(...argv: string[]): Promise<unknown> {
  const out = await tempDir();
  await cli('run', ...argv, '--out', out, '--reporter', 'json');
  return JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as unknown;
}

describe('run.json from real runs', () => {
  it('validates against the shipped schema: conformant with a coverage gate, divergent, sharded, baselined', async () => {
    const dir = await tempDir();
    const baseline = join(dir, 'known.json');
    await writeFile(
      baseline,
      JSON.stringify({ known: [{ rule: 'create', reason: 'test', target: 'memory' }] }),
    );
    const records = [
      await runJson('--runs', '50', '--min-coverage', '50', '--no-save'),
      await runJson('--mutant', 'invoke-runs-staged', '--regressions', await tempDir()),
      await runJson('--runs', '30', '--shard', '2/3', '--concurrency', '2', '--no-save'),
      await runJson(
        '--mutant',
        'create-says-active',
        '--baseline',
        baseline,
        '--bail',
        '--no-save',
      ),
    ];
    for (const record of records) {
      const ok = validate(record);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});
