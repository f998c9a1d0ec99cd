import { Agent, createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  cutBody,
  hasBody,
  htmlPage,
  lambdaError,
  readAll,
  replaceBody,
  reply,
} from './proxyReplies.testkit.ts';
import type { Upstream } from './proxyReplies.testkit.ts';

/**
 * @internal The infrastructure faults the proxy plays, each standing for something a load
 * balancer, a network or an overloaded service does to a Lambda API call:
 * - `serverError`: 500 `ServiceException` (JSON, as Lambda answers it).
 * - `tooManyRequests`: 429 `TooManyRequestsException`; `throttling429`: 429 `ThrottlingException`;
 *   `throttling400`: 400 `ThrottlingException` (throttling under another status).
 * - `html502`, `html503`: a load balancer's HTML page.
 * - `resetBefore`: the connection is reset before the request reaches the emulator;
 *   `resetAfter`: after the emulator applied it, so its answer is lost.
 * - `truncated`: a 2xx answer cut short (alternately a complete message with half the body, and
 *   a connection reset halfway through the announced body); `nonJson`: a 2xx answer with an HTML
 *   body. Both play only on answers that have a body.
 * - `delay`: the request waits `delayMs` before it is forwarded (even when the client gave up).
 * - `hang`: the request is never answered (the client's call timeout must end it).
 * - `outage`: once, after `outageAfter` requests, the proxy stops listening and drops every
 *   connection for `outageMs` (connections are refused), then serves again.
 */
export type ProxyFault =
  | 'serverError'
  | 'tooManyRequests'
  | 'throttling429'
  | 'throttling400'
  | 'html502'
  | 'html503'
  | 'resetBefore'
  | 'resetAfter'
  | 'truncated'
  | 'nonJson'
  | 'delay'
  | 'hang'
  | 'outage';

/** @internal Every fault kind, in the order the Done-means list of issue 13 names them. */
export const PROXY_FAULTS: readonly ProxyFault[] = [
  'serverError',
  'tooManyRequests',
  'throttling429',
  'throttling400',
  'html502',
  'html503',
  'resetBefore',
  'resetAfter',
  'truncated',
  'nonJson',
  'delay',
  'hang',
  'outage',
];

/** @internal What the proxy does and to which requests. */
export interface FaultProxyOptions {
  /** The emulator's base URL (`http://127.0.0.1:PORT`). */
  readonly upstream: string;
  readonly fault: ProxyFault;
  /** Share of matching requests that get the fault; default 0.05. Not used by `outage`. */
  readonly rate?: number;
  /** Picks which of every `1/rate` requests is faulted first, and the delays; default 1. */
  readonly seed?: number;
  /** Only requests for which this holds may get the fault; default every request. */
  readonly match?: (method: string, path: string) => boolean;
  /** Most faults played; default unlimited. */
  readonly limit?: number;
  /** `delay`: the range (ms) a delay is drawn from; default [2000, 10000]. */
  readonly delayMs?: readonly [number, number];
  /** `outage`: how long (ms) the proxy is down; default 3000. */
  readonly outageMs?: number;
  /** `outage`: the request number that starts it (it is dropped too); default 10. */
  readonly outageAfter?: number;
}

/** @internal A running fault proxy. */
export interface FaultProxy {
  /** Base URL to give the aws target as its endpoint. */
  readonly url: string;
  /** Requests received and faults played so far. */
  readonly stats: { readonly requests: number; readonly injected: number };
  /** Stops the proxy and drops every connection, held ones included. Idempotent. */
  close(): Promise<void>;
}

/** A small seeded generator (mulberry32): the same seed faults the same requests. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * @internal Starts a fault-injecting HTTP proxy on an ephemeral 127.0.0.1 port in front of the
 * emulator at `upstream`. Every request is forwarded as is, except the share `rate` of matching
 * ones (every `1/rate`-th, from a phase the seed picks), which get `fault` instead (see
 * {@link ProxyFault}). Control requests (`/_conformance/`) are always forwarded untouched.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const [minDelay, maxDelay] = options.delayMs ?? [2000, 10_000];
  const random = seeded(options.seed ?? 1);
  const stats = { requests: 0, injected: 0 };
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const agent = new Agent({ keepAlive: true });
  let closed = false;
  let outage: NodeJS.Timeout | undefined;
  // Every `period`-th candidate gets the fault, from a phase the seed picks: exactly the share
  // `rate`, and the first one early, so that even a short run plays it.
  const period = Math.max(1, Math.round(1 / (options.rate ?? 0.05)));
  let candidates = (options.seed ?? 1) % period;
  const pick = (): boolean => {
    if (options.limit !== undefined && stats.injected >= options.limit) return false;
    candidates += 1;
    const chosen = candidates % period === 0;
    if (chosen) stats.injected += 1;
    return chosen;
  };
  const matches = (method: string, path: string): boolean =>
    !path.startsWith('/_conformance/') && (options.match?.(method, path) ?? true);

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          agent,
        },
        (answer) => {
          readAll(answer).then(
            (data) =>
              resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }),
            reject,
          );
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const startOutage = (): void => {
    const { port } = server.address() as AddressInfo;
    stats.injected += 1;
    server.close();
    server.closeAllConnections();
    for (const socket of sockets) socket.destroy();
    outage = setTimeout(() => {
      outage = undefined;
      if (!closed) server.listen(port, '127.0.0.1');
    }, options.outageMs ?? 3000);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests += 1;
    const body = await readAll(req);
    if (!matches(req.method ?? 'GET', req.url ?? '/')) {
      reply(res, await forward(req, body));
      return;
    }
    switch (options.fault) {
      case 'outage':
        if (stats.injected === 0 && stats.requests >= (options.outageAfter ?? 10)) startOutage();
        else reply(res, await forward(req, body));
        return;
      case 'truncated':
      case 'nonJson': {
        // A cut or replaced body needs an answer that has one: these pick among such answers.
        const answer = await forward(req, body);
        if (!hasBody(answer) || !pick()) reply(res, answer);
        else if (options.fault === 'nonJson') replaceBody(res, answer);
        else cutBody(req, res, answer, stats.injected);
        return;
      }
      case 'resetAfter': {
        const answer = await forward(req, body);
        if (pick()) req.socket.destroy();
        else reply(res, answer);
        return;
      }
      default:
        break;
    }
    if (!pick()) {
      reply(res, await forward(req, body));
      return;
    }
    switch (options.fault) {
      case 'serverError':
        lambdaError(res, 500, 'ServiceException', 'Injected fault: internal service error');
        return;
      case 'tooManyRequests':
        lambdaError(res, 429, 'TooManyRequestsException', 'Rate exceeded');
        return;
      case 'throttling429':
        lambdaError(res, 429, 'ThrottlingException', 'Rate exceeded');
        return;
      case 'throttling400':
        lambdaError(res, 400, 'ThrottlingException', 'Rate exceeded');
        return;
      case 'html502':
        htmlPage(res, 502, 'Bad Gateway');
        return;
      case 'html503':
        htmlPage(res, 503, 'Service Temporarily Unavailable');
        return;
      case 'resetBefore':
        req.socket.destroy();
        return;
      case 'delay': {
        const ms = minDelay + random() * (maxDelay - minDelay);
        await new Promise((resolve) => setTimeout(resolve, ms));
        // The request still reaches the emulator, as a slow path delivers it: it may take effect
        // after the client gave up waiting.
        const answer = await forward(req, body);
        if (!res.destroyed) reply(res, answer);
        return;
      }
      case 'hang':
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      default:
        return;
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      // The emulator is gone or the client left: drop the connection, as a broken proxy would.
      req.socket.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening (and re-listening after an outage), an error must not take the test down.
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    stats,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        clearTimeout(outage);
        for (const res of held) res.destroy();
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        if (!server.listening) {
          resolve();
          return;
        }
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
