import { describe, expect, it } from 'vitest';
import { ApiBudget } from './ApiBudget.ts';
import { classifyFailure } from './classifyFailure.ts';
import { LambdaCaller } from './LambdaCaller.ts';
import { MalformedAnswer } from './MalformedAnswer.ts';

/** An error as the SDK builds it from a readable error answer: `$fault` says it read the body. */
function serviceError(name: string, status: number, extra: object = {}): Error {
  return Object.assign(new Error(`${name} message`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    ...extra,
  });
}

/** An error as the SDK throws it when it could not read the answer's body: no `$fault`. */
function unreadable(status: number, message: string): Error {
  return Object.assign(
    new SyntaxError(`${message}\n  Deserialization error: to see the raw response…`),
    {
      $metadata: { httpStatusCode: status },
    },
  );
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

describe('classifyFailure: only a well-formed Lambda answer is judged', () => {
  it('takes an HTML or cut body as unreadable under any status, 2xx included', () => {
    for (const status of [502, 503, 404, 200, 201]) {
      const failure = classifyFailure(
        unreadable(status, `Unexpected token '<', "<html>" is not valid JSON`),
        clear,
      );
      expect(failure.kind).toBe('transient');
      expect(failure.kind === 'transient' && failure.detail).toBe(
        `unreadable answer, SyntaxError (${String(status)}): Unexpected token '<', "<html>" is not valid JSON`,
      );
    }
    const cut = Object.assign(new Error('aborted'), {
      code: 'ECONNRESET',
      $metadata: { httpStatusCode: 200 },
    });
    expect(classifyFailure(cut, clear).kind).toBe('transient');
  });

  it('takes throttling under any status and any of the SDK throttling names as throttling', () => {
    for (const [name, status] of [
      ['ThrottlingException', 400],
      ['TooManyRequestsException', 429],
      ['ThrottlingException', 429],
      ['Throttling', 400],
      ['EC2ThrottledException', 502],
      ['Unknown', 429],
    ] as const) {
      expect(classifyFailure(serviceError(name, status), clear).kind).toBe('throttled');
    }
    // Even when the throttling answer's body could not be read.
    expect(classifyFailure(unreadable(429, 'Unexpected token'), clear).kind).toBe('throttled');
  });

  it('judges documented Lambda error types only, a 502 ResourceNotReadyException included', () => {
    expect(classifyFailure(serviceError('ResourceNotReadyException', 502), clear)).toMatchObject({
      kind: 'answer',
      status: 502,
    });
    expect(classifyFailure(serviceError('PreconditionFailedException', 412), clear).kind).toBe(
      'answer',
    );
    for (const [name, status] of [
      ['ServiceException', 500],
      ['Unknown', 503],
      ['Unknown', 400],
      ['ForbiddenException', 403],
      ['RequestTimeoutException', 408],
    ] as const) {
      expect(classifyFailure(serviceError(name, status), clear).kind).toBe('transient');
    }
  });

  it('takes a well-formed 2xx of the wrong shape (MalformedAnswer) as unreadable', () => {
    const failure = classifyFailure(
      new MalformedAnswer(
        201,
        'CreateFunction answered 201 with no function configuration in the body',
      ),
      clear,
    );
    expect(failure).toEqual({
      kind: 'transient',
      detail:
        'unreadable answer: CreateFunction answered 201 with no function configuration in the body',
    });
  });

  it('keeps the whole message of an answer, and a short first line of a fault', () => {
    const long = 'x'.repeat(300);
    expect(
      classifyFailure(serviceError('ResourceConflictException', 409, { message: long }), clear),
    ).toMatchObject({ message: long });
    const html = classifyFailure(unreadable(502, long), clear);
    expect(html.kind === 'transient' && html.detail.length).toBeLessThan(260);
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

  it('keeps to a deadline: no retry starts past it, no backoff sleeps past it, each attempt asks its timeout', async () => {
    const sleeps: number[] = [];
    const timeouts = [700, 400, 100];
    const asked: number[] = [];
    let attempts = 0;
    const outcome = await caller(sleeps).call(
      'DeleteFunction',
      () => {
        attempts += 1;
        return Promise.reject(serviceError('ServiceException', 503));
      },
      {
        idempotent: true,
        cleanup: true,
        requestTimeoutMs: () => {
          const ms = timeouts[asked.length] ?? 0;
          asked.push(ms);
          return ms;
        },
        // After the first attempt 20 ms are left (the backoff would sleep 50); after the second,
        // none.
        deadline: () => (attempts === 1 ? Date.now() + 20 : 0),
      },
    );
    expect(outcome).toEqual({
      kind: 'inconclusive',
      reason: 'DeleteFunction: ServiceException (503): ServiceException message after 2 attempts',
    });
    expect(asked).toEqual([700, 400]);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeLessThanOrEqual(20);
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

  it('stops waiting before a retry when the run is aborted, and sends nothing more', async () => {
    const abort = new AbortController();
    // A backoff that would never end by itself (a long Retry-After).
    const held = new LambdaCaller({
      budget: new ApiBudget(100),
      callTimeoutMs: 1000,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 },
      sleep: () => new Promise<void>(() => undefined),
    });
    let sent = 0;
    const outcome = held.call(
      'GetFunction',
      () => {
        sent += 1;
        setTimeout(() => abort.abort(), 10);
        return Promise.reject(serviceError('ThrottlingException', 429));
      },
      { idempotent: true, signal: abort.signal },
    );
    expect(await outcome).toEqual({
      kind: 'inconclusive',
      reason: 'GetFunction: aborted, the run was interrupted',
    });
    expect(sent).toBe(1);
  });

  it('tells onSilence of every request that got no answer, and how long none has', async () => {
    const heard: { requests: number; detail: string }[] = [];
    const silent = new LambdaCaller({
      budget: new ApiBudget(100),
      callTimeoutMs: 1000,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      sleep: () => Promise.resolve(),
      onSilence: ({ requests, detail }) => heard.push({ requests, detail }),
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await silent.call('GetFunction', () => Promise.reject(refused), { idempotent: true });
    expect(heard.map((h) => h.requests)).toEqual([1, 2, 3]);
    expect(heard[0]?.detail).toMatch(/network error/);
    expect(silent.silentSince).toBeTypeOf('number');
    // Any answer, a refusal included, ends the silence.
    await silent.call(
      'GetFunction',
      () => Promise.reject(serviceError('ResourceNotFoundException', 404)),
      {
        idempotent: true,
      },
    );
    expect(silent.silentSince).toBeUndefined();
  });
});
