import { HarnessError } from '../errors/HarnessError.ts';
import { parseServeArgs, SERVE_USAGE } from './parseServeArgs.ts';
import { startEmulator } from './startEmulator.ts';
import type { Emulator } from './startEmulator.ts';

/** Where a CLI command writes: one call per line, without the trailing newline. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

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
 * SIGINT, SIGTERM or `signal` aborts; then closes it and resolves 0. Bad flags, unknown mutants or
 * a port that cannot be bound print one line to `io.err` and resolve 2, never a stack trace.
 */
export async function runServe(
  args: readonly string[],
  io: CommandIo,
  signal?: AbortSignal,
): Promise<number> {
  const parsed = parseServeArgs(args);
  if (parsed.kind === 'help') {
    io.out(SERVE_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`serve: ${parsed.message}`);
    io.err(SERVE_USAGE);
    return 2;
  }
  let emulator: Emulator;
  try {
    emulator = await startEmulator(parsed.options);
  } catch (error) {
    if (error instanceof HarnessError) io.err(`serve: ${error.message}`);
    else {
      const where = `${parsed.options.host ?? '127.0.0.1'}:${String(parsed.options.port ?? 0)}`;
      const detail = error instanceof Error ? error.message : String(error);
      io.err(`serve: cannot listen on ${where}: ${detail}`);
    }
    return 2;
  }
  io.out(`lambda-conformance emulator listening on ${emulator.url}`);
  await waitForStop(signal);
  await emulator.close();
  io.out('lambda-conformance emulator stopped');
  return 0;
}
