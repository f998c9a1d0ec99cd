import { readFile } from 'node:fs/promises';
import { ScenarioError } from '../errors/HarnessError.ts';
import { IssueSink } from './IssueSink.ts';
import { parseYaml } from './parseYaml.ts';
import { readEvents } from './readScenarioTarget.ts';
import type { ScenarioTarget } from './Scenario.ts';

/**
 * Reads an event mapping file (`--events FILE`): YAML or JSON, the form of a scenario's
 * `target.events` — each environment event to `{ method, url, body? }`. `file` is the path as the
 * user gave it (issues carry it).
 *
 * @throws ScenarioError listing every problem with its line and column, or that the file cannot be
 *   read.
 */
export async function loadEventMapping(
  file: string,
): Promise<NonNullable<ScenarioTarget['events']>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new ScenarioError([
      {
        code: 'file-unreadable',
        file,
        line: 1,
        column: 1,
        message: `--events: cannot read the event mapping: ${reason}.`,
        hint: 'Check the path.',
      },
    ]);
  }
  const sink = new IssueSink(file);
  const parsed = parseYaml(text, file);
  sink.addAll(parsed.issues);
  if (parsed.root === undefined && parsed.issues.length === 0) {
    sink.report(
      'wrong-type',
      { line: 1, column: 1 },
      '--events: the file is empty.',
      "Map each event to { method, url, body? }, as a scenario's target.events.",
    );
  }
  const events =
    parsed.root === undefined || parsed.issues.length > 0 ? {} : readEvents(parsed.root, sink);
  if (sink.count > 0) throw new ScenarioError(sink.issues);
  return events;
}
