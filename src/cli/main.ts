import { HarnessError } from '../errors/HarnessError.ts';
import { processIo, quietOnClosedPipe, type Io } from '../text/Io.ts';
import { COMMANDS } from './commands.ts';
import { commandHelp, mainHelp } from './helpText.ts';
import { wantsHelp } from './parseArgv.ts';
import { packageVersion } from './version.ts';

/**
 * The CLI: dispatches a command, answers `--help` (the top level's and each command's) and
 * `--version`, maps errors to exit code 2 with a one-line message (never a stack trace for bad
 * input), and turns SIGINT/SIGTERM into a clean stop. Never calls process.exit.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) quietOnClosedPipe();
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${mainHelp(COMMANDS)}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(
      `lambda-conformance: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\n`,
    );
    return 2;
  }
  const controller = new AbortController();
  const stop = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    io.err(`lambda-conformance: ${sig} received, stopping: cleaning up and writing the report…\n`);
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
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
