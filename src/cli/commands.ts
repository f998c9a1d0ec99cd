import { resolveColor } from '../reporters/paint.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { processIo, stdoutClosed, type Io } from '../text/Io.ts';
import { takeColorFlags, withColorOptions } from './colorFlags.ts';
import type { AnyCommandSpec, CommandEntry } from './CommandSpec.ts';

/**
 * The terminal facts reporters need, read once: `flag` is `--color` (true) or `--no-color` (false),
 * which win over `FORCE_COLOR`, `NO_COLOR` and whether standard output is a terminal.
 */
export function processTerminal(io: Io, flag?: boolean): Terminal {
  const isTTY = process.stdout.isTTY && process.env['CI'] === undefined;
  const color = resolveColor({ flag, env: process.env, isTTY });
  return {
    io,
    isTTY,
    color,
    env: process.env,
    columns: process.stdout.columns,
    ...(io === processIo ? { closed: stdoutClosed } : {}),
  };
}

/** What a command that prints colour runs: its arguments without the colour flags, and its terminal. */
type ColorRun = (
  args: readonly string[],
  io: Io,
  terminal: Terminal,
  signal: AbortSignal,
) => Promise<number>;

/**
 * A command that prints coloured text: `--color` / `--no-color` are added to its `--help` and
 * taken out of its arguments to set up its terminal.
 */
function printsColor(spec: AnyCommandSpec, run: ColorRun): LoadedCommand {
  return {
    spec: withColorOptions(spec),
    run: (args, io, signal) => {
      const { color, args: rest } = takeColorFlags(args);
      return run(rest, io, processTerminal(io, color), signal);
    },
  };
}

/** A loaded command: its option table (for `--help`) and what runs it. */
export interface LoadedCommand {
  readonly spec: AnyCommandSpec;
  run(args: readonly string[], io: Io, signal: AbortSignal): Promise<number>;
}

/** A command of the CLI: how the help lists it, and its module, loaded only when it runs. */
export interface Command extends CommandEntry {
  load(): Promise<LoadedCommand>;
}

/**
 * Every command, in help order. Modules are imported when their command runs, so that `--help`
 * and a memory run never load what they do not use (the AWS SDK, the emulator).
 */
export const COMMANDS: readonly Command[] = [
  {
    name: 'run',
    args: '[scenario.yaml]',
    summary: 'run a conformance suite (default scenarios/default.yaml)',
    load: async () => {
      const m = await import('./runCommand.ts');
      return printsColor(m.RUN_SPEC, m.runCommand);
    },
  },
  {
    name: 'replay',
    args: '<counterexample.json>',
    summary: 're-run a saved counterexample on its recorded target: fixed, or still diverging',
    load: async () => {
      const m = await import('./replayCommand.ts');
      return {
        spec: m.REPLAY_SPEC,
        run: (args, io, signal) => m.replayCommand(args, io, processTerminal(io), signal),
      };
    },
  },
  {
    name: 'import',
    args: 'localstack <snapshot.json>',
    summary: 'turn a recorded AWS test (LocalStack snapshot) into a trace for check-trace',
    load: async () => {
      const m = await import('./importCommand.ts');
      return { spec: m.IMPORT_SPEC, run: (args, io) => m.importCommand(args, io) };
    },
  },
  {
    name: 'check-trace',
    args: '<trace.jsonl>',
    summary: "check a trace recorded with 'run --record' against the spec, offline",
    load: async () => {
      const m = await import('./checkTraceCommand.ts');
      return printsColor(m.CHECK_TRACE_SPEC, (args, io, terminal) =>
        m.checkTraceCommand(args, io, terminal),
      );
    },
  },
  {
    name: 'diff',
    args: '--target A --target B',
    summary: 'the same sequences on two targets: every differing answer, allowed or not',
    load: async () => {
      const m = await import('./diffCommand.ts');
      return {
        spec: m.DIFF_SPEC,
        run: (args, io, signal) => m.diffCommand(args, io, processTerminal(io), signal),
      };
    },
  },
  {
    name: 'merge',
    args: '<dir>...',
    summary: "join the run.json of the shards of one suite ('run --shard i/n')",
    load: async () => {
      const m = await import('./mergeCommand.ts');
      return printsColor(m.MERGE_SPEC, (args, io, terminal) => m.mergeCommand(args, io, terminal));
    },
  },
  {
    name: 'mutants',
    args: '[scenario.yaml]',
    summary: 'the mutant catalogue (--list), or the mutation matrix of a target',
    load: async () => {
      const m = await import('./mutantsCommand.ts');
      return {
        spec: m.MUTANTS_SPEC,
        run: (args, io, signal) => m.mutantsCommand(args, io, processTerminal(io), signal),
      };
    },
  },
  {
    name: 'lint',
    args: '<spec.yaml>...',
    summary: 'validate a spec: every issue with file:line:col',
    load: async () => {
      const m = await import('./lintCommand.ts');
      return { spec: m.LINT_SPEC, run: (args, io) => m.lintCommand(args, io) };
    },
  },
  {
    name: 'diagram',
    args: '<spec.yaml>',
    summary: "a Mermaid stateDiagram-v2 of the spec's states and transitions",
    load: async () => {
      const m = await import('./diagramCommand.ts');
      return { spec: m.DIAGRAM_SPEC, run: (args, io) => m.diagramCommand(args, io) };
    },
  },
  {
    name: 'init',
    args: '',
    summary: 'write a scenario, a vitest test and a GitHub Actions workflow for your emulator',
    load: async () => {
      const m = await import('./initCommand.ts');
      return { spec: m.INIT_SPEC, run: (args, io) => m.initCommand(args, io) };
    },
  },
  {
    name: 'serve',
    args: '',
    summary: 'the built-in Lambda emulator on 127.0.0.1',
    stopsAs: 'server',
    load: async () => {
      const m = await import('./serveCommand.ts');
      return { spec: m.SERVE_SPEC, run: (args, io, signal) => m.serveCommand(args, io, signal) };
    },
  },
  {
    name: 'cleanup',
    args: '',
    summary: 'delete functions a run left behind (by tag)',
    load: async () => {
      const m = await import('./cleanupCommand.ts');
      return { spec: m.CLEANUP_SPEC, run: (args, io) => m.cleanupCommand(args, io) };
    },
  },
];
