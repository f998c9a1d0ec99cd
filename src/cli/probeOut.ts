import { resolve } from 'node:path';
import { flagNaming } from '../options/OptionNaming.ts';
import { DEFAULT_OUT } from '../run/defaults.ts';
import { probeRunOutputs, type RunOutput } from '../run/probeRunOutputs.ts';
import { RUN_OPTION_TABLE } from '../run/runOptionTable.ts';

/**
 * Probes a command's `--out` directory (default `reports/`) and the files it will write there,
 * before the command does its work, and returns the directory resolved.
 *
 * @throws HarnessError `OUTPUT_UNWRITABLE` naming `--out` and why, in one line.
 */
export async function probeOutDirectory(
  out: string | undefined,
  files: readonly string[],
  what: string,
): Promise<string> {
  const dir = resolve(out ?? DEFAULT_OUT);
  const output: RunOutput = {
    giver: { kind: out === undefined ? 'default' : 'option', key: 'out' },
    shownAs: out ?? DEFAULT_OUT,
    path: dir,
    kind: 'directory',
    what,
    files,
  };
  await probeRunOutputs([output], flagNaming(RUN_OPTION_TABLE));
  return dir;
}

/**
 * Probes a command's `--out FILE` before the command does its work.
 *
 * @throws HarnessError `OUTPUT_UNWRITABLE` naming `--out` and why, in one line.
 */
export async function probeOutFile(out: string, what: string): Promise<void> {
  const output: RunOutput = {
    giver: { kind: 'option', key: 'out' },
    shownAs: out,
    path: resolve(out),
    kind: 'file',
    what,
  };
  await probeRunOutputs([output], flagNaming(RUN_OPTION_TABLE));
}
