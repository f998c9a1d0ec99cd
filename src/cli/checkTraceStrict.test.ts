import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceLine, TraceOpLine } from '../traces/TraceRecord.ts';
import { formatOperation } from '../lambda/Operation.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** A valid trace to plant defects in: an imported real-AWS recording. */
const BASE = 'traces/aws/function-lifecycle.jsonl';

async function baseLines(): Promise<TraceLine[]> {
  return (await readFile(BASE, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TraceLine);
}

function op(lines: readonly TraceLine[], lineNo: number): TraceOpLine {
  const line = lines[lineNo - 1];
  if (line?.type !== 'op') throw new Error(`line ${lineNo} is not an op line`);
  return line;
}

/** The same op with new arguments and the command text that goes with them. */
function withArgs(line: TraceOpLine, args: Record<string, string | number>): TraceOpLine {
  return { ...line, args, command: formatOperation({ name: line.operation, fn: line.fn, args }) };
}

async function checkPlanted(
  plant: (lines: TraceLine[]) => void,
): Promise<{ code: number; err: string; file: string }> {
  const dir = await tempDir();
  const lines = await baseLines();
  plant(lines);
  const file = join(dir, 'planted.jsonl');
  await writeFile(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const r = await cli('check-trace', file, '--out', dir, '--reporter', 'json');
  return { code: r.code, err: r.err, file };
}

describe('check-trace validates every line against the spec before judging', () => {
  it('passes the unplanted base trace', async () => {
    const r = await checkPlanted(() => undefined);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    [
      'a misspelt operation',
      3,
      (lines: TraceLine[]): void => {
        const line = op(lines, 3);
        lines[2] = { ...line, operation: 'GetFuntion', command: 'GetFuntion(fn0)' };
      },
      "unknown operation 'GetFuntion': spec/lambda-lifecycle.yaml has no such operation. Did you mean 'GetFunction'?",
    ],
    [
      'a misspelt argument',
      4,
      (lines: TraceLine[]): void => {
        lines[3] = withArgs(op(lines, 4), { confg: 2, revisionId: 'none' });
      },
      "UpdateFunctionConfiguration takes no argument 'confg' (it takes: config, revisionId). Did you mean 'config'?",
    ],
    [
      'an out-of-range input',
      6,
      (lines: TraceLine[]): void => {
        lines[5] = withArgs(op(lines, 6), { code: 7, revisionId: 'none' });
      },
      "argument 'code' is 7, out of range: expected 1 to 3",
    ],
    [
      'an unknown input value',
      6,
      (lines: TraceLine[]): void => {
        lines[5] = withArgs(op(lines, 6), { code: 2, revisionId: 'old' });
      },
      'argument \'revisionId\' is "old": expected one of none, stale.',
    ],
    [
      'a missing argument',
      2,
      (lines: TraceLine[]): void => {
        lines[1] = withArgs(op(lines, 2), { code: 1, config: 1 });
      },
      "CreateFunction is missing its argument 'packageType'",
    ],
    [
      'a misspelt observation field',
      3,
      (lines: TraceLine[]): void => {
        const line = op(lines, 3);
        lines[2] = { ...line, observation: { kind: 'ok', fields: { Stat: 'Active' } } };
      },
      "unknown observation field 'Stat'. Did you mean 'State'?",
    ],
    [
      'a time that goes backwards',
      5,
      (lines: TraceLine[]): void => {
        lines[4] = { ...op(lines, 5), at: 1500, end: 1500 };
      },
      "time goes backwards: 'at' is 1500, the previous step was at 2000",
    ],
    [
      'an end before its start',
      5,
      (lines: TraceLine[]): void => {
        lines[4] = { ...op(lines, 5), at: 3000, end: 2999 };
      },
      "time goes backwards: 'end' 2999 is before 'at' 3000",
    ],
    [
      'a command that does not match the arguments',
      4,
      (lines: TraceLine[]): void => {
        lines[3] = {
          ...op(lines, 4),
          command: 'UpdateFunctionConfiguration(fn0, config=3, revisionId=none)',
        };
      },
      "'command' is 'UpdateFunctionConfiguration(fn0, config=3, revisionId=none)' but the operation, function and arguments say 'UpdateFunctionConfiguration(fn0, config=2, revisionId=none)'",
    ],
    [
      'an unknown event',
      3,
      (lines: TraceLine[]): void => {
        lines.splice(2, 0, {
          type: 'inject',
          run: op(lines, 2).run,
          at: 500,
          event: 'idle-reclaimed',
          fn: 'fn0',
        });
      },
      "unknown event 'idle-reclaimed': expected one of idle-reclaim, image-deleted, provisioning-failure, update-failure. Did you mean 'idle-reclaim'?",
    ],
    [
      'an unknown unobservable field',
      1,
      (lines: TraceLine[]): void => {
        const header = lines[0];
        if (header?.type === 'run') lines[0] = { ...header, unobservable: ['ranCod'] };
      },
      "'unobservable' names 'ranCod', which is not an observation field. Did you mean 'ranCode'?",
    ],
  ])('exits 2 on %s, naming its line', async (_what, line, plant, message) => {
    const r = await checkPlanted(plant);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toContain(`${r.file}:${line}: ${message}`);
  });

  it('lists every problem at once, in line order', async () => {
    const r = await checkPlanted((lines) => {
      lines[2] = { ...op(lines, 3), observation: { kind: 'ok', fields: { Stat: 'Active' } } };
      lines[5] = withArgs(op(lines, 6), { code: 9, revisionId: 'none' });
    });
    expect(r.code).toBe(2);
    expect(r.err.split('\n').map((l) => l.slice(r.file.length).split(':')[1])).toEqual(['3', '6']);
  });

  it('reports bad JSON and bad shapes on every line before the spec is read', async () => {
    const dir = await tempDir();
    const lines = (await readFile(BASE, 'utf8')).split('\n');
    lines[2] = '{not json';
    lines[4] = JSON.stringify({
      ...(JSON.parse(lines[4] ?? '{}') as object),
      observation: { kind: 'ok' },
    });
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, lines.join('\n'));
    const r = await cli('check-trace', file, '--out', dir);
    expect(r.code).toBe(2);
    const reported = r.err.split('\n');
    expect(reported[0]).toMatch(new RegExp(`^${file}:3: not JSON`));
    expect(reported[1]).toMatch(new RegExp(`^${file}:5: not a trace line: 'observation\\.fields'`));
  });
});
