import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCounterexample, type Counterexample } from '../runner/Counterexample.ts';
import { capWaits } from '../runner/generateSequences.ts';
import type { ReplayOutcome } from '../runner/replay.ts';
import { MUTANTS } from '../targets/memory/mutants.ts';
import { onEmulator, replayOn } from './awsCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';

/**
 * Real time cannot wait out the spec's 5-minute bounds, so these tests run on a time-compressed copy
 * of the spec: every `within: 5m` becomes {@link BOUND}, and every simulated delay is drawn well
 * below it (but well above an HTTP round trip). Memory target and emulator then play the same
 * lifecycle at a scale real time can afford; nothing else in the spec changes.
 */
const BOUND = '4s';
const BOUND_MS = 4_000;
/** Waits longer than every delay and bound stay longer than all of them when shortened to this. */
const LONGEST_WAIT_MS = BOUND_MS + 1_000;

/** Copies spec/ (with its sources) to `dir` with the time bounds compressed; returns the spec file. */
async function compressedSpec(dir: string): Promise<string> {
  const specDir = join(dir, 'spec');
  await cp(resolve('spec'), specDir, { recursive: true });
  const file = join(specDir, 'lambda-lifecycle.yaml');
  const text = await readFile(file, 'utf8');
  const compressed = text.replaceAll('within: 5m', `within: ${BOUND}`);
  expect(compressed).not.toBe(text);
  expect(compressed).not.toMatch(/within: (?!4s)/);
  await writeFile(file, compressed);
  return file;
}

/** A memory-target scenario on the compressed spec with delays real time can replay. */
async function memoryScenario(dir: string, spec: string): Promise<string> {
  const scenario = {
    name: 'memory-real-time-scale',
    spec,
    target: { name: 'memory' },
    runs: 20_000,
    maxCommands: 20,
    seed: 20261123,
    functions: 1,
    // A waiter that does not succeed polls its whole budget on real time (FunctionUpdatedV2 of a
    // stuck update: 300 s), far past a replay's timeout: the counterexamples replayed here use none.
    weights: {
      WaitFunctionActiveV2: 0,
      WaitFunctionUpdatedV2: 0,
      WaitFunctionExists: 0,
      WaitPublishedVersionActive: 0,
    },
    timing: {
      provisionMs: [400, 800],
      updateMs: [400, 800],
      versionMs: [300, 600],
      reactivateMs: [400, 800],
    },
    timeBudget: '20s',
    reporters: ['json'],
  };
  const file = join(dir, 'memory-real-time-scale.yaml');
  await writeFile(file, JSON.stringify(scenario));
  return file;
}

function ruleOf(outcome: ReplayOutcome): string | undefined {
  const verdict = outcome.divergence?.explain().verdict;
  return verdict?.expectations[0]?.ruleId ?? verdict?.rules[0];
}

let dir: string;
let spec: string;

beforeAll(async () => {
  dir = await tempDir();
  spec = await compressedSpec(dir);
});

/**
 * Where real time decides which read shows the mutant: the stored configuration shows at the next
 * read, of a function still Pending or already Active depending on how long provisioning took.
 */
const ALSO_SHOWN_BY: Readonly<Record<string, readonly string[]>> = {
  'pending-refused-config-stored': ['get-pending-creating', 'get-active'],
  // The failed update reported as Successful shows at the next GetFunction: while the function is
  // still being restored, or, when the restore has finished by then (a loaded machine), Active.
  'failed-update-reports-successful': ['get-pending-restoring', 'get-active'],
  // The publish accepted during an update shows at the next Invoke or GetFunction of the function,
  // depending on whether the update has finished by then.
  'publish-while-updating': ['invoke-active', 'get-active'],
  // The second update accepted during the first shows at the update itself or at the next read,
  // depending on whether the first has finished by then.
  'update-while-updating': [
    'update-code',
    'update-configuration',
    'update-code-in-progress',
    'update-configuration-in-progress',
    'get-updating',
    'get-active',
  ],
  // The unchanged RevisionId shows at the first read after a transition, in whichever state the
  // function has reached by then.
  'static-revision-on-transition': ['get-active', 'get-inactive-idle', 'get-inactive'],
  // The missing RevisionId shows at the first read, Pending or already Active.
  'no-revision-id': ['get-pending-creating', 'get-active'],
};

describe('every mutant is caught over HTTP', () => {
  const found = new Map<string, Counterexample>();

  // The memory runs come first and alone: they keep the CPU busy, which would skew the real-time
  // replays if they ran alongside them.
  beforeAll(async () => {
    const scenario = await memoryScenario(dir, spec);
    for (const { name } of MUTANTS) {
      const regressions = await mkdtemp(join(dir, `cx-${name}-`));
      const r = await cli(
        'run',
        scenario,
        '--mutant',
        name,
        '--regressions',
        regressions,
        '--out',
        regressions,
        '--reporter',
        'json',
        // The first divergence, shrunk, is what each replay needs.
        '--bail',
      );
      const [file] = (await readdir(regressions)).filter((f) => f !== 'run.json');
      if (r.code === 1 && file !== undefined)
        found.set(name, await loadCounterexample(join(regressions, file)));
    }
  }, 240_000);

  // Each replay has its own emulator and mostly waits on timers, so they run side by side.
  it.concurrent.for(MUTANTS.map((m) => m.name))(
    '%s: the counterexample the memory target found diverges on the emulator too, and only there',
    async (name, { expect }) => {
      const cx = found.get(name);
      expect(cx, `the memory target found no counterexample for ${name}`).toBeDefined();
      if (cx === undefined) return;
      const outcome = await onEmulator(spec, cx.timing, [name], (run) =>
        replayOn(run, cx.timing, capWaits(cx.commands, LONGEST_WAIT_MS)),
      );
      const trace = outcome.trace.map((t) => `${t.command} → ${t.observation} [${t.verdict}]`);
      expect(outcome.verdict, `${cx.text.join('; ')}\n${trace.join('\n')}`).toBe('divergence');
      expect([cx.expected.ruleId, ...(ALSO_SHOWN_BY[name] ?? [])]).toContain(ruleOf(outcome));
      // The same sequence on a faithful emulator with the same delays conforms: the mutant is what
      // diverges, not the replay's timing.
      const faithful = await onEmulator(spec, cx.timing, [], (run) =>
        replayOn(run, cx.timing, capWaits(cx.commands, LONGEST_WAIT_MS)),
      );
      expect(faithful.verdict).toBe('conformant');
    },
  );
});
