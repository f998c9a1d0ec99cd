import { describe, expect, it } from 'vitest';
import { expandTemplate } from './sendEventRequest.ts';
import { isTaggedBy, MAX_FUNCTION_NAME, realFunctionName, runTags } from './runLabels.ts';

describe('realFunctionName', () => {
  it('is <prefix>-<runId>-<fn>, with characters a name cannot hold replaced', () => {
    expect(realFunctionName('lc', 'r1', 'fn0')).toBe('lc-r1-fn0');
    expect(realFunctionName('lc', 'seed:42/run 3', 'fn1')).toBe('lc-seed-42-run-3-fn1');
  });

  it('hashes a long run id to stay within 64 characters, keeping the prefix', () => {
    const name = realFunctionName('lc', 'x'.repeat(80), 'fn0');
    expect(name.length).toBeLessThanOrEqual(MAX_FUNCTION_NAME);
    expect(name).toMatch(/^lc-[0-9a-f]{12}-fn0$/);
    expect(realFunctionName('lc', 'y'.repeat(80), 'fn0')).not.toBe(name);
  });

  it('rejects logical names that cannot be part of a function name', () => {
    expect(() => realFunctionName('lc', 'r', 'fn 0')).toThrow(/fn 0/);
  });

  it('tags with the run and the creation time', () => {
    const tags = runTags('r:1', new Date(0));
    expect(tags).toEqual({
      'lambda-conformance:run': 'r-1',
      'lambda-conformance:created': '1970-01-01T00:00:00.000Z',
    });
    expect(isTaggedBy(tags, 'r:1')).toBe(true);
    expect(isTaggedBy(tags, 'r:2')).toBe(false);
    expect(isTaggedBy(undefined, 'r:1')).toBe(false);
  });
});

describe('expandTemplate', () => {
  it('fills placeholders in every string of a JSON value', () => {
    const vars = {
      functionName: 'lc-r-fn0',
      functionArn: 'arn:x',
      region: 'us-east-1',
      event: 'idle-reclaim',
      endpoint: 'http://127.0.0.1:4566',
    };
    expect(
      expandTemplate(
        {
          a: '{event}:{functionName}',
          b: ['{region}', 3, null],
          c: '{unknown}',
          d: '{endpoint}/_conformance/events',
        },
        vars,
      ),
    ).toEqual({
      a: 'idle-reclaim:lc-r-fn0',
      b: ['us-east-1', 3, null],
      c: '{unknown}',
      d: 'http://127.0.0.1:4566/_conformance/events',
    });
  });
});
