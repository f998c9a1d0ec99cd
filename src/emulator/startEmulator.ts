import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaSimulation } from '../targets/memory/LambdaSimulation.ts';
import { resolveMutants } from '../targets/memory/SimulationOptions.ts';
import { resolveEmulatorOptions } from './EmulatorOptions.ts';
import type { EmulatorOptions } from './EmulatorOptions.ts';
import { FaultQueue } from './FaultQueue.ts';
import { handleRequest } from './handleRequest.ts';
import type { HandlerContext } from './handleRequest.ts';

/** A running emulator server. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`: the endpoint to give an SDK client. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops every connection, held (`hang`) ones included. Idempotent. */
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the emulator: one {@link LambdaSimulation} on real time (`Date.now`) behind the Lambda
 * REST-JSON API as `@aws-sdk/client-lambda` speaks it, plus the `/_conformance/` control API
 * (events, mutants, reset, faults, health). Rejects with a HarnessError for bad options or unknown
 * mutants, and with the listen error (e.g. `EADDRINUSE`) when the port is taken.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveEmulatorOptions(options);
  const simulation = new LambdaSimulation({
    clock: Date.now,
    timing: {
      provisionMs: resolved.pendingMs,
      updateMs: resolved.updateMs,
      versionMs: resolved.versionMs,
      reactivateMs: resolved.reactivateMs,
    },
    mutants: resolveMutants(resolved.mutants),
    imagePendingInvoke: resolved.imagePendingInvoke,
  });
  const context: HandlerContext = {
    simulation,
    faults: new FaultQueue(),
    maxBodyBytes: resolved.maxBodyBytes,
    hanging: new Set<ServerResponse>(),
    policy: resolved.policy,
  };
  const server = createServer((req, res) => {
    void handleRequest(context, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, a socket error must never take the process down.
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(resolved.host)}:${String(port)}`,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const res of context.hanging) res.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
