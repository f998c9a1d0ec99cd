import { writeFile } from 'node:fs/promises';
import { probeOutFile } from './probeOut.ts';
import { formatIssue, SpecError } from '../errors/HarnessError.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import { renderDiagram } from '../spec/renderDiagram.ts';
import { prepareStateEdges } from '../spec/stateEdges.ts';
import type { Io } from '../text/Io.ts';
import type { CommandSpec } from './CommandSpec.ts';
import { readArgv } from './parseArgv.ts';

/** `diagram`: a spec file, and where to write the diagram. */
export const DIAGRAM_SPEC: CommandSpec<{ readonly out?: string }> = {
  options: {
    out: {
      flag: 'out',
      kind: 'path',
      value: 'FILE',
      help: 'write the diagram to FILE (in a ```mermaid fence when it ends in .md) instead of printing it',
    },
  },
  positionals: true,
};

/**
 * `lambda-conformance diagram <spec> [--out file]`: prints the diagram, or writes it to `file` (inside a
 * ```mermaid fence when the file ends in `.md`). Returns the exit code: 0, or 2 for a bad spec, a bad
 * argument or an unwritable file, with the reason on `err` and never a stack trace.
 */
export async function diagramCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = readArgv('diagram', DIAGRAM_SPEC, args);
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1) {
    io.err('diagram: usage: lambda-conformance diagram <spec.yaml> [--out file]\n');
    return 2;
  }
  // Probed first: a path that cannot be written (a pipe nobody reads) fails at once, never hangs.
  if (values.out !== undefined) await probeOutFile(values.out, 'the diagram');
  let text: string;
  try {
    const spec = await loadSpec(file);
    await prepareStateEdges(spec);
    text = renderDiagram(spec);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    for (const issue of error.issues) io.err(`${formatIssue(issue)}\n`);
    return 2;
  }
  const { out } = values;
  if (out === undefined) {
    io.out(text);
    return 0;
  }
  try {
    await writeFile(out, out.endsWith('.md') ? `\`\`\`mermaid\n${text}\`\`\`\n` : text);
  } catch (error) {
    io.err(`diagram: cannot write ${out}: ${(error as Error).message}\n`);
    return 2;
  }
  io.out(`diagram: wrote ${out}\n`);
  return 0;
}
