import { join, relative, resolve } from 'node:path';
import { excerpt } from '../errors/excerpt.ts';
import { HarnessError } from '../errors/HarnessError.ts';
import type { OptionNaming } from '../options/OptionNaming.ts';
import { reportFilesNamed } from '../reporters/registry.ts';
import type { Scenario } from '../spec/Scenario.ts';
import type { YPos } from '../spec/YNode.ts';
import { directoryProblem, fileProblem } from '../text/writableProblem.ts';
import type { RunOptions } from './RunOptions.ts';

/** Who gave an output path: an option, a key of the scenario file, or the default. */
export type OutputGiver =
  | { readonly kind: 'option'; readonly key: keyof RunOptions }
  | {
      readonly kind: 'scenario';
      readonly file: string;
      readonly key: string;
      readonly pos: YPos | undefined;
    }
  | { readonly kind: 'default'; readonly key: keyof RunOptions };

/** One output of a run: where it goes, as given and resolved, and what is written there. */
export interface RunOutput {
  readonly giver: OutputGiver;
  /** The path as its giver wrote it (messages show it so). */
  readonly shownAs: string;
  readonly path: string;
  /** `directory`: files are written into it (`files`: the bare names, when known). */
  readonly kind: 'directory' | 'file';
  /** What is written, for the message: `the reports`, `the trace`. */
  readonly what: string;
  readonly files?: readonly string[];
}

function who(giver: OutputGiver, shownAs: string, naming: OptionNaming): string {
  switch (giver.kind) {
    case 'option':
      return `${naming.prefix}${naming.option(giver.key)}`;
    case 'scenario': {
      const { line, column } = giver.pos ?? { line: 1, column: 1 };
      return `${giver.file}:${String(line)}:${String(column)}: scenario '${giver.key}'`;
    }
    case 'default':
      return `${naming.prefix}${naming.option(giver.key)} (default '${excerpt(shownAs)}')`;
  }
}

/** Why `output` cannot be written, or undefined when it can. */
async function problemOf(output: RunOutput): Promise<string | undefined> {
  if (output.kind === 'file') return fileProblem(output.path);
  const problem = await directoryProblem(output.path);
  if (problem !== undefined) return problem;
  for (const name of output.files ?? []) {
    const file = join(output.path, name);
    const fileIssue = await fileProblem(file);
    if (fileIssue !== undefined) return `'${file}': ${fileIssue}`;
  }
  return undefined;
}

/**
 * Probes every output of a run before anything runs (see `directoryProblem`, `fileProblem`): the
 * reports' directory and files, the trace, the baseline to write, the regressions directory. The
 * first that cannot be written is a HarnessError `OUTPUT_UNWRITABLE`, one line naming who gave
 * the path (the flag, the scenario key located in its file, or the default) and why:
 * `--out: cannot write the reports to '/proc/x': cannot create '/proc/x' (ENOENT: …).`
 */
export async function probeRunOutputs(
  outputs: readonly RunOutput[],
  naming: OptionNaming,
): Promise<void> {
  for (const output of outputs) {
    const problem = await problemOf(output);
    if (problem === undefined) continue;
    throw new HarnessError(
      'OUTPUT_UNWRITABLE',
      `${who(output.giver, output.shownAs, naming)}: cannot write ${output.what} to '${excerpt(output.shownAs)}': ${problem}.`,
    );
  }
}

/** What {@link runOutputsOf} reads: the options, the scenario and what the run resolved. */
export interface RunOutputSources {
  readonly options: RunOptions;
  readonly scenario: Scenario;
  /** The reporters that run and the directory they write into (undefined: none writes a file). */
  readonly reports: { readonly names: readonly string[]; readonly outDir: string | undefined };
  /** The directory counterexamples are saved into, undefined with `--no-save`. */
  readonly regressionsDir: string | undefined;
  readonly writeBaseline: { readonly shownAs: string; readonly file: string } | undefined;
}

/** The outputs of a run, each with who gave its path: what {@link probeRunOutputs} checks. */
export function runOutputsOf(sources: RunOutputSources): RunOutput[] {
  const { options, scenario, reports, regressionsDir, writeBaseline } = sources;
  const outputs: RunOutput[] = [];
  const files = reportFilesNamed(reports.names);
  if (reports.outDir !== undefined && files.length > 0) {
    const giver: OutputGiver =
      options.out !== undefined
        ? { kind: 'option', key: 'out' }
        : scenario.out !== undefined
          ? { kind: 'scenario', file: scenario.file, key: 'out', pos: scenario.places?.out }
          : { kind: 'default', key: 'out' };
    // The scenario's `out` is kept resolved against its file: shown whole, as it is used.
    const shownAs =
      options.out ??
      (scenario.out !== undefined ? scenario.out : relative(process.cwd(), reports.outDir));
    outputs.push({
      giver,
      shownAs,
      path: reports.outDir,
      kind: 'directory',
      what: 'the reports',
      files,
    });
  }
  if (options.record !== undefined) {
    outputs.push({
      giver: { kind: 'option', key: 'record' },
      shownAs: options.record,
      path: resolve(options.record),
      kind: 'file',
      what: 'the trace',
    });
  }
  if (writeBaseline !== undefined) {
    outputs.push({
      giver: { kind: 'option', key: 'writeBaseline' },
      shownAs: writeBaseline.shownAs,
      path: writeBaseline.file,
      kind: 'file',
      what: 'the baseline',
    });
  }
  if (regressionsDir !== undefined) {
    outputs.push({
      giver: { kind: options.regressions === undefined ? 'default' : 'option', key: 'regressions' },
      shownAs: options.regressions ?? relative(process.cwd(), regressionsDir),
      path: regressionsDir,
      kind: 'directory',
      what: 'counterexamples',
    });
  }
  return outputs;
}
