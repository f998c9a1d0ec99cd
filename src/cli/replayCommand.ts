import { resolve } from 'node:path';
import { describeObservation } from '../monitor/Verdict.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { loadCounterexample } from '../runner/Counterexample.ts';
import { replaySequence } from '../runner/replay.ts';
import { unobservableFields } from '../runner/runConformance.ts';
import type { Io } from './Io.ts';
import { parseFlags } from './parseFlags.ts';
import { resolveRun } from './resolveRun.ts';
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
  const { values, positionals } = parseFlags(
    'replay',
    args,
    {
      target: { type: 'string' },
      endpoint: { type: 'string' },
      mutant: { type: 'string', multiple: true },
      reading: { type: 'string' },
    },
    true,
  );
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) {
    io.err(
      'replay: expected exactly one counterexample file, e.g. scenarios/regressions/update-code-in-progress-1a2b3c.json',
    );
    return 2;
  }
  const cx = await loadCounterexample(resolve(file));
  const mutantFlag = values['mutant'];
  const mutants = Array.isArray(mutantFlag) ? mutantFlag.map(String) : [...cx.target.mutants];
  const { run, opened } = await resolveRun(
    {
      target: typeof values['target'] === 'string' ? values['target'] : cx.target.name,
      ...(typeof values['endpoint'] === 'string' ? { endpoint: values['endpoint'] } : {}),
      // The endpoint and emulator delays the counterexample was found with, unless flags say otherwise.
      targetOverrides: {
        ...(cx.target.endpoint !== undefined && values['target'] === undefined
          ? { endpoint: cx.target.endpoint }
          : {}),
        ...(cx.target.emulator !== undefined ? { emulator: cx.target.emulator } : {}),
      },
      mutants,
      reading: typeof values['reading'] === 'string' ? values['reading'] : cx.reading,
      allowAccounts: [],
      save: false,
      runs: '1',
    },
    signal,
    `npx lambda-conformance replay ${file}`,
  );
  try {
    await opened.preflight();
    const outcome = await replaySequence(
      run,
      cx.timing,
      cx.commands,
      unobservableFields(run).fields,
    );
    io.out(
      `Replaying ${file} (${cx.commands.length} commands) on ${opened.info.name}${mutants.length > 0 ? ` with ${mutants.join(', ')}` : ''}:`,
    );
    for (const entry of outcome.trace) {
      io.out(
        `  +${(entry.at / 1000).toFixed(1)}s  ${entry.command}  →  ${entry.observation}  [${entry.verdict}${entry.rules.length > 0 ? `: ${entry.rules.join(', ')}` : ''}]`,
      );
    }
    const d = outcome.divergence?.explain();
    if (d !== undefined) {
      const first = d.verdict.expectations[0];
      io.out(
        `Divergence (${d.verdict.category}) at ${d.command}: ${describeObservation(d.verdict.observation)}`,
      );
      if (first !== undefined) {
        io.out(`  rule ${first.ruleId} expected ${first.expected}: ${first.reason}`);
        for (const c of first.cite) io.out(`  "${citationText(c)}" — ${c.source}`);
      }
    }
    const ruleId = d?.verdict.expectations[0]?.ruleId;
    const reproduced =
      outcome.verdict === cx.expected.verdict &&
      (cx.expected.ruleId === undefined ||
        ruleId === cx.expected.ruleId ||
        outcome.verdict !== 'divergence');
    io.out(
      reproduced
        ? `Reproduced: ${cx.expected.verdict}${ruleId !== undefined ? ` (${ruleId})` : ''}.`
        : `Not reproduced: recorded ${cx.expected.verdict} ${cx.expected.ruleId ?? ''}, now ${outcome.verdict} ${ruleId ?? ''}.`.trim(),
    );
    return reproduced ? 0 : 1;
  } finally {
    await opened.dispose();
  }
}
