import { connect } from 'node:net';
import { HarnessError } from '../../errors/HarnessError.ts';

/** How long the probe waits for the endpoint to accept a connection. */
export const PROBE_TIMEOUT_MS = 3000;

/**
 * Proves an endpoint is there before any sequence runs: a TCP connection to its host and port must
 * open within {@link PROBE_TIMEOUT_MS}. Nothing is sent, so the probe changes nothing on the target
 * (an emulator's queued faults, its request counts). A refused or timed-out connection is
 * `TARGET_UNREACHABLE`: the run then ends inconclusive at once instead of generating against a dead
 * endpoint. What the endpoint answers is left to the run to judge.
 */
export async function probeEndpoint(endpoint: string): Promise<void> {
  const url = new URL(endpoint);
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (reason: string): void => {
      socket.destroy();
      reject(
        new HarnessError(
          'TARGET_UNREACHABLE',
          `${endpoint}: the endpoint does not answer (${reason}); nothing was run.`,
        ),
      );
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => fail(`no connection within ${PROBE_TIMEOUT_MS}ms`));
    socket.once('error', (error) => fail(error.message.split('\n')[0] ?? error.name));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}
