import type { Terminal } from '../reporters/Reporter.ts';
import { executeRun } from '../run/executeRun.ts';
import { resolveRun } from '../run/resolveRun.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { parseArgv } from './parseArgv.ts';

/** `run`: the run options, and the scenario as its one positional argument. */
export const RUN_SPEC: CommandSpec<RunOptions> = {
  options: RUN_OPTION_TABLE,
  positionals: true,
  description:
    'Each option overrides the scenario. Without a scenario, scenarios/default.yaml (when it exists).',
};

/**
 * `lambda-conformance run [scenario] [flags]`: runs the suite, writes the reports, returns the exit
 * code. SIGINT/SIGTERM stop the run cleanly: sessions clean up, then the reports are written.
 */
export async function runCommand(
  args: readonly string[],
  io: Io,
  terminal: Terminal,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgv('run', RUN_SPEC, args);
  if (positionals.length > 1) {
    io.err(
      `run: expected at most one scenario file, got ${positionals.length}: ${positionals.join(' ')}\n`,
    );
    return 2;
  }
  const prepared = await resolveRun(positionals[0], values, {
    commandLine: ['npx lambda-conformance run', ...args].join(' '),
    signal,
    env: terminal.env,
  });
  const { exitCode } = await executeRun(prepared, {
    terminal,
    notice: (line) => io.err(`${line}\n`),
  });
  return exitCode;
}
