/** Flags that choose which sequences a run makes: a replay of one sequence names its own. */
const SELECTING = new Set([
  '--seed',
  '--path',
  '--runs',
  '--concurrency',
  '--shard',
  '--time-budget',
]);

/**
 * The command that replays one sequence of a run: the run's command line without the flags that
 * chose its sequences (`--seed`, `--path`, `--runs`, `--concurrency`, `--shard`, `--time-budget`,
 * in `--flag value` or `--flag=value` form), then `--seed` with the seed of the sequence's lane and
 * `--path` with its printed path (the one sequence, stopped at its first divergence). Without a
 * path, `--runs` with the lane's runs: a lane of a split run is replayed by its own seed only when
 * run alone and unsplit.
 */
export function replayCommandLine(
  commandLine: string,
  seed: number,
  at: { readonly path: string } | { readonly runs: number },
): string {
  const words = commandLine.split(' ');
  const kept: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const flag = word.split('=', 1)[0] ?? word;
    if (SELECTING.has(flag)) {
      if (!word.includes('=')) i += 1;
      continue;
    }
    kept.push(word);
  }
  const tail = 'path' in at ? ['--path', at.path] : ['--runs', String(at.runs)];
  return [...kept, '--seed', String(seed), ...tail].join(' ');
}
