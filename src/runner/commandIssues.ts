import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import { formatCommand } from '../commands/HarnessCommand.ts';
import { closest } from '../errors/didYouMean.ts';
import { argumentIssues } from '../spec/argumentIssues.ts';
import type { Spec } from '../spec/Spec.ts';

/**
 * What keeps a saved sequence from being replayed against `spec`: operations the spec does not
 * have, their arguments (see `argumentIssues`), events it does not know. One message per problem,
 * each naming the command (`command 3 UpdateFunctionCode(fn0, cod=2): …`); none when every command
 * speaks the spec's language.
 */
export function commandIssues(spec: Spec, commands: readonly HarnessCommand[]): string[] {
  const issues: string[] = [];
  for (const [i, cmd] of commands.entries()) {
    const where = `command ${i + 1} ${formatCommand(cmd)}`;
    if (cmd.kind === 'op') {
      if (!spec.operations.has(cmd.op.name)) {
        const near = closest(cmd.op.name, spec.operations.keys());
        issues.push(
          `${where}: the spec has no operation '${cmd.op.name}'.${near === undefined ? '' : ` Did you mean '${near}'?`}`,
        );
        continue;
      }
      for (const issue of argumentIssues(spec, cmd.op.name, cmd.op.args))
        issues.push(`${where}: ${issue}`);
    } else if (cmd.kind === 'inject' && !spec.events.includes(cmd.event)) {
      issues.push(`${where}: the spec has no event '${cmd.event}'`);
    }
  }
  return issues;
}
