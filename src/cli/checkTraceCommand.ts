import { resolve } from 'node:path';
import { knownRulesFor } from '../baseline/Baseline.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import {
  createReporters,
  reportFilesNamed,
  reportFilesOf,
  withCiReporter,
} from '../reporters/registry.ts';
import { probeOutDirectory } from './probeOut.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { applyBaselineStep, loadBaselineStep, noticeStale } from '../run/baselineStep.ts';
import { DEFAULT_REPORTERS } from '../run/defaults.ts';
import { exitCodeOf } from '../run/exitCodeOf.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import { checkTrace } from '../traces/checkTrace.ts';
import { readTrace, traceIssuesError } from '../traces/readTrace.ts';
import { validateTrace } from '../traces/validateTrace.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';
import { recordedSpecFile } from './recordedSpec.ts';
import { makeDirectory } from '../text/makeDirectory.ts';
import { excerpt } from '../errors/excerpt.ts';

/** Observation fields `--unobservable` may name (what a target without a real handler cannot see). */
const UNOBSERVABLE = ['ranCode', 'ranConfig'] as const;

/** The options of `check-trace`: most are `run`'s, applied to a recorded trace. */
interface CheckTraceOptions extends Pick<
  RunOptions,
  'reading' | 'strictness' | 'out' | 'reporters' | 'baseline' | 'writeBaseline'
> {
  readonly spec?: string;
  readonly unobservable?: readonly string[];
}

/** `check-trace`: a trace file, and the options that check and report it. */
export const CHECK_TRACE_SPEC: CommandSpec<CheckTraceOptions> = {
  options: {
    spec: {
      flag: 'spec',
      kind: 'path',
      value: 'FILE',
      help: 'the spec to check against (default: the one the trace names)',
    },
    reading: RUN_OPTION_TABLE.reading,
    strictness: RUN_OPTION_TABLE.strictness,
    out: { ...RUN_OPTION_TABLE.out, help: 'where the reports go (default reports/)' },
    reporters: {
      ...RUN_OPTION_TABLE.reporters,
      help: 'which reporters run (default console,json,junit,markdown; github-actions too in GitHub Actions)',
    },
    unobservable: {
      flag: 'unobservable',
      kind: 'list',
      value: 'ranCode,ranConfig',
      help: 'observation fields the recording target could not see',
    },
    baseline: RUN_OPTION_TABLE.baseline,
    writeBaseline: RUN_OPTION_TABLE.writeBaseline,
  },
  positionals: true,
  description:
    "Checks a trace recorded with 'run --record' against the spec, with no target; reports it like a run.",
};

function unobservableOf(names: readonly string[]): Set<string> {
  for (const name of names) {
    if (!(UNOBSERVABLE as readonly string[]).includes(name)) {
      const hint = didYouMean(name, UNOBSERVABLE) ?? '';
      throw new HarnessError(
        'BAD_FLAG',
        `--unobservable: '${excerpt(name)}' is not an observation field that can be left out; expected ${UNOBSERVABLE.join(' or ')}. ${hint}`.trim(),
      );
    }
  }
  return new Set(names);
}

/**
 * `lambda-conformance check-trace FILE.jsonl [--spec S] [--reading R] [--out DIR] [--reporter …]
 * [--baseline FILE] [--unobservable ranCode,ranConfig]`: checks a trace recorded with
 * `run --record` (or imported) against the spec with no target, and reports it like a run (same
 * record, same reporters, same exit codes: 0 conformant, 1 divergence, 2 bad input, 3
 * inconclusive). Every line is first validated against the spec (`validateTrace`): a line that
 * does not speak the spec's language is bad input naming `file:line`, never a divergence.
 */
export async function checkTraceCommand(
  args: readonly string[],
  io: Io,
  terminal: Terminal,
): Promise<number> {
  const { values, positionals } = readArgv('check-trace', CHECK_TRACE_SPEC, args);
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) {
    throw new HarnessError(
      'BAD_FLAG',
      `check-trace: expected exactly one trace file (written by 'run --record FILE.jsonl'), got ${positionals.length}.`,
    );
  }
  const flagged = unobservableOf(values.unobservable ?? []);
  const named = values.reporters ?? [];
  const reporterNames = named.length > 0 ? named : withCiReporter(DEFAULT_REPORTERS, terminal.env);
  const reporters = createReporters(reporterNames, terminal);
  const outDir = await probeOutDirectory(
    values.out,
    reportFilesNamed(reporterNames),
    'the reports',
  );
  const baseline = await loadBaselineStep(values);
  const runs = await readTrace(resolve(file), file);
  // What the recording target could not see is in the trace; --unobservable adds to it.
  const unobservable = new Set([...flagged, ...runs.flatMap((r) => r.header.unobservable ?? [])]);
  const recordedSpec = runs[0]?.header.spec.file;
  if (recordedSpec === undefined) throw new HarnessError('BAD_TRACE', `${file}: no run to check.`);
  const spec = await loadSpec(
    values.spec === undefined ? recordedSpecFile(recordedSpec) : resolve(values.spec),
  );
  const issues = validateTrace(runs, spec);
  if (issues.length > 0) throw traceIssuesError(file, issues);
  const { reading } = values;
  if (reading !== undefined && !spec.readings.has(reading)) {
    const hint = didYouMean(reading, spec.readings.keys()) ?? '';
    throw new HarnessError(
      'BAD_FLAG',
      `--reading: the spec has no reading '${excerpt(reading)}'. ${hint}`.trim(),
    );
  }
  const recorded = runs[0]?.header;
  const { record, warnings } = checkTrace({
    spec,
    runs,
    file,
    unobservable,
    // As the live run did: checking goes on past divergences the baseline lists.
    ...(baseline.baseline !== undefined && recorded !== undefined
      ? {
          knownRules: knownRulesFor(baseline.baseline, {
            name: recorded.target,
            mutants: recorded.mutants,
          }),
        }
      : {}),
    commandLine: ['npx lambda-conformance check-trace', ...args].join(' '),
    ...(reading !== undefined ? { reading } : {}),
    ...(values.strictness !== undefined ? { strictness: values.strictness } : {}),
  });
  const notice = (line: string): void => io.err(`${line}\n`);
  for (const w of warnings) notice(`check-trace: ${w}`);
  const baselined = await applyBaselineStep(record, baseline, notice);
  await makeDirectory(outDir);
  const reportFiles = reportFilesOf(reporters);
  for (const r of reporters)
    await r.finish(baselined.record, { ...terminal, outDir, spec, reportFiles });
  noticeStale(baselined, baseline, notice);
  return exitCodeOf(baselined.record);
}
