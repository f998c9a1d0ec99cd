import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors/HarnessError.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { diffExitCode, diffTargets, type DiffSource, type DiffWork } from '../diff/diffTargets.ts';
import { capWaits, commonCapabilities, generateSequences } from '../runner/generateSequences.ts';
import { readTrace, traceIssuesError, type TraceRun } from '../traces/readTrace.ts';
import { DEFAULT_SPEC } from '../run/defaults.ts';
import { probeOutDirectory } from './probeOut.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import { TARGET_FLAG_TABLE } from '../run/targetFlags.ts';
import { DEFAULT_TIMING } from '../runner/ResolvedRun.ts';
import { traceCommands } from '../traces/traceCommands.ts';
import { validateTrace } from '../traces/validateTrace.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Capabilities } from '../targets/Target.ts';
import {
  type DiffTargetFlags,
  openDiffSource,
  parseDiffTarget,
  REAL_TIME_TIMING,
  type OpenedSource,
} from './diffSources.ts';
import { formatDiff } from './formatDiff.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';
import { recordedSpecFile } from './recordedSpec.ts';
import { makeDirectory } from '../text/makeDirectory.ts';
import { excerpt } from '../errors/excerpt.ts';

/** The file diff writes into `--out`. */
const DIFF_FILE = 'diff.json';

/** Longest wait a differential run keeps when a side runs on real time (ms). */
export const REAL_TIME_MAX_WAIT_MS = 3_000;

/** The options of `diff`: its two sides, the sequences, and `run`'s target flags for aws sides. */
interface DiffOptions
  extends Pick<RunOptions, 'runs' | 'seed' | 'maxCommands' | 'out' | 'reading'>, DiffTargetFlags {
  readonly targets?: readonly string[];
  readonly spec?: string;
}

/** `diff`: two targets, and how many sequences to run on both. */
export const DIFF_SPEC: CommandSpec<DiffOptions> = {
  options: {
    targets: {
      flag: 'target',
      kind: 'list',
      commaSeparated: false,
      value: 'A',
      help: 'a side, given twice: memory[:mutant,…], emulator[:mutant,…], http(s)://…, trace:FILE.jsonl',
    },
    runs: { ...RUN_OPTION_TABLE.runs, help: 'generated sequences (default 50; a trace: its runs)' },
    seed: RUN_OPTION_TABLE.seed,
    maxCommands: {
      ...RUN_OPTION_TABLE.maxCommands,
      help: 'most commands per sequence (default 20)',
    },
    out: { ...RUN_OPTION_TABLE.out, help: 'where diff.json goes (default reports/)' },
    reading: RUN_OPTION_TABLE.reading,
    spec: {
      flag: 'spec',
      kind: 'path',
      value: 'FILE',
      help: "the spec that judges the answers (default: the trace's, else the shipped one)",
    },
    role: TARGET_FLAG_TABLE.role,
    region: TARGET_FLAG_TABLE.region,
    events: {
      ...TARGET_FLAG_TABLE.events,
      help: 'http(s) sides: environment events as HTTP requests on their control API',
    },
  },
  positionals: false,
  description:
    'Runs the same sequences with the same timing on both sides and lists every answer that differs, with the error message of each, as "both allowed by the spec" or "only one conforms". A side goes on past a divergence; what differs after one is marked so. Exit 0 when every difference is allowed, 1 when one is not, 2 on bad input, 3 when a side does not answer.',
};

function realTimeNote(sides: readonly OpenedSource[]): string[] {
  if (sides.every((s) => s.capabilities.virtualTime)) return [];
  return [
    `a side runs on real time: waits longer than ${REAL_TIME_MAX_WAIT_MS / 1000} s are shortened to ${REAL_TIME_MAX_WAIT_MS / 1000} s, ` +
      'Settle is left out of generated sequences, and simulated sides use fixed delays (provisioning and update 200 ms, ' +
      'version 500 ms, reactivation 2 s): answers that depend on timing may differ and then show as both allowed',
  ];
}

/**
 * `lambda-conformance diff --target A --target B [--runs N] [--seed N] [--max-commands N]
 * [--out DIR] [--reading R] [--spec S] [--role ARN] [--region R] [--events FILE]`: runs the same
 * sequences with the same timing on two targets and reports every operation they answer
 * differently, as "both allowed by the spec" or "only one conforms" (naming the target and the
 * rule), with each side's error message; a side goes on past a divergence. Writes `diff.json` to
 * `--out`. Exit 0 when every difference is allowed, 1 when one is not, 2 on bad input, 3 when a
 * side does not answer.
 */
export async function diffCommand(
  args: readonly string[],
  io: Io,
  _terminal: Terminal,
  signal?: AbortSignal,
): Promise<number> {
  const { values } = readArgv('diff', DIFF_SPEC, args);
  const texts = values.targets ?? [];
  if (texts.length !== 2) {
    throw new HarnessError(
      'BAD_FLAG',
      `diff: expected exactly two --target flags (e.g. --target memory --target emulator), got ${texts.length}.`,
    );
  }
  const specs = texts.map(parseDiffTarget);
  const out = await probeOutDirectory(values.out, [DIFF_FILE], DIFF_FILE);
  const traceIndex = specs.findIndex((s) => s.kind === 'trace');
  if (specs.every((s) => s.kind === 'trace')) {
    throw new HarnessError(
      'BAD_FLAG',
      'diff: at most one --target may be a trace: the other side replays it.',
    );
  }
  const traceSpec = specs[traceIndex];
  const traceRuns: TraceRun[] | undefined =
    traceSpec?.kind === 'trace'
      ? await readTrace(resolve(traceSpec.file), traceSpec.file)
      : undefined;
  const runsFlag = values.runs;
  const recordedSpec = traceRuns?.[0]?.header.spec.file;
  const spec = await loadSpec(
    values.spec !== undefined
      ? resolve(values.spec)
      : recordedSpec !== undefined
        ? recordedSpecFile(recordedSpec)
        : resolve(DEFAULT_SPEC),
  );
  if (traceRuns !== undefined && traceSpec?.kind === 'trace') {
    const issues = validateTrace(traceRuns, spec);
    if (issues.length > 0) throw traceIssuesError(traceSpec.file, issues);
  }
  const reading = values.reading ?? traceRuns?.[0]?.header.reading ?? spec.defaultReading;
  if (!spec.readings.has(reading)) {
    const hint = didYouMean(reading, spec.readings.keys()) ?? '';
    throw new HarnessError(
      'BAD_FLAG',
      `--reading: the spec has no reading '${excerpt(reading)}'. ${hint}`.trim(),
    );
  }
  if (values.events !== undefined && !specs.some((s) => s.kind === 'endpoint')) {
    throw new HarnessError(
      'BAD_FLAG',
      '--events: no side is an http(s):// endpoint; the built-in emulator maps its events to its own control API.',
    );
  }
  const flags: DiffTargetFlags = {
    ...(values.role !== undefined ? { role: values.role } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values.events !== undefined ? { events: values.events } : {}),
  };
  const ctx = { spec, reading, flags, ...(signal !== undefined ? { signal } : {}) };
  const opened: OpenedSource[] = [];
  try {
    const sources: DiffSource[] = [];
    for (const [i, s] of specs.entries()) {
      const name = texts[i] ?? s.kind;
      if (s.kind === 'trace') {
        // What the recording target could not see is not compared, nor checked on that side.
        const unobservable = new Set((traceRuns ?? []).flatMap((r) => r.header.unobservable ?? []));
        sources.push({ kind: 'trace', name, spec, reading, unobservable });
      } else {
        let side: OpenedSource;
        try {
          side = await openDiffSource(s, name, ctx);
        } catch (error) {
          // A side that does not answer is infrastructure trouble: inconclusive, never "no differences".
          if (!(error instanceof HarnessError && error.code === 'TARGET_UNREACHABLE')) throw error;
          io.err(`diff: inconclusive: ${error.message}\n`);
          return 3;
        }
        opened.push(side);
        sources.push(side.source);
      }
    }
    const [a, b] = sources;
    if (a === undefined || b === undefined) throw new Error('diff: two sides expected');
    const realTime = opened.some((s) => !s.capabilities.virtualTime);
    const notes = realTimeNote(opened);
    let work: DiffWork[];
    let seed: number | undefined;
    if (traceRuns !== undefined) {
      const runs = traceRuns.slice(0, runsFlag ?? traceRuns.length);
      notes.push(
        `${texts[traceIndex] ?? 'trace'}: ${runs.length} recorded runs replayed on the other side (Settle polls replayed as waits and GetFunction calls)`,
      );
      work = runs.map((run) => {
        const sequence = traceCommands(run);
        const commands = realTime
          ? capWaits(sequence.commands, REAL_TIME_MAX_WAIT_MS)
          : sequence.commands;
        return { timing: run.header.timing, commands, recorded: { run, sequence } };
      });
    } else {
      seed = values.seed ?? Math.floor(Math.random() * 2 ** 31);
      const [capsA, capsB] = opened.map((s) => s.capabilities);
      const capabilities: Capabilities | undefined =
        capsA !== undefined && capsB !== undefined ? commonCapabilities(capsA, capsB) : undefined;
      if (capabilities === undefined) throw new Error('diff: two live sides expected');
      work = generateSequences(spec, {
        runs: runsFlag ?? 50,
        seed,
        maxCommands: values.maxCommands ?? 20,
        functions: 1,
        weights: realTime ? { Settle: 0 } : {},
        capabilities,
        timing: realTime ? REAL_TIME_TIMING : DEFAULT_TIMING,
        ...(realTime ? { maxWaitMs: REAL_TIME_MAX_WAIT_MS } : {}),
      });
    }
    const report = await diffTargets({
      a,
      b,
      work,
      spec,
      reading,
      notes,
      ...(seed !== undefined ? { seed } : {}),
      ...(signal !== undefined ? { signal } : {}),
    });
    io.out(`${formatDiff(report)}\n`);
    await makeDirectory(out);
    await writeFile(join(out, DIFF_FILE), `${JSON.stringify(report, null, 2)}\n`);
    return diffExitCode(report);
  } finally {
    for (const side of opened) await side.dispose();
  }
}
