import { resolve } from 'node:path';
import { describeObservation } from '../monitor/Verdict.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { resolveRun } from '../run/resolveRun.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import { loadCounterexample } from '../runner/Counterexample.ts';
import { expectedKey, replaySequence } from '../runner/replay.ts';
import { unobservableFields } from '../runner/runConformance.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { parseArgv } from './parseArgv.ts';

/** The options of `replay`: where to replay, when not where the counterexample was found. */
type ReplayOptions = Pick<RunOptions, 'target' | 'endpoint' | 'mutants' | 'reading'>;

/** `replay`: the counterexample file, and the `run` options that choose another target. */
export const REPLAY_SPEC: CommandSpec<ReplayOptions> = {
  options: {
    target: RUN_OPTION_TABLE.target,
    endpoint: RUN_OPTION_TABLE.endpoint,
    mutants: RUN_OPTION_TABLE.mutants,
    reading: RUN_OPTION_TABLE.reading,
  },
  positionals: true,
  description:
    'Replays on the recorded target, mutants and reading unless the options say otherwise. Exit 0 when the recorded verdict is reproduced, 1 when it is not.',
};
import { citationText } from '../spec/citationText.ts';

/**
 * `lambda-conformance replay <file>`: re-runs a saved counterexample on a fresh session of the
 * recorded target (or the one the flags name) and says whether it reproduces. Exit 0 when the
 * recorded verdict is reproduced, 1 when it is not, 2 on bad input.
 */
export async function replayCommand(
  args: readonly string[],
  io: Io,
  _terminal: Terminal,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgv('replay', REPLAY_SPEC, args);
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) {
    io.err(
      'replay: expected exactly one counterexample file, e.g. scenarios/regressions/update-code-in-progress-1a2b3c.json\n',
    );
    return 2;
  }
  const cx = await loadCounterexample(resolve(file));
  const mutants = values.mutants ?? [...cx.target.mutants];
  const { run, opened } = await resolveRun(
    undefined,
    {
      target: values.target ?? cx.target.name,
      ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
      mutants,
      reading: values.reading ?? cx.reading,
      save: false,
      runs: 1,
    },
    {
      commandLine: `npx lambda-conformance replay ${file}`,
      signal,
      // The endpoint and emulator delays the counterexample was found with, unless flags say otherwise.
      targetOverrides: {
        ...(cx.target.endpoint !== undefined && values.target === undefined
          ? { endpoint: cx.target.endpoint }
          : {}),
        ...(cx.target.emulator !== undefined ? { emulator: cx.target.emulator } : {}),
      },
    },
  );
  try {
    await opened.preflight();
    const outcome = await replaySequence(
      run,
      cx.timing,
      cx.commands,
      unobservableFields(run).fields,
      expectedKey(cx),
    );
    io.out(
      `Replaying ${file} (${cx.commands.length} commands) on ${opened.info.name}${mutants.length > 0 ? ` with ${mutants.join(', ')}` : ''}:\n`,
    );
    for (const entry of outcome.trace) {
      io.out(
        `  +${(entry.at / 1000).toFixed(1)}s  ${entry.command}  →  ${entry.observation}  [${entry.verdict}${entry.rules.length > 0 ? `: ${entry.rules.join(', ')}` : ''}]\n`,
      );
    }
    const d = outcome.divergence?.explain();
    if (d !== undefined) {
      const first = d.verdict.expectations[0];
      io.out(
        `Divergence (${d.verdict.category}) at ${d.command}: ${describeObservation(d.verdict.observation)}\n`,
      );
      if (first !== undefined) {
        io.out(`  rule ${first.ruleId} expected ${first.expected}: ${first.reason}\n`);
        for (const c of first.cite) io.out(`  "${citationText(c)}" — ${c.source}\n`);
      }
    }
    const ruleId = d?.verdict.expectations[0]?.ruleId;
    const reproduced =
      outcome.verdict === cx.expected.verdict &&
      (cx.expected.ruleId === undefined ||
        ruleId === cx.expected.ruleId ||
        outcome.verdict !== 'divergence');
    const verdict = reproduced
      ? `Reproduced: ${cx.expected.verdict}${ruleId !== undefined ? ` (${ruleId})` : ''}.`
      : `Not reproduced: recorded ${cx.expected.verdict} ${cx.expected.ruleId ?? ''}, now ${outcome.verdict} ${ruleId ?? ''}.`.trim();
    io.out(`${verdict}\n`);
    return reproduced ? 0 : 1;
  } finally {
    await opened.dispose();
  }
}
