import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../traces/checkTrace.ts';
import { readTrace } from '../traces/readTrace.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import type { TraceLine } from '../traces/TraceRecord.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import { cli, tempDir } from './cli.testkit.ts';

async function runJson(dir: string): Promise<RunRecord> {
  return JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as RunRecord;
}

async function lines(file: string): Promise<TraceLine[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TraceLine);
}

async function writeLines(file: string, all: readonly TraceLine[]): Promise<void> {
  await writeFile(file, all.map((l) => `${JSON.stringify(l)}\n`).join(''));
}

describe('lambda-conformance check-trace', () => {
  it('checks a recording of the emulator offline with the same step and run verdicts', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'emulator.jsonl');
    const live = await cli(
      'run',
      'scenarios/emulator.yaml',
      '--runs',
      '3',
      '--record',
      trace,
      '--out',
      join(dir, 'live'),
      '--no-save',
      '--reporter',
      'json',
    );
    expect(live.code).toBe(0);
    const offline = await cli(
      'check-trace',
      trace,
      '--out',
      join(dir, 'off'),
      '--reporter',
      'json',
    );
    expect(offline.err).toBe('');
    expect(offline.code).toBe(live.code);
    const [liveRecord, offRecord] = [
      await runJson(join(dir, 'live')),
      await runJson(join(dir, 'off')),
    ];
    expect(offRecord.verdict).toBe(liveRecord.verdict);
    expect(offRecord.operations).toBe(liveRecord.operations);
    expect(offRecord.runsCompleted).toBe(3);
    // Step by step: the offline verdicts are the recorded ones.
    const recorded = (await lines(trace)).flatMap((l) => (l.type === 'op' ? [l.verdict] : []));
    const spec = await loadSpec('spec/lambda-lifecycle.yaml');
    const { checks } = checkTrace({
      spec,
      runs: await readTrace(trace),
      file: trace,
      unobservable: new Set(),
      commandLine: 'test',
    });
    const offline2 = checks.flatMap((c) =>
      c.steps.flatMap((s) => (s.step.type === 'op' ? [s.verdict] : [])),
    );
    expect(offline2).toEqual(recorded);
    expect(recorded.length).toBeGreaterThan(5);
  });

  it('fails a recording edited to accept an update while one is in progress, naming the rule', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'memory.jsonl');
    const live = await cli(
      'run',
      '--runs',
      '150',
      '--seed',
      '7',
      '--record',
      trace,
      '--out',
      dir,
      '--no-save',
      '--reporter',
      'json',
    );
    expect(live.code).toBe(0);
    const all = await lines(trace);
    const index = all.findIndex(
      (l) =>
        l.type === 'op' &&
        l.operation === 'UpdateFunctionCode' &&
        l.rules?.length === 1 &&
        l.rules[0] === 'update-code-in-progress',
    );
    expect(index).toBeGreaterThan(0);
    const line = all[index];
    if (line?.type !== 'op') throw new Error('no such line');
    all[index] = {
      ...line,
      observation: {
        kind: 'ok',
        fields: { State: 'Active', LastUpdateStatus: 'InProgress', RevisionId: 'edited' },
      },
    };
    await writeLines(trace, all);
    const r = await cli('check-trace', trace, '--out', dir, '--reporter', 'json');
    expect(r.code).toBe(1);
    const record = await runJson(dir);
    expect(record.verdict).toBe('divergence');
    const named = record.divergences.flatMap((d) => [
      d.ruleId,
      ...d.expectations.map((e) => e.ruleId),
    ]);
    expect(named).toContain('update-code-in-progress');
    expect(record.divergences[0]?.replayCommand).toMatch(/^npx lambda-conformance check-trace /);
  });

  it('rejects malformed lines with exit 2 naming file:line and what is expected', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'bad.jsonl');
    const header = {
      type: 'run',
      version: 1,
      run: 'r1',
      target: 'memory',
      mutants: [],
      reading: 'seed',
      spec: { file: 'spec/lambda-lifecycle.yaml', hash: 'x' },
      timing: { provisionMs: 0, updateMs: 0, versionMs: 0, reactivateMs: 0 },
    };
    const cases: [string, RegExp][] = [
      [`${JSON.stringify(header)}\n{"type":"wait","run":"r1","at":0}\n`, /bad\.jsonl:2: .*'ms'/],
      [`${JSON.stringify(header)}\n\nnot json\n`, /bad\.jsonl:3: not JSON/],
      [`{"type":"wait","run":"r9","at":0,"ms":5}\n`, /bad\.jsonl:1: step of run 'r9' before/],
      ['\n', /bad\.jsonl:1: no 'run' line/],
    ];
    for (const [text, message] of cases) {
      await writeFile(trace, text);
      const r = await cli('check-trace', trace, '--out', dir, '--reporter', 'json');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(1);
    }
    const missing = await cli('check-trace', join(dir, 'nope.jsonl'), '--out', dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.jsonl: cannot read the trace file/);
  });

  it('warns, without failing, when the recording was made against another spec version', async () => {
    const dir = await tempDir();
    const trace = join(dir, 'old.jsonl');
    await cli(
      'run',
      '--runs',
      '2',
      '--seed',
      '3',
      '--record',
      trace,
      '--out',
      dir,
      '--no-save',
      '--reporter',
      'json',
    );
    const all = (await lines(trace)).map((l) =>
      l.type === 'run' ? { ...l, spec: { ...l.spec, hash: 'feedfacefeedface' } } : l,
    );
    await writeLines(trace, all);
    const r = await cli('check-trace', trace, '--out', dir, '--reporter', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^check-trace: warning: .*recorded against spec\/lambda-lifecycle\.yaml @ feedfacefeed/,
    );
  });
});
