import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import type { DiffReport } from '../diff/diffTargets.ts';
import { cli, tempDir } from './cli.testkit.ts';

/** One request the recording front saw. */
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly authorization: string;
  readonly body: string;
}

/**
 * A front on 127.0.0.1 that records every request: `/events/…` is an environment-event control
 * API that answers 200 (the event may or may not apply: the spec allows both), anything else is
 * forwarded to the emulator, as a Lambda endpoint.
 */
async function recordingFront(
  emulator: Emulator,
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      seen.push({
        method: req.method ?? 'GET',
        path,
        authorization: req.headers.authorization ?? '',
        body: body.toString('utf8'),
      });
      if (path.startsWith('/events/')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection'),
      ) as Record<string, string>;
      void fetch(`${emulator.url}${path}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
      }).then(async (answer) => {
        const text = Buffer.from(await answer.arrayBuffer());
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

describe('diff with run target flags on an http(s) side', () => {
  let emulator: Emulator;
  let front: Awaited<ReturnType<typeof recordingFront>>;
  let dir: string;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, pendingMs: 0, updateMs: 100, versionMs: 50 });
    front = await recordingFront(emulator);
    dir = await tempDir();
  });
  afterEach(async () => {
    await new Promise((resolve) => front.server.close(resolve));
    await emulator.close();
  });

  const diff = (...flags: string[]): ReturnType<typeof cli> =>
    cli(
      'diff',
      '--target',
      'memory',
      '--target',
      front.url,
      '--runs',
      '6',
      '--max-commands',
      '6',
      '--seed',
      '5',
      '--out',
      dir,
      ...flags,
    );

  it('creates functions with --role, signs for --region, and injects events through --events', async () => {
    const events = join(dir, 'events.yaml');
    await writeFile(
      events,
      `update-failure:\n  method: POST\n  url: ${front.url}/events/{event}\n  body: { fn: "{functionName}" }\n`,
    );
    const role = 'arn:aws:iam::210987654321:role/emulator-role';
    const r = await diff('--role', role, '--region', 'eu-west-2', '--events', events);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const creates = front.seen.filter(
      (s) => s.method === 'POST' && s.path === '/2015-03-31/functions',
    );
    expect(creates.length).toBeGreaterThan(0);
    for (const c of creates) expect(JSON.parse(c.body)).toMatchObject({ Role: role });
    const lambda = front.seen.filter((s) => s.path.startsWith('/2015-03-31/'));
    expect(lambda.every((s) => s.authorization.includes('/eu-west-2/lambda/aws4_request'))).toBe(
      true,
    );
    // The generated sequences inject the one event both sides can produce, on the endpoint side
    // through its mapping.
    const injected = front.seen.filter((s) => s.path === '/events/update-failure');
    expect(injected.length).toBeGreaterThan(0);
    expect((JSON.parse(injected[0]?.body ?? '{}') as { fn?: string }).fn).toMatch(/-fn0$/);
    const report = JSON.parse(await readFile(join(dir, 'diff.json'), 'utf8')) as DiffReport;
    expect(report.sequences).toBe(6);
  }, 60_000);

  it('without --events injects nothing on the endpoint side; --events without one is refused', async () => {
    const r = await diff();
    expect(r.code).toBe(0);
    expect(front.seen.some((s) => s.path.startsWith('/events/'))).toBe(false);
    expect(front.seen.some((s) => s.path === '/2015-03-31/functions')).toBe(true);
    const refused = await cli(
      'diff',
      '--target',
      'memory',
      '--target',
      'emulator',
      '--events',
      'x.yaml',
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^--events: no side is an http\(s\):\/\/ endpoint/);
  }, 60_000);
});
