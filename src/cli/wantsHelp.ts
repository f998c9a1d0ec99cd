/**
 * Whether the arguments ask for the command's help (`--help` or `-h`, before any `--`). Apart from
 * the argument parser, so that answering `--help` does not load it.
 */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
