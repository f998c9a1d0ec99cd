import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/startEmulator.ts';
import { parseYaml } from '../spec/parseYaml.ts';
import { plainValue } from '../spec/YNode.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';
import {
  COUNTEREXAMPLES_DIR,
  REPORTS_DIR,
  SCENARIO_FILE,
  TEST_FILE,
  WORKFLOW_FILE,
} from './initFiles.ts';

const FILES = [SCENARIO_FILE, TEST_FILE, WORKFLOW_FILE];

function yamlData(text: string): unknown {
  const { root, issues } = parseYaml(text, 'x.yaml');
  expect(issues).toEqual([]);
  return root === undefined ? null : plainValue(root);
}

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}

function stepsOf(workflow: string): Step[] {
  const data = yamlData(workflow) as { jobs: Record<string, { steps: Step[] }> };
  const [job] = Object.values(data.jobs);
  return job?.steps ?? [];
}

describe('lambda-conformance init', () => {
  it('writes a scenario, a vitest test and a workflow, and says what it wrote', async () => {
    const dir = await tempDir();
    const result = await cli('init', '--dir', dir, '--endpoint', 'http://127.0.0.1:9001');
    expect([result.code, result.err]).toEqual([0, '']);
    for (const file of FILES) {
      expect(existsSync(join(dir, file)), file).toBe(true);
      expect(result.out).toContain(`wrote ${file}`);
    }
    expect(result.out).toContain(`npx lambda-conformance run ${SCENARIO_FILE}`);
  });

  it('writes a scenario the scenario schema accepts, for the endpoint and name given', async () => {
    const dir = await tempDir();
    await cli('init', '--dir', dir, '--endpoint', 'https://lambda.test:8443/', '--name', 'moto');
    const scenario = yamlData(await readFile(join(dir, SCENARIO_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(
      JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')) as object,
    );
    expect(validate(scenario), JSON.stringify(validate.errors)).toBe(true);
    expect(scenario).toMatchObject({
      name: 'moto',
      target: { name: 'aws', endpoint: 'https://lambda.test:8443/' },
      out: `../${REPORTS_DIR}`,
    });
    expect(scenario).not.toHaveProperty('spec');
  });

  it('writes a vitest test that runs the scenario next to it with describeConformance', async () => {
    const dir = await tempDir();
    await cli('init', '--dir', dir);
    const test = await readFile(join(dir, TEST_FILE), 'utf8');
    expect(test).toContain("import { describeConformance } from 'lambda-conformance/vitest';");
    expect(test).toContain("describeConformance(new URL('./lambda.yaml', import.meta.url));");
  });

  it('writes a workflow: checkout, Node 20, npm ci, the emulator, the suite, and always the reports and counterexamples', async () => {
    const dir = await tempDir();
    const start = 'npx my-emulator --port 4566';
    await cli('init', '--dir', dir, '--start', start);
    const steps = stepsOf(await readFile(join(dir, WORKFLOW_FILE), 'utf8'));
    expect(steps.map((s) => s.name ?? s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'Start the emulator',
      'Wait for the emulator',
      'Lambda conformance',
      'Keep the reports and counterexamples',
    ]);
    expect(steps[1]?.with).toMatchObject({ 'node-version': 20 });
    expect(steps[3]?.run).toContain(`nohup ${start} > emulator.log 2>&1 &`);
    expect(steps[4]?.run).toContain('http://127.0.0.1:4566/2015-03-31/functions/');
    expect(steps[5]?.run).toBe(`npx lambda-conformance run ${SCENARIO_FILE}`);
    const upload = steps[6];
    expect(upload?.uses).toBe('actions/upload-artifact@v4');
    expect(upload?.if).toBe('always()');
    expect(String(upload?.with?.['path']).trim().split('\n')).toEqual([
      `${REPORTS_DIR}/`,
      `${COUNTEREXAMPLES_DIR}/`,
    ]);
  });

  it('marks the start step TODO, failing with what to do, when no --start is given', async () => {
    const dir = await tempDir();
    const result = await cli('init', '--dir', dir);
    expect(result.out).toContain('step marked TODO');
    const start = stepsOf(await readFile(join(dir, WORKFLOW_FILE), 'utf8'))[3];
    expect(start?.name).toBe('Start the emulator (TODO)');
    expect(start?.run).toContain('exit 1');
  });

  it('never overwrites: when a file exists it names it, exits 2 and writes nothing', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.github', 'workflows'), { recursive: true });
    await writeFile(join(dir, WORKFLOW_FILE), 'mine\n');
    const result = await cli('init', '--dir', dir);
    expect(result).toEqual({
      code: 2,
      out: '',
      err: `init: ${WORKFLOW_FILE} already exists in ${dir}; nothing was written (init never overwrites a file).`,
    });
    expect(await readFile(join(dir, WORKFLOW_FILE), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, SCENARIO_FILE))).toBe(false);
    expect(existsSync(join(dir, TEST_FILE))).toBe(false);
  });

  it('refuses a bad flag in one line', async () => {
    expect(await cli('init', '--endpoint', 'localhost:4566')).toEqual({
      code: 2,
      out: '',
      err: "--endpoint: expected an http:// or https:// URL, got 'localhost:4566'.",
    });
    expect((await cli('init', '--name', 'my name')).err).toBe(
      "--name: expected a name of letters, digits, ., - and _ (at most 64), got 'my name'.",
    );
  });

  it('writes a scenario that runs as written against an emulator, conformant', async () => {
    const emulator = await startEmulator({ port: 0, pendingMs: 100, updateMs: 100 });
    try {
      const dir = await tempDir();
      await cli('init', '--dir', dir, '--endpoint', emulator.url, '--runs', '3');
      const result = await cli('run', join(dir, SCENARIO_FILE), '--max-commands', '8');
      expect([result.code, result.err]).toEqual([0, '']);
      const record = await readRecord(join(dir, REPORTS_DIR));
      expect(record.verdict).toBe('conformant');
      expect(record.target).toMatchObject({ name: 'aws', endpoint: emulator.url });
    } finally {
      await emulator.close();
    }
  });
});
