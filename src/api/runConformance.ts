import { HarnessError } from '../errors/HarnessError.ts';
import { fieldNaming } from '../options/OptionNaming.ts';
import type { Terminal } from '../reporters/Reporter.ts';
import { commandLineOf } from '../run/commandLineOf.ts';
import { executeRun } from '../run/executeRun.ts';
import { resolveRun } from '../run/resolveRun.ts';
import type { RunOptions } from '../run/RunOptions.ts';
import type { RunRecord } from '../runner/RunRecord.ts';
import { processIo } from '../text/Io.ts';
import type { ConformanceOptions } from './ConformanceOptions.ts';
import { scenarioPathOf, type ScenarioPath } from './ScenarioPath.ts';

function terminalOf(options: ConformanceOptions): Terminal {
  return { io: processIo, isTTY: false, color: false, env: options.env ?? process.env };
}

function asHarnessError(error: unknown): HarnessError {
  if (error instanceof HarnessError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HarnessError('INTERNAL', `runConformance: internal error: ${message}`, {
    cause: error,
  });
}

/**
 * Runs a conformance suite from a scenario file, as `lambda-conformance run <scenario>` does, and
 * returns the run record: resolves the scenario and options, opens the target, runs its preflight
 * checks, replays saved regressions, generates and checks the sequences, applies the `minCoverage`
 * gate and the `baseline`, and — only when `options.out` is given — lets the reporters write
 * there. The target is always disposed of (an emulator it started is stopped), whether the run
 * ends, fails or is aborted through `options.signal`.
 *
 * A divergence is not an error: it is in the record (`verdict`, `divergences`; {@link exitCodeOf}
 * gives the CLI's exit code). Nothing is printed unless `reporters` names `console`.
 *
 * @param scenario A scenario file (`scenarios/default.yaml`), relative to the working directory,
 *   or a `file:` URL.
 * @throws HarnessError for bad input (the scenario, the spec, an option: the CLI's one-line
 *   messages, `code` `BAD_OPTION` naming the option for an option of this function) and for
 *   failures of the harness or the target (`code` `INTERNAL` when the cause was not already a
 *   HarnessError).
 */
export async function runConformance(
  scenario: ScenarioPath,
  options: ConformanceOptions = {},
): Promise<RunRecord> {
  const { onBaseline, signal, onProgress } = options;
  const file = scenarioPathOf(scenario);
  // The hooks ride along: the resolver and the command line read only the run options' fields.
  const runOptions: RunOptions = options;
  try {
    const prepared = await resolveRun(file, runOptions, {
      commandLine: commandLineOf(file, runOptions),
      signal,
      naming: fieldNaming('runConformance'),
      reports: 'requested',
    });
    const { record } = await executeRun(prepared, {
      terminal: terminalOf(options),
      ...(onProgress !== undefined ? { onProgress } : {}),
      ...(onBaseline !== undefined
        ? { onBaseline: (r) => onBaseline({ file: r.file, stale: r.stale, expired: r.expired }) }
        : {}),
    });
    return record;
  } catch (error) {
    throw asHarnessError(error);
  }
}
