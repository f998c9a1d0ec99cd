import { formatIssue } from '../errors/HarnessError.ts';
import { lintSpec } from '../spec/lintSpec.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';

/** `lint`: spec files, no options. */
export const LINT_SPEC: CommandSpec<Record<never, never>> = {
  options: {},
  positionals: true,
  description:
    'Prints every issue of each spec as file:line:col: message. Exit 0 when every spec is clean, 2 otherwise.',
};

/**
 * `lambda-conformance lint <spec>...`: prints every issue one per line (`file:line:col: message
 * hint`) and returns the exit code, 0 when every spec is clean, 2 otherwise.
 */
export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const { positionals: files } = readArgv('lint', LINT_SPEC, args);
  if (files.length === 0) {
    io.err('lint: usage: lambda-conformance lint <spec.yaml>...\n');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const issues = await lintSpec(file);
    for (const issue of issues) io.out(`${formatIssue(issue)}\n`);
    if (issues.length === 0) io.out(`${file}: no issues\n`);
    failed ||= issues.length > 0;
  }
  return failed ? 2 : 0;
}
