import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { knownRulesFor } from '../baseline/Baseline.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import { createReporters } from '../reporters/registry.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { checkTrace } from '../traces/checkTrace.ts';
import { readTrace, traceIssuesError } from '../traces/readTrace.ts';
import { validateTrace } from '../traces/validateTrace.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import {
  applyBaselineFlags,
  BASELINE_FLAG_OPTIONS,
  finishBaseline,
  readBaselineFlags,
} from './baselineStep.ts';
import type { Io } from './Io.ts';
import { parseFlags } from './parseFlags.ts';
import { DEFAULT_REPORTERS } from './resolveRun.ts';
import { exitCodeOf } from './runCommand.ts';

/** Observation fields `--unobservable` may name (what a target without a real handler cannot see). */
const UNOBSERVABLE = ['ranCode', 'ranConfig'] as const;

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function unobservableOf(value: unknown): Set<string> {
  const names = list(value);
  for (const name of names) {
    if (!(UNOBSERVABLE as readonly string[]).includes(name)) {
      const hint = didYouMean(name, UNOBSERVABLE) ?? '';
      throw new HarnessError(
        'BAD_FLAG',
        `--unobservable: '${name}' is not an observation field that can be left out; expected ${UNOBSERVABLE.join(' or ')}. ${hint}`.trim(),
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
  const { values, positionals } = parseFlags(
    'check-trace',
    args,
    {
      spec: { type: 'string' },
      reading: { type: 'string' },
      out: { type: 'string' },
      reporter: { type: 'string', multiple: true },
      unobservable: { type: 'string', multiple: true },
      ...BASELINE_FLAG_OPTIONS,
    },
    true,
  );
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) {
    throw new HarnessError(
      'BAD_FLAG',
      `check-trace: expected exactly one trace file (written by 'run --record FILE.jsonl'), got ${positionals.length}.`,
    );
  }
  const flagged = unobservableOf(values['unobservable']);
  const reporterNames = list(values['reporter']);
  const reporters = createReporters(
    reporterNames.length > 0 ? reporterNames : DEFAULT_REPORTERS,
    terminal,
  );
  const baselineFlags = await readBaselineFlags(values);
  const runs = await readTrace(resolve(file), file);
  // What the recording target could not see is in the trace; --unobservable adds to it.
  const unobservable = new Set([...flagged, ...runs.flatMap((r) => r.header.unobservable ?? [])]);
  const specFile = typeof values['spec'] === 'string' ? values['spec'] : runs[0]?.header.spec.file;
  if (specFile === undefined) throw new HarnessError('BAD_TRACE', `${file}: no run to check.`);
  const spec = await loadSpec(resolve(specFile));
  const issues = validateTrace(runs, spec);
  if (issues.length > 0) throw traceIssuesError(file, issues);
  const reading = typeof values['reading'] === 'string' ? values['reading'] : undefined;
  if (reading !== undefined && !spec.readings.has(reading)) {
    const hint = didYouMean(reading, spec.readings.keys()) ?? '';
    throw new HarnessError(
      'BAD_FLAG',
      `--reading: the spec has no reading '${reading}'. ${hint}`.trim(),
    );
  }
  const recorded = runs[0]?.header;
  const { record, warnings } = checkTrace({
    spec,
    runs,
    file,
    unobservable,
    // As the live run did: checking goes on past divergences the baseline lists.
    ...(baselineFlags.baseline !== undefined && recorded !== undefined
      ? {
          knownRules: knownRulesFor(baselineFlags.baseline, {
            name: recorded.target,
            mutants: recorded.mutants,
          }),
        }
      : {}),
    commandLine: ['npx lambda-conformance check-trace', ...args].join(' '),
    ...(reading !== undefined ? { reading } : {}),
  });
  for (const w of warnings) io.err(`check-trace: ${w}`);
  const baselined = await applyBaselineFlags(record, baselineFlags, io);
  const outDir = resolve(typeof values['out'] === 'string' ? values['out'] : 'reports');
  await mkdir(outDir, { recursive: true });
  for (const r of reporters) await r.finish(baselined.record, { ...terminal, outDir, spec });
  return finishBaseline(baselined, baselineFlags, exitCodeOf(baselined.record), io);
}
