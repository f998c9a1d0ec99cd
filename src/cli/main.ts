import { HarnessError } from '../errors/HarnessError.ts';
import { mayBeLeftBehind } from '../targets/leftBehind.ts';
import { processIo, quietOnClosedPipe, type Io } from '../text/Io.ts';
import { COMMANDS } from './commands.ts';
import { commandHelp, mainHelp } from './helpText.ts';
import { wantsHelp } from './wantsHelp.ts';
import { excerpt } from '../errors/excerpt.ts';

/**
 * The exit code of a process ended by a second signal: 128 plus the signal's number, as a shell
 * reports a process the signal killed (130 for Ctrl-C). It differs from 3 (inconclusive, with a
 * report) because no report was written.
 *
 * @internal Exported for tests only.
 */
export const FORCED_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = {
  SIGINT: 130,
  SIGTERM: 143,
};

/**
 * Signals this close to the first are the same stop delivered twice (see `main`), not a second one.
 *
 * @internal Exported for tests only.
 */
export const SAME_STOP_MS = 500;

/**
 * Ends the process at once after a second SIGINT/SIGTERM, printing first what the run's targets
 * may leave behind (functions created and not yet deleted) with the command that removes them.
 */
function forceExit(signal: 'SIGINT' | 'SIGTERM', io: Io, server: boolean): never {
  io.err(
    server
      ? `lambda-conformance: ${signal} again: exiting at once.\n`
      : `lambda-conformance: ${signal} again: exiting at once, without the report.\n`,
  );
  for (const left of mayBeLeftBehind()) {
    io.err(
      `lambda-conformance: may be left behind: ${left.names.join(', ')}; remove with: ${left.command}\n`,
    );
  }
  // The one exit the CLI forces: the person asked twice, cleanup and reporters are given up.
  process.exit(FORCED_EXIT[signal]);
}

/**
 * The CLI: dispatches a command, answers `--help` (the top level's and each command's) and
 * `--version`, maps errors to exit code 2 with a one-line message (never a stack trace for bad
 * input), and turns SIGINT/SIGTERM into a clean stop: the run stops, cleans up and writes its
 * report (exit 3); a server (`serve`) closes and prints its own stop line (exit 0). A second SIGINT/SIGTERM exits at once ({@link FORCED_EXIT}) after printing
 * what may be left behind; that is the only time this calls process.exit.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) quietOnClosedPipe();
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${mainHelp(COMMANDS)}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    // Loaded only here: reading package.json loads node:fs, which `--help` does without.
    const { packageVersion } = await import('./version.ts');
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(
      `lambda-conformance: unknown command '${excerpt(name)}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\n`,
    );
    return 2;
  }
  const controller = new AbortController();
  // A server (`serve`) is ended by a signal as a matter of course: it prints its own stop line.
  const server = command.stopsAs === 'server';
  let firstSignalAt = 0;
  const stop = (sig: 'SIGINT' | 'SIGTERM'): void => {
    if (controller.signal.aborted) {
      // One stop often arrives twice at once: GNU `timeout` signals the process and then its
      // process group, a terminal's Ctrl-C reaches npm/npx and the child they forward it to. Only
      // a signal well after the first is a person asking again.
      if (Date.now() - firstSignalAt < SAME_STOP_MS) return;
      forceExit(sig, io, server);
    }
    firstSignalAt = Date.now();
    if (!server)
      io.err(
        `lambda-conformance: ${sig} received, stopping: cleaning up and writing the report… (${sig} again exits at once)\n`,
      );
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const loaded = await command.load();
    if (wantsHelp(args)) {
      io.out(`${commandHelp(command, loaded.spec)}\n`);
      return 0;
    }
    return await loaded.run(args, io, controller.signal);
  } catch (error) {
    if (error instanceof HarnessError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`lambda-conformance: internal error: ${message}\n`);
    if (process.env['LAMBDA_CONFORMANCE_DEBUG'] !== undefined && error instanceof Error)
      io.err(`${error.stack ?? ''}\n`);
    return 2;
  } finally {
    // After a stop the handlers stay: the process may still be ending (output flushing) when the
    // stop's duplicate arrives, which would otherwise kill it by the signal's default action.
    if (!controller.signal.aborted) {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  }
}
