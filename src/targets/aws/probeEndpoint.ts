import { connect } from 'node:net';
import { HarnessError } from '../../errors/HarnessError.ts';

/** How long the probe waits for the endpoint to accept a connection. */
export const PROBE_TIMEOUT_MS = 3000;

/**
 * Why no TCP connection to the host and port of `endpoint` opens within {@link PROBE_TIMEOUT_MS}
 * (`connect ECONNREFUSED 127.0.0.1:4566`), or undefined when one does. Nothing is sent, so the
 * probe changes nothing on the target (an emulator's queued faults, its request counts).
 */
export function connectProblem(endpoint: string): Promise<string | undefined> {
  const url = new URL(endpoint);
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const fail = (reason: string): void => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => fail(`no connection within ${PROBE_TIMEOUT_MS}ms`));
    socket.once('error', (error) => fail(error.message.split('\n')[0] ?? error.name));
    socket.once('connect', () => {
      socket.end();
      resolve(undefined);
    });
  });
}

/**
 * Proves an endpoint is there before any sequence runs (see {@link connectProblem}). A refused or
 * timed-out connection is `TARGET_UNREACHABLE`: the run then ends inconclusive at once instead of
 * generating against a dead endpoint. What the endpoint answers is left to the run to judge.
 */
export async function probeEndpoint(endpoint: string): Promise<void> {
  const problem = await connectProblem(endpoint);
  if (problem === undefined) return;
  throw new HarnessError(
    'TARGET_UNREACHABLE',
    `${endpoint}: the endpoint does not answer (${problem}); nothing was run.`,
  );
}
