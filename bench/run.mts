/**
 * `npm run bench`: prints the figures of bench/RESULTS.md. Never part of `npm test`.
 */
import { loadSpec } from '../src/spec/loadSpec.ts';
import { emulatorConcurrency } from './emulatorConcurrency.ts';
import { emulatorRequestRate } from './emulatorRequestRate.ts';
import { harnessOverhead } from './harnessOverhead.ts';
import { monitorCost, setSizeCost } from './monitorCost.ts';
import { packagedStartup } from './packagedStartup.ts';
import { builtStartup, startup } from './startup.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const only = process.argv[2];
// Loaded only by the sections that use it: the start-up sections measure other processes.
const needsSpec = only === undefined || ['overhead', 'monitor'].includes(only);
const spec = needsSpec ? await loadSpec('spec/lambda-lifecycle.yaml') : undefined;

if (spec !== undefined && (only === undefined || only === 'overhead')) {
  await harnessOverhead(spec, 100); // warm-up
  const r = await harnessOverhead(spec, 1000);
  console.log(
    `1. memory target, 1000 sequences (seed 42): harness ${r.harnessOpsPerSec} ops/s (${r.harnessMs} ms), plain fc.asyncModelRun ${r.plainOpsPerSec} ops/s (${r.plainMs} ms), harness/plain time ratio ${r.ratio} (per round: median ${r.medianRoundRatio}, ${r.minRoundRatio}–${r.maxRoundRatio}; CPU time ${r.cpuRatio})`,
  );
}
if (spec !== undefined && (only === undefined || only === 'monitor')) {
  const r = await monitorCost(spec, 20_000, 2_000);
  console.log(
    `2. monitor cost per step (µs) over a 20,000-step trace, per 2,000 steps: ${r.perStepMicros.join(' ')}; largest possible-state set ${r.largestSet}`,
  );
  const s = await setSizeCost(spec, 20_000);
  console.log(
    `2b. monitor cost per step by possible-state set (median of 5 rounds of 20,000 steps): 1 state ${s.oneStateMicros} µs, ${s.manyStates} states ${s.manyStatesMicros} µs, ratio ${s.ratio}`,
  );
}
if (only === undefined || only === 'emulator') {
  const r = await emulatorConcurrency(128, [1, 4, 16]);
  console.log(
    `3. aws target vs emulator (200 ms delays), 128 sequences × ≤8 commands: c1 ${r['c1Ms']} ms, c4 ${r['c4Ms']} ms (×${r['c4Speedup']}), c16 ${r['c16Ms']} ms (×${r['c16Speedup']})`,
  );
}
if (only === undefined || only === 'emulator' || only === 'rate') {
  const r = await emulatorRequestRate();
  console.log(
    `3b. scenarios/emulator.yaml as shipped (100 runs): c16 ${r.c16Ms} ms, c64 ${r.c64Ms} ms (${r.verdicts}); harness at c64 ${r.harnessOpsPerSec} checked operations/s, raw SDK GetFunction loop at 64 ${r.rawSdkPerSec} requests/s (harness ${Math.round((r.harnessOpsPerSec / r.rawSdkPerSec) * 100)}% of raw)`,
  );
}
if (only === undefined || only === 'startup') {
  const r = startup(5);
  console.log(
    `4. start-up: process start → first operation ${r.firstOperationMs} ms (median of 5); whole one-run command ${r.wholeRunMs} ms`,
  );
}
if (only === undefined || only === 'startup' || only === 'help') {
  const b = builtStartup(10);
  console.log(
    `4b. built CLI (--help: dist/cli-bundle/; run: dist/cli-run/main.cjs with its code cache; medians of 10): --help ${b.helpMs} ms (target < 150); run --runs 1 (memory) ${b.oneRunMs} ms (target < 250); bare node -e '' ${b.bareNodeMs} ms; load average ${b.loadAverage}`,
  );
}
if (only === undefined || only === 'help') {
  const r = await packagedStartup(10);
  console.log(
    `5. installed package (medians of 10): lambda-conformance --help ${r.helpMs} ms; run --runs 1 (memory) ${r.oneRunMs} ms, ${r.oneRunUncachedMs} ms with the parse cache off (median of 3, timed after the others); bare node -e '' ${r.bareNodeMs} ms (${r.quietBareNodeMs} ms before the pack; timed after ${r.settledAfterMs} ms of waiting for it); npm pack ${r.packMs} ms, npm ci --offline of the tarball ${r.installMs} ms`,
  );
}
