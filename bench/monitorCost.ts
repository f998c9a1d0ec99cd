import { FunctionMonitor } from '../src/monitor/Monitor.ts';
import type { Spec } from '../src/spec/Spec.ts';
import { createMemoryTarget } from '../src/targets/memory/MemoryTarget.ts';
import type { Operation } from '../src/lambda/Operation.ts';

/**
 * Monitor cost per step as one function's trace grows: a long, valid life (create, updates,
 * invocations, publishes, waits) on the memory target, timed in buckets of `bucket` steps.
 */
export async function monitorCost(
  spec: Spec,
  steps: number,
  bucket: number,
): Promise<{ perStepMicros: number[]; largestSet: number }> {
  const target = createMemoryTarget();
  const session = await target.open({
    runId: 'bench',
    timing: { provisionMs: 500, updateMs: 800, versionMs: 300, reactivateMs: 500 },
  });
  const monitor = new FunctionMonitor(spec, { reading: 'seed' });
  const cycle: Operation[] = [
    { name: 'UpdateFunctionCode', fn: 'fn0', args: { code: 2, revisionId: 'none' } },
    { name: 'Invoke', fn: 'fn0', args: {} },
    { name: 'GetFunction', fn: 'fn0', args: {} },
    { name: 'UpdateFunctionConfiguration', fn: 'fn0', args: { config: 3, revisionId: 'none' } },
    { name: 'PublishVersion', fn: 'fn0', args: { revisionId: 'none' } },
    { name: 'TagResource', fn: 'fn0', args: {} },
    { name: 'GetFunctionConfiguration', fn: 'fn0', args: {} },
  ];
  const create: Operation = {
    name: 'CreateFunction',
    fn: 'fn0',
    args: { packageType: 'Zip', code: 1, config: 1 },
  };
  const t0 = session.now();
  monitor.step(create, await session.apply(create), t0, t0);
  const perStepMicros: number[] = [];
  let elapsed = 0;
  for (let i = 0; i < steps; i++) {
    const op = cycle[i % cycle.length] ?? create;
    await session.advance(i % 3 === 0 ? 1_000 : 200);
    const obs = await session.apply(op);
    const at = session.now();
    const start = performance.now();
    const verdict = monitor.step(op, obs, at, at);
    elapsed += performance.now() - start;
    if (verdict.kind === 'divergence')
      throw new Error(
        `bench trace diverged at step ${i}: ${JSON.stringify(verdict.expectations[0])}`,
      );
    if ((i + 1) % bucket === 0) {
      perStepMicros.push(Math.round((elapsed / bucket) * 1000 * 10) / 10);
      elapsed = 0;
    }
  }
  await session.close();
  return { perStepMicros, largestSet: monitor.largestSet };
}

/** Per-step monitor cost with one possible state and with several, and how many several was. */
export interface SetSizeCost {
  readonly oneStateMicros: number;
  readonly manyStatesMicros: number;
  readonly manyStates: number;
  /** manyStatesMicros / oneStateMicros. */
  readonly ratio: number;
}

const CREATE: Operation = {
  name: 'CreateFunction',
  fn: 'fn0',
  args: { packageType: 'Zip', code: 1, config: 1 },
};
const LIST_VERSIONS: Operation = { name: 'ListVersionsByFunction', fn: 'fn0', args: {} };

/**
 * A monitor of a function created and seen Active (one possible state, nothing pending), or, with
 * `unknownUpdates`, one whose code and configuration updates were then made without their answers
 * (inconclusive): updates in progress or done, the function's RevisionId unknown, async transitions
 * pending (7 possible states with the shipped spec).
 */
async function monitorWith(
  spec: Spec,
  unknownUpdates: boolean,
): Promise<{ monitor: FunctionMonitor; step: () => Promise<void> }> {
  const target = createMemoryTarget();
  const session = await target.open({
    runId: 'bench',
    timing: { provisionMs: 500, updateMs: 10 * 60_000, versionMs: 300, reactivateMs: 500 },
  });
  const monitor = new FunctionMonitor(spec, { reading: 'seed' });
  const observe = async (op: Operation, known = true): Promise<void> => {
    const obs = await session.apply(op);
    const at = session.now();
    const verdict = monitor.step(
      op,
      known ? obs : { kind: 'inconclusive', reason: 'bench' },
      at,
      at,
    );
    if (verdict.kind === 'divergence') throw new Error(`bench step ${op.name} diverged`);
  };
  await observe(CREATE);
  await session.advance(1_000);
  await observe({ name: 'GetFunction', fn: 'fn0', args: {} });
  if (unknownUpdates) {
    await observe(
      { name: 'UpdateFunctionCode', fn: 'fn0', args: { code: 2, revisionId: 'none' } },
      false,
    );
    await observe(
      { name: 'UpdateFunctionConfiguration', fn: 'fn0', args: { config: 2, revisionId: 'none' } },
      false,
    );
  }
  // Each timed step lists the versions 1 ms later: it narrows nothing, and 20,000 of them stay
  // well within the spec's 5-minute bounds, so the set keeps its size.
  const obs = await session.apply(LIST_VERSIONS);
  let at = session.now();
  return {
    monitor,
    step: () => {
      at += 1;
      monitor.step(LIST_VERSIONS, obs, at, at);
      return Promise.resolve();
    },
  };
}

/**
 * Per-step cost by possible-state-set size: the same step (ListVersionsByFunction) timed `steps`
 * times on a monitor with one possible state and on one with several (async transitions pending);
 * each figure is the median of `rounds` alternating rounds.
 */
export async function setSizeCost(spec: Spec, steps: number, rounds = 5): Promise<SetSizeCost> {
  const one: number[] = [];
  const many: number[] = [];
  let manyStates = 0;
  for (let round = 0; round < rounds; round++) {
    for (const unknownUpdates of [false, true]) {
      const { monitor, step } = await monitorWith(spec, unknownUpdates);
      const start = performance.now();
      for (let i = 0; i < steps; i++) await step();
      const micros = ((performance.now() - start) / steps) * 1000;
      if (unknownUpdates) {
        many.push(micros);
        manyStates = monitor.possibleStates.length;
      } else one.push(micros);
    }
  }
  const oneStateMicros = median(one);
  const manyStatesMicros = median(many);
  return {
    oneStateMicros: Math.round(oneStateMicros * 100) / 100,
    manyStatesMicros: Math.round(manyStatesMicros * 100) / 100,
    manyStates,
    ratio: Math.round((manyStatesMicros / oneStateMicros) * 100) / 100,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
