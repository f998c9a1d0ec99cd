import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { openTarget, type OpenedTarget } from '../connect/openTarget.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import { describeObservation } from '../monitor/Verdict.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { DEFAULT_SPEC } from '../run/defaults.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import { TARGET_FLAG_TABLE, type TargetFlags } from '../run/targetFlags.ts';
import { commandIssues } from '../runner/commandIssues.ts';
import { loadCounterexample, type Counterexample } from '../runner/Counterexample.ts';
import { expectedKey, replaySequence, type ReplayOutcome } from '../runner/replay.ts';
import { judgeReplay, replayExitCode, replayVerdictText } from '../runner/replayVerdict.ts';
import { citationText } from '../spec/citationText.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { unobservableFieldsOf } from '../targets/unobservableFields.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';
import { replayTarget } from './replayTarget.ts';

/** The options of `replay`: `run`'s target flags, and how to judge, when not as recorded. */
type ReplayOptions = TargetFlags & Pick<RunOptions, 'reading' | 'strictness' | 'spec'>;

/** `replay`: the counterexample file, and the `run` options that override what it recorded. */
export const REPLAY_SPEC: CommandSpec<ReplayOptions> = {
  options: {
    ...TARGET_FLAG_TABLE,
    reading: RUN_OPTION_TABLE.reading,
    strictness: RUN_OPTION_TABLE.strictness,
    spec: { ...RUN_OPTION_TABLE.spec, help: 'the spec to judge by, instead of the recorded one' },
  },
  positionals: true,
  description:
    'Replays on the recorded target with its recorded settings (endpoint, event mapping, role, mutants, reading, strictness); each option overrides one. A recorded endpoint URL must be running. Exit codes as run: 0 conformant now (the bug is fixed), 1 diverges (as recorded, or differently), 2 bad input, 3 inconclusive (the endpoint does not answer).',
};

/** The spec a replay judges by: `--spec`, else the recorded one, else the package's own. */
async function replaySpec(
  cx: Counterexample,
  flag: string | undefined,
  io: Io,
  file: string,
): Promise<Spec> {
  const recorded = existsSync(resolve(cx.spec.file)) ? cx.spec.file : undefined;
  const spec = await loadSpec(resolve(flag ?? recorded ?? DEFAULT_SPEC));
  if (spec.hash !== cx.spec.hash) {
    const missing = flag === undefined && recorded === undefined ? ' (not found)' : '';
    io.err(
      `replay: warning: ${file} was recorded against ${cx.spec.file}${missing} @ ${cx.spec.hash.slice(0, 12)}, ` +
        `replaying against ${relative(process.cwd(), spec.file)} @ ${spec.hash.slice(0, 12)}: the verdict may differ from the recorded one\n`,
    );
  }
  return spec;
}

/** The reading to judge by; a bad one names where it came from. */
function replayReading(spec: Spec, cx: Counterexample, flag: string | undefined, file: string) {
  const reading = flag ?? cx.reading;
  if (spec.readings.has(reading)) return reading;
  const hint = didYouMean(reading, spec.readings.keys()) ?? '';
  throw new HarnessError(
    flag === undefined ? 'COUNTEREXAMPLE_INVALID' : 'BAD_FLAG',
    `${flag === undefined ? `${file}: "reading"` : '--reading'}: the spec has no reading '${reading}'. ${hint}`.trim(),
  );
}

/** Refuses a sequence the spec or the target cannot replay, before anything is sent. */
function checkReplayable(cx: Counterexample, spec: Spec, opened: OpenedTarget, file: string): void {
  const issues = commandIssues(spec, cx.commands);
  const { events } = opened.target.capabilities;
  for (const [i, cmd] of cx.commands.entries()) {
    if (cmd.kind === 'inject' && !events.includes(cmd.event))
      issues.push(
        `command ${i + 1} Inject(${cmd.event}, ${cmd.fn}) needs the target to produce '${cmd.event}', and it has no event mapping for it: give one (--events FILE) or replay on the built-in emulator (--endpoint emulator)`,
      );
  }
  if (issues.length > 0)
    throw new HarnessError(
      'COUNTEREXAMPLE_INVALID',
      `${file}: cannot be replayed: ${issues.join('; ')}.`,
    );
}

function printOutcome(io: Io, outcome: ReplayOutcome): void {
  for (const entry of outcome.trace) {
    io.out(
      `  +${(entry.at / 1000).toFixed(1)}s  ${entry.command}  →  ${entry.observation}  [${entry.verdict}${entry.rules.length > 0 ? `: ${entry.rules.join(', ')}` : ''}]\n`,
    );
  }
  const d = outcome.divergence?.explain();
  if (d === undefined) return;
  const first = d.verdict.expectations[0];
  io.out(
    `Divergence (${d.verdict.category}) at ${d.command}: ${describeObservation(d.verdict.observation)}\n`,
  );
  if (first === undefined) return;
  io.out(`  rule ${first.ruleId} expected ${first.expected}: ${first.reason}\n`);
  for (const c of first.cite) io.out(`  "${citationText(c)}" — ${c.source}\n`);
}

/**
 * `lambda-conformance replay <file> [run's target flags] [--reading R] [--strictness S] [--spec S]`:
 * re-runs a saved counterexample on a fresh session of the target it recorded (with its recorded
 * settings: endpoint, event mapping, role, mutants…), or of the one the flags name, and compares
 * the outcome with the recorded verdict, rule and category. Exit codes as `run`: 0 conformant now
 * (the bug is fixed), 1 diverges (as recorded or differently), 2 bad input, 3 inconclusive (the
 * endpoint does not answer, a step could not be judged).
 */
export async function replayCommand(
  args: readonly string[],
  io: Io,
  _terminal: Terminal,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = readArgv('replay', REPLAY_SPEC, args);
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) {
    io.err(
      'replay: expected exactly one counterexample file, e.g. scenarios/regressions/update-code-in-progress-1a2b3c.json\n',
    );
    return 2;
  }
  const cx = await loadCounterexample(resolve(file));
  const spec = await replaySpec(cx, values.spec, io, file);
  const reading = replayReading(spec, cx, values.reading, file);
  const { target, notes } = await replayTarget(cx.target, values);
  for (const note of notes) io.err(`replay: note: ${note}\n`);
  const opened = await openTarget(target, reading);
  try {
    checkReplayable(cx, spec, opened, file);
    try {
      await opened.preflight();
    } catch (error) {
      // A target that does not answer is infrastructure trouble, as in `run`: inconclusive.
      if (!(error instanceof HarnessError && error.code === 'TARGET_UNREACHABLE')) throw error;
      io.err(`replay: inconclusive: ${error.message}\n`);
      return 3;
    }
    const { info } = opened;
    io.out(
      `Replaying ${file} (${cx.commands.length} commands) on ${info.name}${info.endpoint !== undefined ? ` at ${info.endpoint}` : ''}${info.mutants.length > 0 ? ` with ${info.mutants.join(', ')}` : ''}:\n`,
    );
    const unobservable = new Set([
      ...(cx.unobservable ?? []),
      ...unobservableFieldsOf(opened.target.capabilities),
    ]);
    const outcome = await replaySequence(
      {
        spec,
        reading,
        strictness: values.strictness ?? cx.strictness ?? 'all',
        target: opened.target,
        signal,
      },
      cx.timing,
      cx.commands,
      unobservable,
      expectedKey(cx),
    );
    printOutcome(io, outcome);
    // The target refused the harness's own request (see setupRefusal): a setup problem, as in `run`.
    const { setupError } = outcome.tally;
    if (setupError !== undefined) {
      io.err(`${setupError.message}\n`);
      return 2;
    }
    const verdict = judgeReplay(cx.expected, outcome);
    io.out(`${replayVerdictText(verdict)}\n`);
    return replayExitCode(verdict);
  } finally {
    await opened.dispose();
  }
}
