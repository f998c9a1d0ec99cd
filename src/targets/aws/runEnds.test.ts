import { describe, expect, it } from 'vitest';
import { emulatorScenario, listFunctionNames, readRecord } from '../../cli/awsCli.testkit.ts';
import { cli, tempDir } from '../../cli/cli.testkit.ts';
import { resolveRun } from '../../run/resolveRun.ts';
import { runConformance } from '../../runner/runConformance.ts';
import { startEmulator } from '../../emulator/startEmulator.ts';
import { createAwsTarget } from './createAwsTarget.ts';
import { startFaultProxy } from './faultProxy.testkit.ts';

const QUICK = { pendingMs: 100, updateMs: 100, versionMs: 50, reactivateMs: 100 } as const;

describe('a run ends with its report (issue 13, the parts in the runner engine)', () => {
  it('a time budget that ends before the first sequence: exit 3, a report, 0 operations', async () => {
    const out = await tempDir();
    const r = await cli(
      'run',
      'scenarios/default.yaml',
      '--time-budget',
      '1ms',
      '--out',
      out,
      '--no-save',
      '--reporter',
      'json',
    );
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(3);
    const record = await readRecord(out);
    expect(record.stoppedBy).toBe('time-budget');
    expect(record.operations).toBe(0);
    // Nothing was checked: not conformant.
    expect(record.verdict).toBe('inconclusive');
  });

  it('functions a session cannot delete make the run inconclusive, naming the cleanup command', async () => {
    const emulator = await startEmulator({ ...QUICK, host: '127.0.0.1', port: 0 });
    let broken = true;
    const proxy = await startFaultProxy({
      upstream: emulator.url,
      fault: 'serverError',
      rate: 1,
      match: (method) => broken && method === 'DELETE',
    });
    try {
      const dir = await tempDir();
      const scenario = await emulatorScenario(dir, emulator, {
        runs: 2,
        maxCommands: 4,
        weights: { Wait: 0, Settle: 0, Inject: 0, DeleteFunction: 0, CreateFunction: 20 },
      });
      const { run, opened } = await resolveRun(scenario, { save: false }, { commandLine: 'test' });
      // The cleanup deadline cannot be set from a scenario: the target is built here, on the proxy.
      const target = createAwsTarget({
        endpoint: proxy.url,
        callTimeoutMs: 1000,
        cleanupTimeoutMs: 300,
        retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
      });
      try {
        const record = await runConformance({ ...run, target });
        expect(record.divergences).toEqual([]);
        expect(record.verdict).toBe('inconclusive');
        const cleanups = record.inconclusive.filter((i) => i.command === 'cleanup');
        expect(cleanups.length).toBeGreaterThan(0);
        for (const { reason } of cleanups) {
          expect(reason).toMatch(
            /^could not delete lc-\w+-fn0: DeleteFunction: ServiceException \(500\).*; remove what is left with: lambda-conformance cleanup --endpoint http:\/\/127\.0\.0\.1:\d+ --region us-east-1 --run \w+$/,
          );
        }
        const left = await listFunctionNames(emulator);
        expect(left.length).toBe(cleanups.length);
        // The commands named remove exactly what was left.
        broken = false;
        for (const { reason } of cleanups) {
          const command = reason.slice(reason.indexOf('lambda-conformance cleanup'));
          const r = await cli(...command.split(' ').slice(1));
          expect(r.code).toBe(0);
        }
        expect(await listFunctionNames(emulator)).toEqual([]);
      } finally {
        target.dispose();
        await opened.dispose();
      }
    } finally {
      await proxy.close();
      await emulator.close();
    }
  });
});
