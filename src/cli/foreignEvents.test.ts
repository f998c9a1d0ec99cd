import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { readRecord } from './awsCli.testkit.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** Quick delays for the emulators these tests start. */
const QUICK = { pendingMs: 50, updateMs: 50, versionMs: 20, reactivateMs: 50 } as const;
const EVENTS = ['idle-reclaim', 'image-deleted', 'provisioning-failure', 'update-failure'];

let emulator: Emulator | undefined;
let control: Server | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await new Promise<void>((done) => {
    if (control === undefined) done();
    else control.close(() => done());
    control?.closeAllConnections();
  });
  control = undefined;
});

/**
 * A stand-in for a foreign emulator's control endpoint: it answers every event request with the
 * next status of `statuses`, in turn, and counts what it answered.
 */
async function startControl(statuses: readonly number[]): Promise<{ url: string; seen: number[] }> {
  const seen: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = statuses[seen.length % statuses.length] ?? 500;
      seen.push(status);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `control says ${String(status)}` }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  control = server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${String(port)}`, seen };
}

/** A scenario of the aws target against `endpoint` with every event mapped to `eventUrl`. */
async function scenario(dir: string, endpoint: string, eventUrl: string): Promise<string> {
  const events = Object.fromEntries(
    EVENTS.map((event) => [
      event,
      { method: 'POST', url: eventUrl, body: { event: '{event}', functionName: '{functionName}' } },
    ]),
  );
  const file = join(dir, 'foreign.yaml');
  const text = {
    name: 'foreign-events',
    spec: resolve('spec/lambda-lifecycle.yaml'),
    target: { name: 'aws', endpoint, events },
    runs: 30,
    maxCommands: 12,
    seed: 20261123,
    functions: 1,
    weights: { Wait: 0, Settle: 1, Inject: 10, CreateFunction: 6, DeleteFunction: 0 },
    timeBudget: '60s',
    reporters: ['json'],
  };
  await writeFile(file, `${JSON.stringify(text, null, 2)}\n`);
  return file;
}

describe('environment events on a foreign emulator', () => {
  it('an event endpoint answering 404, 400 and 500 in turn: the run completes, the 500 steps inconclusive', async () => {
    emulator = await startEmulator(QUICK);
    const events = await startControl([404, 400, 500]);
    const dir = await tempDir();
    const out = join(dir, 'out');
    const trace = join(dir, 'trace.jsonl');
    const file = await scenario(dir, emulator.url, `${events.url}/events`);
    const r = await cli('run', file, '--no-save', '--out', out, '--record', trace);
    expect(r.err).toBe('');
    // Every event was answered: 404 and 400 (not applied) and 500 (inconclusive).
    expect(new Set(events.seen)).toEqual(new Set([404, 400, 500]));
    expect(r.code).toBe(3);
    const record = await readRecord(out);
    expect(record.stoppedBy).toBe('completed');
    expect(record.runsCompleted).toBe(30);
    expect(record.divergences).toEqual([]);
    const fivehundreds = events.seen.filter((s) => s === 500).length;
    expect(record.inconclusive).toHaveLength(fivehundreds);
    for (const step of record.inconclusive) {
      expect(step.command).toMatch(/^Inject\([a-z-]+, fn0\)$/);
      expect(step.reason).toMatch(/ answered 500: \{"message":"control says 500"\}$/);
    }
    // The refused ones are information in the trace, each followed by the GetFunction that decides.
    const lines = (await readFile(trace, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const injects = lines.filter((l) => l['type'] === 'inject');
    const refused = injects.filter((l) => l['result'] === 'refused');
    expect(refused.map((l) => String(l['detail']))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ answered 404: /),
        expect.stringMatching(/ answered 400: /),
      ]) as unknown,
    );
    expect(injects.filter((l) => l['result'] === 'inconclusive')).toHaveLength(fivehundreds);
    for (const inject of refused) {
      const next = lines[lines.indexOf(inject) + 1];
      expect(next).toMatchObject({ type: 'op', operation: 'GetFunction', verdict: 'conformant' });
    }
    // An event is only sent to a function that may exist: never before its first CreateFunction.
    let created = false;
    for (const line of lines) {
      if (line['type'] === 'run') created = false;
      if (line['type'] === 'op' && line['operation'] === 'CreateFunction') created = true;
      if (line['type'] === 'inject') expect(created).toBe(true);
    }
    // Checked offline, the recording ends the same way: inconclusive, never a divergence.
    const checked = await cli('check-trace', trace, '--out', join(dir, 'checked'));
    expect(checked.code).toBe(3);
  });

  it('an event URL template may name the Lambda endpoint as {endpoint}', async () => {
    emulator = await startEmulator(QUICK);
    const dir = await tempDir();
    const out = join(dir, 'out');
    const file = await scenario(dir, emulator.url, '{endpoint}/_conformance/events');
    const r = await cli('run', file, '--no-save', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const record = await readRecord(out);
    const applied = record.coverage.filter(
      (c) => c.kind === 'transition' && c.group.startsWith('event:') && c.exercised > 0,
    );
    expect(applied.length).toBeGreaterThan(0);
  });
});
