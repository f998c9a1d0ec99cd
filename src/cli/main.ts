import { HarnessError } from '../errors/HarnessError.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { processIo, type Io } from './Io.ts';
import { runCommand } from './runCommand.ts';

const USAGE = `lambda-conformance — checks a Lambda API target against the documented function lifecycle

Usage:
  lambda-conformance run [scenario.yaml] [--target memory|aws] [--endpoint URL] [--mutant NAME]
                         [--runs N] [--seed N] [--max-commands N] [--out DIR] [--reading NAME]
                         [--reporter console,json,junit,markdown] [--time-budget 60s] [--shard i/n]
                         [--allow-account ID] [--role ARN] [--regressions DIR] [--no-save]
                         [--min-coverage P] [--record FILE.jsonl [--mask-account]] [--concurrency N]
                         [--baseline FILE] [--write-baseline FILE]
  lambda-conformance replay <counterexample.json> [--target …] [--endpoint URL] [--mutant NAME]
  lambda-conformance import localstack <FILE.snapshot.json> --test KEY [--order FILE | --code FILE.py] [--out FILE.jsonl]
  lambda-conformance check-trace <trace.jsonl> [--spec S] [--reading R] [--out DIR] [--reporter …]
                         [--baseline FILE] [--write-baseline FILE] [--unobservable ranCode,ranConfig]
  lambda-conformance diff --target A --target B [--runs N] [--seed N] [--max-commands N] [--out DIR]
                         (A, B: memory[:mutant,…] | emulator[:mutant,…] | http://… | trace:FILE.jsonl)
  lambda-conformance merge <dir>… [--out DIR]      join the run.json of --shard runs
  lambda-conformance mutants [--target memory|emulator] [--runs N] [--spec] [--out DIR]
  lambda-conformance lint <spec.yaml>
  lambda-conformance diagram <spec.yaml> [--out FILE]
  lambda-conformance mutants --list
  lambda-conformance serve [--host 127.0.0.1] [--port N] [--mutant NAME] [--pending-ms N] [--update-ms N]
                           [--version-ms N] [--reactivate-ms N] [--max-body-bytes N] [--image-pending-invoke allow|refuse]
  lambda-conformance cleanup [--endpoint URL] [--region R] [--profile P] [--prefix lc] [--older-than 1h | --run ID]
                             [--allow-account ID]

Exit codes: 0 conformant, 1 divergence, 2 bad input or harness error, 3 inconclusive.`;

/** The terminal facts reporters need, read once here. */
export function processTerminal(io: Io): Terminal {
  const isTTY = process.stdout.isTTY && process.env['CI'] === undefined;
  const color = isTTY && process.env['NO_COLOR'] === undefined;
  return { io, isTTY, color, env: process.env };
}

type Handler = (args: readonly string[], io: Io, signal: AbortSignal) => Promise<number>;

const COMMANDS: Readonly<Record<string, Handler>> = {
  run: (args, io, signal) => runCommand(args, io, processTerminal(io), signal),
  replay: async (args, io, signal) =>
    (await import('./replayCommand.ts')).replayCommand(args, io, processTerminal(io), signal),
  import: async (args, io) => (await import('./importCommand.ts')).importCommand(args, io),
  lint: async (args, io) => (await import('../spec/lintSpec.ts')).runLint([...args], io),
  diagram: async (args, io) => (await import('../spec/renderDiagram.ts')).runDiagram([...args], io),
  'check-trace': async (args, io) =>
    (await import('./checkTraceCommand.ts')).checkTraceCommand(args, io, processTerminal(io)),
  diff: async (args, io, signal) =>
    (await import('./diffCommand.ts')).diffCommand(args, io, processTerminal(io), signal),
  mutants: async (args, io, signal) =>
    (await import('./mutantsCommand.ts')).mutantsCommand(args, io, processTerminal(io), signal),
  merge: async (args, io) =>
    (await import('./mergeCommand.ts')).mergeCommand(args, io, processTerminal(io)),
  serve: async (args, io, signal) =>
    (await import('../emulator/runServe.ts')).runServe([...args], io, signal),
  cleanup: async (args, io) =>
    (await import('../targets/aws/runCleanup.ts')).runCleanup([...args], io),
};

/**
 * The CLI: dispatches a command, maps errors to exit code 2 with a one-line message (never a stack
 * trace for bad input), and turns SIGINT/SIGTERM into a clean stop. Never calls process.exit.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const handler = COMMANDS[command];
  if (handler === undefined) {
    io.err(
      `lambda-conformance: unknown command '${command}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`,
    );
    return 2;
  }
  const controller = new AbortController();
  const stop = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    io.err(`lambda-conformance: ${sig} received, stopping: cleaning up and writing the report…`);
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await handler(args, io, controller.signal);
  } catch (error) {
    if (error instanceof HarnessError) {
      io.err(error.message);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`lambda-conformance: internal error: ${message}`);
    if (process.env['LAMBDA_CONFORMANCE_DEBUG'] !== undefined && error instanceof Error)
      io.err(error.stack ?? '');
    return 2;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
