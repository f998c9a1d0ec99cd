import type { Terminal } from '../reporters/Reporter.ts';
import type { Io } from './Io.ts';
import { parseFlags } from './parseFlags.ts';

/**
 * `lambda-conformance mutants --list`: the mutant catalogue, one per line, name first.
 */
export async function mutantsCommand(
  args: readonly string[],
  io: Io,
  _terminal: Terminal,
  _signal?: AbortSignal,
): Promise<number> {
  const { values } = parseFlags('mutants', args, { list: { type: 'boolean' } }, false);
  const { MUTANTS } = await import('../targets/memory/mutants.ts');
  if (values['list'] === true) {
    const width = Math.max(...MUTANTS.map((m) => m.name.length));
    for (const m of MUTANTS) io.out(`${m.name.padEnd(width)}  ${m.description}`);
    return 0;
  }
  io.err('mutants: pass --list to print the catalogue.');
  return 2;
}
