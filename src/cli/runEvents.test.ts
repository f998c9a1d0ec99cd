import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { cli, readRecord, tempDir } from './cli.testkit.ts';

/** The record's note on the events the target cannot produce. */
function eventNote(leftOut: readonly string[]): string | undefined {
  return leftOut.find((l) => l.startsWith('Inject:'));
}

describe('run --events FILE: an event mapping as a flag', () => {
  let emulator: Emulator;
  let dir: string;
  let scenario: string;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, pendingMs: 0, updateMs: 50 });
    dir = await tempDir();
    scenario = join(dir, 'no-events.yaml');
    // An external endpoint with no event mapping of its own (JSON is YAML).
    await writeFile(
      scenario,
      JSON.stringify({
        name: 'no-events',
        spec: resolve('spec/lambda-lifecycle.yaml'),
        target: { name: 'aws', endpoint: emulator.url },
        runs: 2,
        maxCommands: 4,
        seed: 1,
        functions: 1,
        weights: { Wait: 0, Settle: 0 },
        reporters: ['json'],
      }),
    );
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('maps the events the file names, replacing the scenario mapping', async () => {
    const out = join(dir, 'without');
    expect((await cli('run', scenario, '--out', out, '--no-save')).code).toBe(0);
    expect(eventNote((await readRecord(out)).target.leftOut)).toBe(
      'Inject: the target cannot produce events idle-reclaim, image-deleted, provisioning-failure, update-failure',
    );
    const events = join(dir, 'events.yaml');
    await writeFile(
      events,
      `update-failure:\n  method: POST\n  url: ${emulator.url}/_conformance/events\n  body: { event: update-failure, functionName: "{functionName}" }\n`,
    );
    const withEvents = join(dir, 'with');
    const r = await cli('run', scenario, '--events', events, '--out', withEvents, '--no-save');
    expect(r.code).toBe(0);
    expect(eventNote((await readRecord(withEvents)).target.leftOut)).toBe(
      'Inject: the target cannot produce events idle-reclaim, image-deleted, provisioning-failure',
    );
  });

  it('refuses a bad event mapping file before the run, naming file:line:col', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'update-failur:\n  method: POST\n  url: http://127.0.0.1:1/x\n');
    const r = await cli('run', scenario, '--events', bad, '--out', join(dir, 'bad'), '--no-save');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:1:1: .*unknown event 'update-failur'.*update-failure/);
    const missing = await cli('run', scenario, '--events', join(dir, 'none.yaml'), '--no-save');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /none\.yaml:1:1: --events: cannot read the event mapping: no such file/,
    );
  });
});
