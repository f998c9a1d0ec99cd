import { describe, expect, it } from 'vitest';
import { formatCommand } from '../commands/HarnessCommand.ts';
import { parseTrace } from './readTrace.ts';
import { traceCommands } from './traceCommands.ts';

const timing = { provisionMs: 0, updateMs: 0, versionMs: 0, reactivateMs: 0 };
const header = (run: string): object => ({
  type: 'run',
  version: 1,
  run,
  target: 'memory',
  mutants: [],
  reading: 'seed',
  spec: { file: 'spec/lambda-lifecycle.yaml', hash: 'h' },
  timing,
});
const get = (run: string, at: number, end = at): object => ({
  type: 'op',
  run,
  at,
  end,
  command: 'GetFunction(fn0)',
  operation: 'GetFunction',
  fn: 'fn0',
  args: {},
  observation: { kind: 'error', type: 'ResourceNotFoundException', status: 404, message: 'x' },
  verdict: 'conformant',
  rules: ['get-absent'],
});
const jsonl = (lines: readonly object[]): string => lines.map((l) => JSON.stringify(l)).join('\n');

describe('parseTrace', () => {
  it('groups interleaved runs by id, in header order, keeping line numbers', () => {
    const runs = parseTrace(
      jsonl([header('a'), header('b'), get('b', 0), get('a', 5), get('b', 9)]),
      't.jsonl',
    );
    expect(runs.map((r) => [r.header.run, r.line, r.steps.map((s) => s.line)])).toEqual([
      ['a', 1, [4]],
      ['b', 2, [3, 5]],
    ]);
  });

  it('names the line and the field of a bad line', () => {
    const bad = { ...get('a', 0), observation: { kind: 'ok' } };
    expect(() => parseTrace(jsonl([header('a'), bad]), 't.jsonl')).toThrow(
      /^t\.jsonl:2: not a trace line: 'observation\.fields': /,
    );
    expect(() => parseTrace(jsonl([header('a'), header('a')]), 't.jsonl')).toThrow(
      "t.jsonl:2: run 'a' is opened twice",
    );
    expect(() => parseTrace(jsonl([{ ...header('a'), version: 2 }]), 't.jsonl')).toThrow(
      /^t\.jsonl:1: not a trace line: 'version'/,
    );
  });
});

describe('traceCommands', () => {
  it('folds the look an Inject makes into it and replays Settle pauses as waits', () => {
    const [run] = parseTrace(
      jsonl([
        header('a'),
        get('a', 0, 0),
        { type: 'wait', run: 'a', at: 0, ms: 1000 },
        { type: 'inject', run: 'a', at: 1000, event: 'idle-reclaim', fn: 'fn0' },
        get('a', 1000, 1000),
        // Settle: polls after 1 s and 2 s, recorded as plain GetFunction lines.
        get('a', 2000, 2000),
        get('a', 4000, 4010),
        get('a', 4030, 4040),
      ]),
      't.jsonl',
    );
    if (run === undefined) throw new Error('no run');
    const { commands, opCommand } = traceCommands(run);
    expect(commands.map(formatCommand)).toEqual([
      'GetFunction(fn0)',
      'Wait(1000)',
      'Inject(idle-reclaim, fn0)',
      'Wait(1000)',
      'GetFunction(fn0)',
      'Wait(2000)',
      'GetFunction(fn0)',
      'GetFunction(fn0)',
    ]);
    expect(opCommand).toEqual([0, 2, 4, 6, 7]);
  });
});
