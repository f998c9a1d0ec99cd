import type { EmulatorOptions } from '../emulator/EmulatorOptions.ts';
import { startEmulator, type Emulator } from '../emulator/startEmulator.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import type { OptionSpec } from '../options/OptionTable.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';

/** The emulator options `serve` takes as flags. */
type ServeOptions = Pick<
  EmulatorOptions,
  | 'host'
  | 'port'
  | 'mutants'
  | 'pendingMs'
  | 'updateMs'
  | 'versionMs'
  | 'reactivateMs'
  | 'maxBodyBytes'
  | 'imagePendingInvoke'
>;

const DAY_MS = 86_400_000;

function delay(flag: string, what: string): OptionSpec<'integer'> {
  return { flag, kind: 'integer', min: 0, max: DAY_MS, value: 'N', help: `${what} (ms)` };
}

/** `serve`: the emulator's options. */
export const SERVE_SPEC: CommandSpec<ServeOptions> = {
  options: {
    host: {
      flag: 'host',
      kind: 'text',
      value: 'HOST',
      help: 'interface to listen on (default 127.0.0.1)',
    },
    port: {
      flag: 'port',
      kind: 'integer',
      min: 0,
      max: 65_535,
      value: 'N',
      help: 'TCP port (default 0: an ephemeral one, printed)',
    },
    mutants: {
      flag: 'mutant',
      kind: 'list',
      value: 'NAME',
      help: 'switch on a simulated emulator bug or a profile of them (repeatable; see mutants --list)',
    },
    pendingMs: delay('pending-ms', 'how long a new function stays Pending'),
    updateMs: delay('update-ms', 'how long an update stays InProgress'),
    versionMs: delay('version-ms', 'how long a published version stays Pending'),
    reactivateMs: delay('reactivate-ms', 'how long an Inactive function takes to come back'),
    maxBodyBytes: {
      flag: 'max-body-bytes',
      kind: 'integer',
      min: 1,
      max: 1024 * 1024 * 1024,
      value: 'N',
      help: 'largest request body accepted (default 16 MiB)',
    },
    imagePendingInvoke: {
      flag: 'image-pending-invoke',
      kind: 'text',
      value: 'allow|refuse',
      choices: ['allow', 'refuse'],
      help: 'whether Image functions may be invoked while Pending (default allow)',
    },
  },
  positionals: false,
  description: 'Serves the Lambda API on 127.0.0.1 until SIGINT or SIGTERM.',
};

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted === true) stop();
  });
}

/**
 * `lambda-conformance serve`: starts the emulator, prints
 * `lambda-conformance emulator listening on <url>` once it accepts requests, and serves until
 * SIGINT, SIGTERM or `signal` aborts; then closes it and resolves 0. Unknown mutants or a port
 * that cannot be bound print one line to `io.err` and resolve 2, never a stack trace; bad flags
 * throw a one-line HarnessError (exit 2).
 */
export async function serveCommand(
  args: readonly string[],
  io: Io,
  signal?: AbortSignal,
): Promise<number> {
  const { values: options } = readArgv('serve', SERVE_SPEC, args);
  let emulator: Emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    if (error instanceof HarnessError) io.err(`serve: ${error.message}\n`);
    else {
      const where = `${options.host ?? '127.0.0.1'}:${String(options.port ?? 0)}`;
      const detail = error instanceof Error ? error.message : String(error);
      io.err(`serve: cannot listen on ${where}: ${detail}\n`);
    }
    return 2;
  }
  io.out(`lambda-conformance emulator listening on ${emulator.url}\n`);
  await waitForStop(signal);
  await emulator.close();
  io.out('lambda-conformance emulator stopped\n');
  return 0;
}
