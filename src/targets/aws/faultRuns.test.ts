import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFunctionNames, readRecord } from '../../cli/awsCli.testkit.ts';
import { cli, tempDir } from '../../cli/cli.testkit.ts';
import { startEmulator } from '../../emulator/startEmulator.ts';
import type { Emulator } from '../../emulator/startEmulator.ts';
import { PROXY_FAULTS, startFaultProxy } from './faultProxy.testkit.ts';
import type { FaultProxy, FaultProxyOptions, ProxyFault } from './faultProxy.testkit.ts';
import { controlEventRequests } from '../../emulator/controlRoutes.ts';

/** Quick emulator delays: a sequence settles in a few hundred milliseconds. */
const QUICK = { pendingMs: 100, updateMs: 100, versionMs: 50, reactivateMs: 100 } as const;

/** The aws target's call timeout: what ends a never-answered request. */
const CALL_TIMEOUT_MS = 2000;

/** How each fault is played, where it differs from 5% of requests and the defaults. */
const PLAY: Readonly<Partial<Record<ProxyFault, Partial<FaultProxyOptions>>>> = {
  // The 2–10 s, unscaled: the call timeout of that run is raised above them.
  delay: { delayMs: [2000, 10_000] },
  outage: { outageMs: 3000, outageAfter: 12 },
};

/** Call timeouts that differ from {@link CALL_TIMEOUT_MS}. */
const CALL_TIMEOUT: Readonly<Partial<Record<ProxyFault, number>>> = { delay: 11_000 };

/** A scenario for the aws target through `proxy`; events go to the emulator's control API directly. */
async function proxiedScenario(
  dir: string,
  emulator: Emulator,
  proxy: FaultProxy,
  callTimeoutMs: number,
): Promise<string> {
  const events = controlEventRequests(emulator.url);
  const scenario = {
    name: 'fault-proxy',
    spec: resolve('spec/lambda-lifecycle.yaml'),
    target: {
      name: 'aws',
      endpoint: proxy.url,
      events,
      imageUris: [1, 2, 3].map((n) => `conformance.local/handler:c${String(n)}`),
      callTimeoutMs,
    },
    runs: 6,
    maxCommands: 12,
    seed: 20261123,
    functions: 1,
    weights: { Wait: 0, Settle: 2, CreateFunction: 8 },
    timeBudget: '60s',
    reporters: ['json'],
  };
  const file = join(dir, 'fault-proxy.yaml');
  await writeFile(file, `${JSON.stringify(scenario, null, 2)}\n`);
  return file;
}

// Concurrent: most of a run's time is waiting (delays, timeouts, the outage), not computing.
describe.concurrent(
  'runs through a fault-injecting proxy in front of the emulator (issue 13, Done means)',
  () => {
    it.each(PROXY_FAULTS)(
      '%s: exit 0 or 3, no divergence, a report, and no function left on the emulator',
      async (fault) => {
        const emulator = await startEmulator({ ...QUICK, host: '127.0.0.1', port: 0 });
        const proxy = await startFaultProxy({
          upstream: emulator.url,
          fault,
          rate: 0.05,
          seed: 13,
          ...PLAY[fault],
        });
        try {
          const dir = await tempDir();
          const timeout = CALL_TIMEOUT[fault] ?? CALL_TIMEOUT_MS;
          const scenario = await proxiedScenario(dir, emulator, proxy, timeout);
          const r = await cli('run', scenario, '--out', dir, '--no-save');
          const record = await readRecord(dir);
          expect(record.divergences).toEqual([]);
          expect([0, 3], `exit ${String(r.code)}: ${r.err}`).toContain(r.code);
          expect(record.verdict).toBe(r.code === 0 ? 'conformant' : 'inconclusive');
          expect(record.operations).toBeGreaterThan(20);
          // The fault was really played.
          expect(proxy.stats.injected).toBeGreaterThan(0);
          // Listed on the emulator itself, not through the proxy.
          expect(await listFunctionNames(emulator)).toEqual([]);
        } finally {
          await proxy.close();
          await emulator.close();
        }
      },
      60_000,
    );
  },
);
