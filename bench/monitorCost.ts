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
