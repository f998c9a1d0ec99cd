import { HarnessError } from '../errors/HarnessError.ts';
import { closest } from '../errors/didYouMean.ts';
import { createConsoleReporter } from './ConsoleReporter.ts';
import { createJsonReporter, JSON_REPORT_FILE } from './JsonReporter.ts';
import { createJunitReporter, JUNIT_REPORT_FILE } from './JunitReporter.ts';
import { createMarkdownReporter, MARKDOWN_REPORT_FILE } from './MarkdownReporter.ts';
import type { Reporter, ReporterFactory, Terminal } from './Reporter.ts';
import { excerpt } from '../errors/excerpt.ts';

/** Every reporter the harness ships, by the name scenarios and `--reporter` use. */
export const REPORTERS = {
  console: createConsoleReporter,
  json: createJsonReporter,
  junit: createJunitReporter,
  markdown: createMarkdownReporter,
} as const satisfies Readonly<Record<string, ReporterFactory>>;

/**
 * The files each reporter writes into the output directory (bare names): a run checks that it can
 * write them before anything runs.
 */
export const REPORTER_FILES: Readonly<Record<ReporterName, readonly string[]>> = {
  console: [],
  json: [JSON_REPORT_FILE],
  junit: [JUNIT_REPORT_FILE],
  markdown: [MARKDOWN_REPORT_FILE],
};

/** The files the reporters `names` write into the output directory; unknown names add none. */
export function reportFilesOf(names: readonly string[]): string[] {
  return names
    .map((n) => n.trim())
    .filter(isReporterName)
    .flatMap((n) => REPORTER_FILES[n]);
}

/** A registered reporter name. */
export type ReporterName = keyof typeof REPORTERS;

/** The registered names, in registry order. */
export const REPORTER_NAMES: readonly ReporterName[] = Object.keys(REPORTERS) as ReporterName[];

/** Whether `name` is a registered reporter. */
export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}

/**
 * Builds a fresh reporter for each name, in the given order, a name given twice only once.
 * `terminal` is what the console reporter draws live progress on.
 *
 * @throws HarnessError `UNKNOWN_REPORTER` for a name not in the registry, with the closest known
 *   name and the full list.
 */
export function createReporters(names: readonly string[], terminal: Terminal): Reporter[] {
  const unique = [...new Set(names.map((n) => n.trim()))];
  const unknown = unique.filter((n) => !isReporterName(n));
  if (unknown.length > 0) {
    throw new HarnessError('UNKNOWN_REPORTER', unknown.map(unknownMessage).join('\n'));
  }
  return unique.filter(isReporterName).map((name) => REPORTERS[name](terminal));
}

function unknownMessage(name: string): string {
  const suggestion = closest(name, REPORTER_NAMES);
  const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
  return `unknown reporter '${excerpt(name)}'.${hint} Known reporters: ${REPORTER_NAMES.join(', ')}.`;
}
