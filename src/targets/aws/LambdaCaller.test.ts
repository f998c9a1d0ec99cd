import { describe, expect, it } from 'vitest';
import { ApiBudget } from './ApiBudget.ts';
import { classifyFailure } from './classifyFailure.ts';
import { LambdaCaller } from './LambdaCaller.ts';

function serviceError(name: string, status: number, extra: object = {}): Error {
  return Object.assign(new Error(`${name} message`), {
    name,
    $metadata: { httpStatusCode: status },
    ...extra,
  });
}

const clear = { timedOut: false, aborted: false };

describe('classifyFailure', () => {
  it('separates answers, throttling, transient trouble, timeouts and aborts', () => {
    expect(classifyFailure(serviceError('ResourceConflictException', 409), clear)).toEqual({
      kind: 'answer',
      type: 'ResourceConflictException',
      status: 409,
      message: 'ResourceConflictException message',
    });
    expect(classifyFailure(serviceError('ResourceNotReadyException', 502), clear).kind).toBe(
      'answer',
    );
    expect(
      classifyFailure(
        serviceError('TooManyRequestsException', 429, { retryAfterSeconds: '2' }),
        clear,
      ),
    ).toMatchObject({ kind: 'throttled', retryAfterMs: 2000 });
    for (const status of [500, 503, 504]) {
      expect(classifyFailure(serviceError('ServiceException', status), clear).kind).toBe(
        'transient',
      );
    }
    const network = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classifyFailure(network, clear)).toMatchObject({ kind: 'transient' });
    expect(classifyFailure(new Error('x'), { timedOut: true, aborted: false })).toEqual({
      kind: 'timeout',
    });
    expect(classifyFailure(new Error('x'), { timedOut: true, aborted: true })).toEqual({
      kind: 'aborted',
    });
  });
});

describe('LambdaCaller', () => {
  function caller(sleeps: number[], random = () => 0.5, limit = 100): LambdaCaller {
    return new LambdaCaller({
      budget: new ApiBudget(limit),
      callTimeoutMs: 1000,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random,
    });
  }

  it('backs off with full jitter under a doubling, capped ceiling', async () => {
    const sleeps: number[] = [];
    const outcome = await caller(sleeps).call(
      'GetFunction',
      () => Promise.reject(serviceError('ServiceException', 503)),
      { idempotent: true },
    );
    expect(outcome).toEqual({
      kind: 'inconclusive',
      reason: 'GetFunction: ServiceException (503): ServiceException message after 4 attempts',
    });
    expect(sleeps).toEqual([50, 100, 150]);
  });

  it('does not retry a mutating call after a 5xx but does after a throttle', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const once = await caller(sleeps).call(
      'UpdateFunctionCode',
      () => {
        calls += 1;
        return Promise.reject(serviceError('ServiceException', 500));
      },
      { idempotent: false },
    );
    expect(calls).toBe(1);
    expect(once.kind === 'inconclusive' && once.reason).toContain('not retried');
    const throttledOnce = await caller(sleeps).call(
      'UpdateFunctionCode',
      () =>
        calls++ === 1
          ? Promise.reject(serviceError('TooManyRequestsException', 429))
          : Promise.resolve('done'),
      { idempotent: false },
    );
    expect(throttledOnce).toEqual({ kind: 'ok', value: 'done' });
  });

  it('returns service refusals as errors without retrying', async () => {
    const sleeps: number[] = [];
    const outcome = await caller(sleeps).call(
      'Invoke',
      () => Promise.reject(serviceError('ResourceConflictException', 409)),
      { idempotent: false },
    );
    expect(outcome).toMatchObject({
      kind: 'error',
      type: 'ResourceConflictException',
      status: 409,
    });
    expect(sleeps).toEqual([]);
  });

  it('refuses to send beyond the budget, except for cleanup', async () => {
    const limited = caller([], () => 0, 1);
    await limited.call('GetFunction', () => Promise.resolve(1), { idempotent: true });
    await expect(
      limited.call('GetFunction', () => Promise.resolve(1), { idempotent: true }),
    ).rejects.toMatchObject({ code: 'API_BUDGET_EXHAUSTED' });
    await expect(
      limited.call('DeleteFunction', () => Promise.resolve(1), { idempotent: true, cleanup: true }),
    ).resolves.toEqual({ kind: 'ok', value: 1 });
  });

  it('returns inconclusive at once when the run is already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    let sent = false;
    const outcome = await caller([]).call(
      'GetFunction',
      () => {
        sent = true;
        return Promise.resolve(1);
      },
      { idempotent: true, signal: abort.signal },
    );
    expect(sent).toBe(false);
    expect(outcome.kind === 'inconclusive' && outcome.reason).toContain('aborted');
  });
});
